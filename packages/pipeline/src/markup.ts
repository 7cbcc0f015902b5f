/**
 * Inline markup the pipeline understands, independent of language:
 *
 * - bracket tags anywhere in text: `[pause:1.5s]` (also `500ms`, `2`), `[voice:af_sky]`
 *   (a name or blend expression, `[voice]` or `[voice:]` returns to the call's voice);
 * - an SSML subset when the input starts with `<speak`: `<speak>`, `<break time="500ms"/>` or
 *   `strength="…"`, `<phoneme ph="…">text</phoneme>`, `<sub alias="…">text</sub>`,
 *   `<say-as interpret-as="characters|cardinal|ordinal">…</say-as>`,
 *   `<prosody rate="slow|x-slow|medium|fast|x-fast|80%|1.2">…</prosody>`, `<voice name="…">…</voice>`.
 *
 * Anything that looks like markup but is malformed is read as text (and reported), never a crash.
 */

/** SSML `<break strength>` durations, as Kokoro-FastAPI maps them (spec §9.4). */
export const BREAK_STRENGTHS: Readonly<Record<string, number>> = {
  none: 0,
  'x-weak': 0,
  weak: 0.25,
  medium: 0.5,
  strong: 1,
  'x-strong': 1.5,
};

/** SSML `<prosody rate>` keywords as speed multipliers. */
const RATE_KEYWORDS: Readonly<Record<string, number>> = {
  'x-slow': 0.6,
  slow: 0.8,
  medium: 1,
  default: 1,
  fast: 1.25,
  'x-fast': 1.5,
};

/** The longest pause one tag may ask for, so a typo cannot stall a stream for hours. */
export const MAX_PAUSE_SECONDS = 60;

/** `1.5s`, `500ms`, `2` (seconds) → seconds; undefined when malformed or out of range. */
export function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?\s*$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const seconds = match[2]?.toLowerCase() === 'ms' ? amount / 1000 : amount;
  return Number.isFinite(seconds) && seconds <= MAX_PAUSE_SECONDS ? seconds : undefined;
}

/** `slow`, `80%`, `1.2` → a speed multiplier; undefined when malformed. */
export function parseRate(value: string): number | undefined {
  const keyword = RATE_KEYWORDS[value.trim().toLowerCase()];
  if (keyword !== undefined) return keyword;
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  const rate = percent
    ? Number(percent[1]) / 100
    : /^\s*\d+(?:\.\d+)?\s*$/.test(value)
      ? Number(value)
      : Number.NaN;
  return Number.isFinite(rate) && rate >= 0.25 && rate <= 4 ? rate : undefined;
}

/** A bracket tag at the start of `text`: complete, incomplete (wait for more), or not a tag. */
export type BracketTag =
  | { kind: 'pause'; seconds: number; length: number }
  | { kind: 'voice'; voice: string | undefined; length: number }
  | { kind: 'malformed'; length: number; message: string }
  | { kind: 'incomplete' }
  | undefined;

const BRACKET_PREFIX = /^\[(?:p(?:a(?:u(?:s(?:e)?)?)?)?|v(?:o(?:i(?:c(?:e)?)?)?)?)?$/i;
/**
 * Longest bracket tag, `[` to `]`. Only this many characters are looked at, so the answer is
 * the same however the text is split into pieces, and costs the same wherever a `[` is.
 */
export const MAX_TAG_LENGTH = 200;
/** Longest SSML tag, `<` to `>`; a longer one is read as text. */
export const MAX_SSML_TAG_LENGTH = 1000;

export function readBracketTag(text: string, closed: boolean): BracketTag {
  if (!text.startsWith('[')) return undefined;
  const end = text.slice(0, MAX_TAG_LENGTH).indexOf(']');
  if (end < 0) {
    if (text.length >= MAX_TAG_LENGTH) return tooLongTag(text);
    if (closed) return undefined;
    // Wait only while what we have can still become a tag: "[", "[pa", "[pause:1."…
    const head = text.slice(0, text.indexOf(':') < 0 ? text.length : text.indexOf(':'));
    return BRACKET_PREFIX.test(head) || /^\[(pause|voice):/i.test(text) ? { kind: 'incomplete' } : undefined;
  }
  const body = text.slice(1, end);
  const match = /^(pause|voice)(?::(.*))?$/is.exec(body);
  if (!match) return undefined;
  const length = end + 1;
  const name = match[1]!.toLowerCase();
  const value = (match[2] ?? '').trim();
  if (name === 'voice') return { kind: 'voice', voice: value === '' ? undefined : value, length };
  const seconds = parseDuration(value);
  return seconds === undefined
    ? {
        kind: 'malformed',
        length,
        message: `Read ${text.slice(0, length)} as text: a pause is written [pause:1.5s] or [pause:500ms] (at most ${MAX_PAUSE_SECONDS} s).`,
      }
    : { kind: 'pause', seconds, length };
}

/** `[pause:` or `[voice:` with no `]` within the limit: read as text, and said so. */
function tooLongTag(text: string): BracketTag {
  const name = /^\[(pause|voice):/i.exec(text)?.[1];
  if (name === undefined) return undefined;
  return {
    kind: 'malformed',
    length: MAX_TAG_LENGTH,
    message:
      `Read ${text.slice(0, 40)}… as text: it has no ']' within ${MAX_TAG_LENGTH} characters, ` +
      `the longest a [${name.toLowerCase()}:…] tag may be.`,
  };
}

/** A parsed XML-ish tag. */
export interface SsmlTag {
  name: string;
  attributes: Record<string, string>;
  closing: boolean;
  selfClosing: boolean;
  length: number;
}

/** An SSML tag at the start of `text`; 'incomplete' while its `>` has not arrived. */
export function readSsmlTag(text: string, closed: boolean): SsmlTag | 'incomplete' | undefined {
  if (!text.startsWith('<')) return undefined;
  const end = text.slice(0, MAX_SSML_TAG_LENGTH).indexOf('>');
  if (end < 0) return closed || text.length >= MAX_SSML_TAG_LENGTH ? undefined : 'incomplete';
  const match = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>$/.exec(
    text.slice(0, end + 1),
  );
  if (!match) return undefined;
  const attributes: Record<string, string> = {};
  for (const attr of match[3]!.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[attr[1]!.toLowerCase()] = decodeEntities(attr[2] ?? attr[3] ?? '');
  }
  return {
    name: match[2]!.toLowerCase(),
    attributes,
    closing: match[1] === '/',
    selfClosing: match[4] === '/',
    length: end + 1,
  };
}

/** The XML entities SSML text may contain. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
