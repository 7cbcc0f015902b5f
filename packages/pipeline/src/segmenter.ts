import { MarkupError } from './errors';
import {
  BREAK_STRENGTHS,
  decodeEntities,
  MAX_SSML_TAG_LENGTH,
  MAX_TAG_LENGTH,
  parseDuration,
  parseRate,
  readBracketTag,
  readSsmlTag,
  type SsmlTag,
} from './markup';

/**
 * Incremental text segmentation for streaming: text arrives in pieces (e.g. an LLM's tokens),
 * and sentences and clauses leave as soon as their end is certain. Works for every Kokoro
 * language: Latin punctuation needs a following space (so `3.14`, `e.g.x` and URLs never
 * split), CJK punctuation (。！？；，、：) does not. A boundary never falls inside a word.
 *
 * The segmenter also reads the inline markup of `markup.ts`, so pauses, voice switches and
 * SSML elements come out as events in text order.
 */

/** Why a piece of text ended. */
export type Boundary = 'sentence' | 'clause' | 'paragraph' | 'inline' | 'forced' | 'end';

/** How a piece of text is to be spoken (from markup). */
export interface TextStyle {
  /** A voice (or blend) from `[voice:…]` or SSML `<voice>`; undefined = the call's voice. */
  voice: string | undefined;
  /** A speed multiplier from SSML `<prosody rate>`; 1 = the call's speed. */
  rate: number;
}

export type SegmentEvent =
  | {
      type: 'text';
      /** The text to phonemize (markup removed, entities decoded), without surrounding whitespace. */
      text: string;
      /** Whitespace that followed it in the source. */
      whitespace: string;
      boundary: Boundary;
      style: TextStyle;
      /** Phonemes given by markup (SSML `<phoneme ph>`), bypassing the G2P. */
      phonemes?: string;
    }
  | { type: 'pause'; seconds: number; markup: string }
  | { type: 'markup'; markup: string; warning?: string };

const SENTENCE_END = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉']);
const CJK_SENTENCE_END = new Set(['。', '！', '？', '｡']);
const CLAUSE_END = new Set([',', ';', ':']);
const CJK_CLAUSE_END = new Set(['，', '、', '；', '：', '､']);
const DASHES = new Set(['—', '―']);
/** Closing quotes and brackets that stay with the sentence they end. */
const CLOSERS = new Set([
  '"',
  "'",
  ')',
  ']',
  '}',
  '”',
  '’',
  '»',
  '›',
  '」',
  '』',
  '）',
  '】',
  '〕',
  '》',
  '〉',
  '］',
  '｝',
]);

/** Abbreviations whose dot does not end a sentence (kokoro-js's list, spec §12.5, plus a few). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr sgt col gen rep sen gov lt maj capt st mt etc co inc ltd dept vs p pg ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec sun mon tu tue tues wed th thu thur thurs fri sat ' +
    'e.g i.e cf al approx no vol fig ch ca est'
  ).split(' '),
);

/** Longest piece without a boundary before a cut is forced (at a space where possible). */
export const MAX_PIECE_CHARS = 300;

export interface SegmenterOptions {
  /** Read SSML: 'auto' (default) when the input starts with `<speak`, or always / never. */
  ssml?: 'auto' | 'always' | 'never';
  maxPieceChars?: number;
}

/**
 * Deepest nesting of SSML `<prosody>` and `<voice>`. Real documents nest a few levels; the limit
 * keeps a pathological input from costing time and memory per level.
 */
export const MAX_SSML_DEPTH = 100;

interface StyleFrame {
  tag: string;
  voice?: string | undefined;
  rate?: number;
}

export class StreamSegmenter {
  private buffer = '';
  private closed = false;
  private ssml: boolean | undefined;
  private bracketVoice: string | undefined;
  private readonly frames: StyleFrame[] = [];
  private readonly maxPiece: number;
  private readonly ssmlMode: 'auto' | 'always' | 'never';
  /** The bracket at the start of the buffer turned out not to be a tag: read it as text. */
  private literalBracket = false;
  /**
   * Where the text scans resume, so that each character is looked at a bounded number of times
   * however the input is split: no markup starts in `1 … tagScanFrom - 1` (whether a position
   * starts markup depends only on the text from there on, so this survives consuming text
   * before it), and no boundary ends in `0 … boundaryScanFrom - 1` of the current piece.
   */
  private tagScanFrom = 1;
  private boundaryScanFrom = 0;
  private examined = 0;

  constructor(options: SegmenterOptions = {}) {
    this.maxPiece = options.maxPieceChars ?? MAX_PIECE_CHARS;
    this.ssmlMode = options.ssml ?? 'auto';
  }

  push(text: string): void {
    if (this.closed) throw new Error('StreamSegmenter: push() after close()');
    this.buffer += text;
  }

  close(): void {
    this.closed = true;
  }

  /** Characters the text scans have looked at so far: grows linearly with the input (for tests and benchmarks). */
  get charactersExamined(): number {
    return this.examined;
  }

  /** True once the input is closed and everything has been handed out. */
  get done(): boolean {
    return this.closed && this.buffer.length === 0;
  }

  /** True when text is buffered (so the next event does not depend on more input arriving). */
  get buffered(): boolean {
    return this.buffer.trim().length > 0;
  }

  /**
   * The next event that is certain from the text so far, or `undefined` when more input is
   * needed (or everything is done). Every call that returns an event consumes input, so a
   * loop over `next()` always ends.
   */
  next(): SegmentEvent | undefined {
    this.skipLeadingWhitespace();
    if (this.buffer.length === 0) return undefined;
    if (!this.decideSsml()) return undefined;
    const first = this.buffer[0];
    if (first === '[' && !this.literalBracket) {
      const event = this.readBracket();
      if (event !== 'text') return event;
    } else if (first === '<' && this.ssml) {
      const event = this.readSsml();
      if (event !== 'text') return event;
    }
    return this.readText();
  }

  private skipLeadingWhitespace(): void {
    // Whitespace between pieces was already recorded on the piece before it.
    this.takeWhitespace();
  }

  private decideSsml(): boolean {
    if (this.ssml !== undefined) return true;
    if (this.ssmlMode !== 'auto') {
      this.ssml = this.ssmlMode === 'always';
      return true;
    }
    // Decide only once a character after "<speak" has arrived: "<speak" alone may yet become
    // "<speak>" or "<speaker>".
    const head = this.buffer.slice(0, 6).toLowerCase();
    if (!this.closed && this.buffer.length <= 6 && '<speak'.startsWith(head)) return false;
    this.ssml = /^<speak[\s>/]/i.test(this.buffer) || (this.closed && /^<speak$/i.test(this.buffer));
    return true;
  }

  private style(): TextStyle {
    let voice = this.bracketVoice;
    let rate = 1;
    for (const frame of this.frames) {
      if (frame.voice !== undefined) voice = frame.voice;
      if (frame.rate !== undefined) rate *= frame.rate;
    }
    return { voice, rate };
  }

  /** Every change to the buffer goes through here, so the scan positions stay right. */
  private consume(length: number): string {
    if (length === 0) return '';
    this.literalBracket = false;
    const taken = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    this.tagScanFrom = Math.max(1, this.tagScanFrom - length);
    this.boundaryScanFrom = 0; // a boundary may depend on the text before it (abbreviations, line starts)
    return taken;
  }

  private readBracket(): SegmentEvent | undefined | 'text' {
    const tag = readBracketTag(this.buffer, this.closed);
    if (tag === undefined) return 'text';
    if (tag.kind === 'incomplete') return undefined;
    if (tag.kind === 'malformed') {
      // Read as plain text, and say so.
      this.literalBracket = true;
      return { type: 'markup', markup: this.buffer.slice(0, tag.length), warning: tag.message };
    }
    const markup = this.consume(tag.length);
    if (tag.kind === 'pause') return { type: 'pause', seconds: tag.seconds, markup };
    this.bracketVoice = tag.voice;
    return { type: 'markup', markup };
  }

  private readSsml(): SegmentEvent | undefined | 'text' {
    const tag = readSsmlTag(this.buffer, this.closed);
    if (tag === undefined) return 'text';
    if (tag === 'incomplete') return undefined;
    if (!tag.closing && !tag.selfClosing && CONTENT_ELEMENTS.has(tag.name))
      return this.readContentElement(tag);
    const markup = this.consume(tag.length);
    return this.applySsmlTag(tag, markup);
  }

  private applySsmlTag(tag: SsmlTag, markup: string): SegmentEvent {
    const { name, attributes } = tag;
    if (name === 'speak') return { type: 'markup', markup };
    if (name === 'break') {
      const seconds =
        attributes.time !== undefined
          ? parseDuration(attributes.time)
          : BREAK_STRENGTHS[attributes.strength ?? 'medium'];
      if (seconds === undefined)
        return { type: 'markup', markup, warning: `Ignored ${markup}: unreadable break time or strength.` };
      return { type: 'pause', seconds, markup };
    }
    if (name === 'prosody' || name === 'voice') {
      if (tag.closing) {
        const at = this.frames.map((f) => f.tag).lastIndexOf(name);
        if (at < 0) return { type: 'markup', markup, warning: `Ignored ${markup}: no matching opening tag.` };
        this.frames.splice(at);
        return { type: 'markup', markup };
      }
      if (tag.selfClosing) return { type: 'markup', markup };
      if (this.frames.length >= MAX_SSML_DEPTH) {
        throw new MarkupError(
          'SSML_TOO_DEEP',
          `SSML <prosody> and <voice> elements nest more than ${MAX_SSML_DEPTH} levels deep (at ${markup}); ` +
            'close elements before opening new ones.',
        );
      }
      if (name === 'voice') {
        const voice = attributes.name?.trim();
        this.frames.push({ tag: name, voice: voice === '' ? undefined : voice });
        return voice
          ? { type: 'markup', markup }
          : { type: 'markup', markup, warning: `${markup} has no name; the voice is unchanged.` };
      }
      const rate = attributes.rate === undefined ? 1 : parseRate(attributes.rate);
      this.frames.push({ tag: name, rate: rate ?? 1 });
      return rate === undefined
        ? {
            type: 'markup',
            markup,
            warning: `Ignored the rate of ${markup}: use x-slow…x-fast, a percentage or a number from 0.25 to 4.`,
          }
        : { type: 'markup', markup };
    }
    if (tag.closing && CONTENT_ELEMENTS.has(name))
      return { type: 'markup', markup, warning: `Ignored ${markup}: no matching opening tag.` };
    return {
      type: 'markup',
      markup,
      warning: `Ignored unsupported SSML tag ${markup}; its text is read as usual.`,
    };
  }

  /** `<phoneme>`, `<sub>`, `<say-as>`: wait for the whole element, then emit it as one piece. */
  private readContentElement(tag: SsmlTag): SegmentEvent | undefined | 'text' {
    const content = this.buffer.slice(tag.length);
    this.examined += content.length;
    const close = new RegExp(`</${tag.name}\\s*>`, 'i').exec(content);
    if (!close) {
      if (!this.closed && this.buffer.length < 20 * this.maxPiece) return undefined;
      const markup = this.consume(tag.length);
      return {
        type: 'markup',
        markup,
        warning: `Ignored ${markup}: it is never closed; its text is read as usual.`,
      };
    }
    const inner = this.buffer.slice(tag.length, tag.length + close.index);
    const markupLength = tag.length + close.index + close[0].length;
    this.consume(markupLength);
    const whitespace = this.takeWhitespace();
    const text = decodeEntities(inner.replace(/<[^>]*>/g, '')).trim();
    const base = { type: 'text' as const, whitespace, boundary: 'inline' as const, style: this.style() };
    const { attributes } = tag;
    if (tag.name === 'phoneme') {
      return attributes.ph ? { ...base, text, phonemes: attributes.ph } : { ...base, text };
    }
    if (tag.name === 'sub') return { ...base, text: attributes.alias ?? text };
    return { ...base, text: sayAs(text, attributes['interpret-as'] ?? '') };
  }

  private takeWhitespace(): string {
    return this.consume(/^\s*/.exec(this.buffer)![0].length);
  }

  private readText(): SegmentEvent | undefined {
    const { end, tagPending } = this.findMarkup();
    const region = this.buffer.slice(0, end);
    const final = this.closed || (end < this.buffer.length && !tagPending);
    const found = scanBoundary(region, final, this.boundaryScanFrom);
    this.examined +=
      (found === undefined ? region.length : 'waitAt' in found ? found.waitAt : found.index) -
      this.boundaryScanFrom;
    if (found === undefined) this.boundaryScanFrom = region.length;
    else if ('waitAt' in found) {
      this.boundaryScanFrom = found.waitAt;
      return undefined;
    } else return this.emitText(found.index, found.boundary);
    if (final) return this.emitText(region.length, end < this.buffer.length ? 'inline' : 'end');
    // Also while a tag is still arriving: the text before it need not wait for it.
    if (region.length > this.maxPiece) return this.emitText(forcedCut(region, this.maxPiece), 'forced');
    return undefined;
  }

  /**
   * Text runs until the next markup. A bracket that is not a tag is plain text; a tag that is
   * still arriving ends the text only once it is complete. Tag readers look at a bounded window.
   */
  private findMarkup(): { end: number; tagPending: boolean } {
    for (let i = this.tagScanFrom; i < this.buffer.length; i++) {
      this.examined++;
      const ch = this.buffer[i];
      let tag: ReturnType<typeof readBracketTag> | ReturnType<typeof readSsmlTag>;
      if (ch === '[') {
        const window = this.buffer.slice(i, i + MAX_TAG_LENGTH + 1);
        this.examined += window.length;
        tag = readBracketTag(window, this.closed);
      } else if (ch === '<' && this.ssml) {
        const window = this.buffer.slice(i, i + MAX_SSML_TAG_LENGTH + 1);
        this.examined += window.length;
        tag = readSsmlTag(window, this.closed);
      }
      if (tag === undefined) {
        this.tagScanFrom = i + 1;
        continue;
      }
      const pending = tag === 'incomplete' || ('kind' in tag && tag.kind === 'incomplete');
      return { end: i, tagPending: pending };
    }
    return { end: this.buffer.length, tagPending: false };
  }

  private emitText(index: number, boundary: Boundary): SegmentEvent {
    const raw = this.consume(index);
    const whitespace = /\s*$/.exec(raw)![0] + this.takeWhitespace();
    const paragraph = boundary !== 'end' && /\n/.test(whitespace) ? 'paragraph' : boundary;
    const text = this.ssml ? decodeEntities(raw.trim()) : raw.trim();
    return { type: 'text', text, whitespace, boundary: paragraph, style: this.style() };
  }
}

const CONTENT_ELEMENTS = new Set(['phoneme', 'sub', 'say-as']);

/** `<say-as>` content as plain text the G2P reads: spelled characters; numbers as digits. */
function sayAs(text: string, interpretAs: string): string {
  const kind = interpretAs.toLowerCase();
  if (kind === 'characters' || kind === 'spell-out' || kind === 'letters') {
    return [...text.replace(/\s+/g, '')].join(' ');
  }
  if (kind === 'ordinal') return /^\d+$/.test(text) ? `${text}${ordinalSuffix(Number(text))}` : text;
  return text;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}

/**
 * The first certain boundary in `text`: the index just past the punctuation (and any closing
 * quotes or brackets) that ends a sentence or clause. 'wait' when a boundary may be there but
 * the next characters have not arrived; undefined when there is none.
 */
export function findBoundary(
  text: string,
  final: boolean,
): { index: number; boundary: Boundary } | 'wait' | undefined {
  const found = scanBoundary(text, final, 0);
  return found !== undefined && 'waitAt' in found ? 'wait' : found;
}

/**
 * {@link findBoundary} from `from` on (nothing before it may end a piece), saying where it had to
 * stop and wait, so a caller can resume there when more text arrives. A position that is not a
 * boundary stays so as text is added: every decision that needs the next characters waits.
 */
function scanBoundary(
  text: string,
  final: boolean,
  from: number,
): { index: number; boundary: Boundary } | { waitAt: number } | undefined {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      if (i > 0) return { index: i, boundary: 'paragraph' };
      continue;
    }
    if (CJK_SENTENCE_END.has(ch) || CJK_CLAUSE_END.has(ch)) {
      const end = skipClosers(text, skipRun(text, i + 1, CJK_SENTENCE_END));
      if (end === text.length && !final) return { waitAt: i };
      return { index: end, boundary: CJK_SENTENCE_END.has(ch) ? 'sentence' : 'clause' };
    }
    if (SENTENCE_END.has(ch)) {
      const result = latinSentenceEnd(text, i, final);
      if (result === 'wait') return { waitAt: i };
      if (result !== undefined) return { index: result, boundary: 'sentence' };
      i = skipRun(text, i + 1, SENTENCE_END) - 1;
      continue;
    }
    if (CLAUSE_END.has(ch) || DASHES.has(ch)) {
      if (ch === ';' && /&(?:[a-z]+|#\d+|#x[\da-f]+)$/i.test(text.slice(Math.max(0, i - 12), i))) continue; // &amp;
      const end = skipClosers(text, i + 1);
      if (end === text.length) {
        if (!final) return { waitAt: i };
        return { index: end, boundary: 'clause' };
      }
      if (DASHES.has(ch) || /\s/.test(text[end]!)) return { index: end, boundary: 'clause' };
    }
  }
  return undefined;
}

/** The end of a Latin sentence at `i`, undefined if it is not one, or 'wait'. */
function latinSentenceEnd(text: string, i: number, final: boolean): number | 'wait' | undefined {
  const runEnd = skipRun(text, i + 1, SENTENCE_END);
  const end = skipClosers(text, runEnd);
  if (end === text.length) return final ? end : 'wait';
  if (!/\s/.test(text[end]!)) return undefined; // 3.14, example.com, e.g.x
  const nextStart = text.slice(end).search(/\S/);
  // Only whitespace so far after the dot: with the input closed, it is the end. While input is
  // still arriving, decide from the word before the dot, so a finished sentence is not held
  // back waiting for the next token; only an abbreviation, an initial or a list number waits.
  const next = nextStart < 0 ? undefined : text[end + nextStart]!;
  if (next === undefined && final) return end;
  const run = text.slice(i, runEnd);
  if (/^[.…]+$/.test(run)) {
    if (next !== undefined && /\p{Ll}/u.test(next)) return undefined; // "e.g. this", "wait... what"
    const word = precedingWord(text, i);
    const upperNext = next === undefined ? 'wait' : /\p{Lu}/u.test(next);
    const ambiguous =
      ABBREVIATIONS.has(
        word
          .toLowerCase()
          .replace(/[’']s$/, '')
          .replace(/\.+$/, ''),
      ) ||
      (/^\p{Lu}$/u.test(word) && upperNext) || // initials: "J. Smith"
      (/^(?:\p{L}\.)+\p{L}$/u.test(word) && upperNext) || // "U.S. Army"
      (/^\d+$/.test(word) && isLineStart(text, i - word.length)); // "1. First"
    if (ambiguous) return next === undefined ? 'wait' : undefined;
  }
  return end;
}

function precedingWord(text: string, i: number): string {
  let start = i;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return text.slice(start, i).replace(/^[("'“‘[]+/, '');
}

function isLineStart(text: string, index: number): boolean {
  let k = index - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  return k < 0 || text[k] === '\n';
}

function skipRun(text: string, i: number, set: ReadonlySet<string>): number {
  let k = i;
  while (k < text.length && set.has(text[k]!)) k++;
  return k;
}

function skipClosers(text: string, i: number): number {
  return skipRun(text, i, CLOSERS);
}

/**
 * Where to cut a long run without punctuation: the last space before `max`, else a CJK edge;
 * never inside a word, never between the two halves of a surrogate pair.
 */
function forcedCut(text: string, max: number): number {
  const space = text.lastIndexOf(' ', max);
  if (space > max / 3) return space;
  // No usable space (e.g. CJK): cut between two characters that are not both letters of a word.
  for (let k = max; k > max / 3; k--) {
    if (splitsPair(text, k)) continue;
    if (!(/[\p{Script=Latin}\d]/u.test(text[k - 1]!) && /[\p{Script=Latin}\d]/u.test(text[k]!))) return k;
  }
  return splitsPair(text, max) ? max - 1 : max;
}

function splitsPair(text: string, k: number): boolean {
  return /[\uD800-\uDBFF]/.test(text[k - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[k] ?? '');
}
