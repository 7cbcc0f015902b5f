/**
 * The English G2P: misaki's `G2P.__call__` flow (spec g2p.md §3.3) over the pieces of this
 * package — tokenise, give punctuation its phonemes, resolve words right to left with the right
 * context, rewrite for Kokoro v1.0, report what could not be said.
 */
import {
  type G2P,
  type G2PWarning,
  InvalidArgumentError,
  type LanguageTag,
  type PhonemeToken,
  type PhonemizeOptions,
  throwIfAborted,
  type WordFallback,
} from '@kokoro-kit/core';
import { END_OF_TEXT, nextContext, type TokenContext } from './context';
import { ENGLISH_DIALECTS, type EnglishDialect, resolveDialect } from './language';
import type { MisakiLexicon } from './lexicon';
import { createWordLookup, type WordLookup } from './lookup';
import { type MarkupSpan, parseMarkup } from './markup';
import { toKokoroV1 } from './phonemes';
import { punctuationPhonemes } from './punctuation';
import { tagTokens } from './tagger';
import { splitSubtokens, type TextToken, tokenizeEnglish } from './tokenizer';
import { joinSubtokens, resolveSubtokens, type Subtoken } from './words';

export interface EnglishG2POptions {
  /** Lexicons per dialect; the G2P supports exactly the dialects given here. */
  lexicons: Partial<Record<EnglishDialect, MisakiLexicon>>;
  /**
   * Word → phonemes (Kokoro v1.0 symbols) that win over the lexicons, in every dialect. Looked
   * up as written, then in lower case.
   */
  userLexicon?: Readonly<Record<string, string>>;
  /**
   * Out-of-vocabulary words go here with their whole original text, as misaki hands them to
   * espeak (spec g2p.md §3.9, §3.13); it returns misaki symbols. Used for the dialects it lists.
   * Without one, such words get no phonemes and an `unknown-word` warning.
   */
  fallback?: WordFallback;
}

/** Words longer than this are not looked up (no English word is; it keeps lookups cheap). */
const MAX_WORD_LENGTH = 100;
/** With a signal, yield to the event loop this often so an abort can land mid-text. */
const YIELD_EVERY = 2048;

/**
 * Creates the English G2P: misaki's rules over its lexicons, numbers, a built-in POS tagger,
 * markup, a user lexicon and an optional fallback for out-of-vocabulary words.
 *
 * Language tags: `en-US`/`en-GB` in any case, `en_us`/`en_gb`, KPipeline's `a`/`b`, and `en`
 * (the default dialect). No language → en-US if loaded, else en-GB.
 */
export function createEnglishG2P(options: EnglishG2POptions): G2P {
  const user = validateUserLexicon(options.userLexicon);
  const lookups = new Map<EnglishDialect, WordLookup>();
  for (const dialect of ENGLISH_DIALECTS) {
    const lexicon = options.lexicons?.[dialect];
    if (lexicon === undefined) continue;
    if (lexicon.dialect !== dialect) {
      throw new InvalidArgumentError(
        `lexicons['${dialect}'] holds the ${lexicon.dialect} lexicon. Load it with dialect '${dialect}'.`,
      );
    }
    lookups.set(dialect, createWordLookup(lexicon, user));
  }
  if (lookups.size === 0) {
    throw new InvalidArgumentError(
      "createEnglishG2P needs at least one lexicon: { lexicons: { 'en-US': …, 'en-GB': … } } " +
        '(see loadMisakiLexicon in @kokoro-kit/g2p-en/node, or createMisakiLexicon).',
    );
  }
  const languages: readonly LanguageTag[] = Object.freeze([...lookups.keys()]);
  const fallback = options.fallback;
  const fallbackLanguages = new Set((fallback?.languages ?? []).map((l) => l.toLowerCase()));

  return {
    languages,
    async phonemize(text: string, phonemizeOptions: PhonemizeOptions = {}): Promise<PhonemeToken[]> {
      const { signal, onWarning } = phonemizeOptions;
      throwIfAborted(signal);
      const dialect = resolveDialect(phonemizeOptions.language, [...lookups.keys()]);
      if (typeof text !== 'string') {
        throw new InvalidArgumentError(
          `phonemize() takes a string, got ${text === null ? 'null' : typeof text}.`,
        );
      }
      const wordFallback =
        fallback !== undefined && fallbackLanguages.has(dialect.toLowerCase())
          ? (word: string) => fallback.phonemizeWord(word, { language: dialect, signal })
          : undefined;
      return phonemizeText(text, lookups.get(dialect) as WordLookup, {
        signal,
        onWarning,
        fallback: wordFallback,
      });
    },
  };
}

interface WorkToken {
  source: TextToken;
  /** Set for punctuation and other non-words before resolution. */
  phonemes: string | null;
  /** For words: their subtokens. */
  parts?: Subtoken[];
  /** A word too long to look up (see MAX_WORD_LENGTH). */
  tooLong?: boolean;
  /** Set when the fallback was asked and failed (the reason, for the warning). */
  fallbackError?: string;
}

type Fallback = (word: string) => Promise<{ phonemes: string; rating?: number } | undefined>;

async function phonemizeText(
  input: string,
  baseLookup: WordLookup,
  options: { signal?: AbortSignal; onWarning?: (warning: G2PWarning) => void; fallback?: Fallback },
): Promise<PhonemeToken[]> {
  const { signal, fallback } = options;
  const lookup = rememberMisses(baseLookup);
  const { text, spans, warnings: markupWarnings } = parseMarkup(input);
  const tokens = tokenizeEnglish(text, { isWord: (word) => lookup.hasWord(word) });
  const tags = tagTokens(tokens);
  markAddresses(text, tokens, tags);
  let work: WorkToken[] = tokens.map((token, i) => toWorkToken(token, tokens[i - 1], tags[i], tokens[i + 1]));
  assignCurrency(work, tags);
  if (spans.length > 0) work = applyMarkup(work, spans);
  work = splitAliases(groupWords(work));

  // Right to left, so each word knows what follows it (§3.6).
  let context: TokenContext = END_OF_TEXT;
  for (let i = work.length - 1; i >= 0; i--) {
    if (signal !== undefined && (work.length - i) % YIELD_EVERY === 0) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
    context = await resolveToken(work[i] as WorkToken, lookup, context, fallback);
    if (fallback !== undefined) throwIfAborted(signal);
  }
  throwIfAborted(signal);

  const warnings: G2PWarning[] = [...markupWarnings];
  const result = work.map((token) => {
    const phonemes = token.parts !== undefined ? joinSubtokens(token.parts) : (token.phonemes ?? '');
    const warning = describeProblem(token);
    if (warning !== undefined) warnings.push(warning);
    return { text: token.source.text, phonemes: toKokoroV1(phonemes), whitespace: token.source.whitespace };
  });
  for (const warning of warnings) options.onWarning?.(warning);
  return result;
}

/**
 * Within one text, a spelling that failed once fails again: whether a lookup finds anything does
 * not depend on the right context (context only picks among variants). Remembering misses keeps
 * the span search cheap on long repetitive junk (`www.www.www…`).
 */
function rememberMisses(lookup: WordLookup): WordLookup {
  const misses = new Set<string>();
  return {
    hasWord: (text) => lookup.hasWord(text),
    lookup(text, tag, context, extra = {}) {
      const key = `${text}\u0000${tag}\u0000${extra.isHead}\u0000${extra.currency}\u0000${extra.stress}\u0000${extra.numFlags}`;
      if (misses.has(key)) return null;
      const found = lookup.lookup(text, tag, context, extra);
      if (found === null) {
        if (misses.size > 50_000) misses.clear();
        misses.add(key);
      }
      return found;
    },
  };
}

/** URLs and e-mail addresses, which spaCy keeps as one token tagged ADD. */
const ADDRESS_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"“”]{0,2000}[^\s<>"“”.,;:!?)\]]|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}\b|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:com|org|net|edu|gov|io|dev|app|ai|co|uk|de|fr|info)\b(?:\/[^\s<>"“”]{0,2000}[^\s<>"“”.,;:!?)\]])?/gu;

/** Tags every token inside a URL or an e-mail address `ADD` (§3.7 step 3.1). */
function markAddresses(text: string, tokens: readonly TextToken[], tags: (string | undefined)[]): void {
  if (!/@|www\.|:\/\/|\.[a-z]{2,4}\b/.test(text)) return;
  let i = 0;
  for (const match of text.matchAll(ADDRESS_RE)) {
    const start = match.index;
    const end = start + match[0].length;
    while (i < tokens.length && (tokens[i] as TextToken).start < start) i++;
    for (let j = i; j < tokens.length && (tokens[j] as TextToken).start < end; j++) tags[j] = 'ADD';
  }
}

/**
 * Marks glued inside a word (`3/4`, `and/or`, `snake_case`, addresses) are part of the word in
 * misaki: spaCy keeps them in the token (or gives them a tag that gets no phonemes), and the
 * grouping joins what has no whitespace between (§3.5).
 */
function isGlue(
  token: TextToken,
  previous: TextToken | undefined,
  next: TextToken | undefined,
  tag?: string,
): boolean {
  if (token.kind !== 'punct' || token.quote !== undefined || token.whitespace !== '') return false;
  if (previous === undefined || previous.whitespace !== '' || next === undefined) return false;
  const wordish = (t: TextToken) => t.kind === 'word' || t.kind === 'symbol';
  if (!wordish(previous) || !wordish(next)) return false;
  return tag === 'ADD' ? /^[./]+$/.test(token.text) : /^[/_]+$/.test(token.text);
}

function toWorkToken(
  token: TextToken,
  previous: TextToken | undefined,
  tag: string | undefined,
  next?: TextToken,
): WorkToken {
  if (token.kind === 'word' || token.kind === 'symbol' || isGlue(token, previous, next, tag)) {
    if (token.text.length > MAX_WORD_LENGTH)
      return { source: token, phonemes: null, parts: [], tooLong: true };
    const parts = splitSubtokens(token.text).map(
      (text, i): Subtoken => ({ text, phonemes: null, tag, isHead: i === 0 }),
    );
    return { source: token, phonemes: null, parts };
  }
  return { source: token, phonemes: punctuationPhonemes(token, previous) };
}

/**
 * misaki's currency wiring (§3.5 step 4): after `$ £ €`, the last subtoken of the last
 * cardinal (CD) token of the run that follows receives the symbol; any other word ends the run.
 * Punctuation neither ends nor receives it (misaki handles punctuation tags first).
 */
function assignCurrency(work: WorkToken[], tags: readonly (string | undefined)[]): void {
  let currency: string | undefined;
  for (let i = 0; i < work.length; i++) {
    const token = work[i] as WorkToken;
    if (token.source.kind === 'currency') {
      currency = token.source.text;
      continue;
    }
    if (currency === undefined || token.parts === undefined) continue;
    if (tags[i] !== 'CD') {
      currency = undefined;
      continue;
    }
    const next = work[i + 1];
    const nextIsCd = next !== undefined && next.parts !== undefined && tags[i + 1] === 'CD';
    const last = token.parts[token.parts.length - 1];
    if (!nextIsCd && last !== undefined) last.currency = currency;
  }
}

async function resolveToken(
  token: WorkToken,
  lookup: WordLookup,
  context: TokenContext,
  fallback: Fallback | undefined,
): Promise<TokenContext> {
  const { parts, source } = token;
  if (parts === undefined) return nextContext(context, token.phonemes, source.text, undefined);
  if (token.tooLong) return context;
  if (fallback !== undefined) {
    // misaki: a word the lexicon cannot finish goes to the fallback whole (§3.9 step 1).
    const saved = parts.map((p) => p.phonemes);
    const ctx =
      parts.length === 1
        ? resolveSingle(parts[0] as Subtoken, lookup, context)
        : resolveSubtokens(parts, lookup, context, { stopOnUnknown: true });
    const unknown = ctx === null || (parts.length === 1 && (parts[0] as Subtoken).phonemes === null);
    if (!unknown) return ctx;
    const result = await askFallback(fallback, source.text, token);
    if (result !== undefined) {
      parts.forEach((p, i) => {
        p.phonemes = i === 0 ? result : '';
        p.prespace = false;
      });
      // misaki updates the context after a single-subtoken fallback, not a multi-subtoken one.
      return parts.length === 1 ? nextContext(context, result, source.text, parts[0]?.tag) : context;
    }
    parts.forEach((p, i) => {
      p.phonemes = saved[i] ?? null;
    });
  }
  if (parts.length === 1) {
    // A single subtoken is looked up as a plain token: the context moves on even if unknown.
    return resolveSingle(parts[0] as Subtoken, lookup, context);
  }
  return resolveSubtokens(parts, lookup, context) as TokenContext;
}

function resolveSingle(part: Subtoken, lookup: WordLookup, context: TokenContext): TokenContext {
  const found = lookup.lookup(part.alias ?? part.text, part.alias === undefined ? part.tag : 'TO', context, {
    isHead: true,
    currency: part.currency,
    stress: part.stress ?? null,
    numFlags: part.numFlags,
  });
  part.phonemes = found?.phonemes ?? (/^[',\-._‘’/]+$/.test(part.text) ? '' : null);
  return nextContext(context, part.phonemes, part.alias ?? part.text, part.tag);
}

/**
 * misaki groups subtokens not separated by whitespace into one word (§3.5 "Grouping"): `50%`,
 * `A&B`, `x+y` are one word each, its later parts not heads. Punctuation and currency symbols
 * (which get phonemes before grouping) stay words of their own.
 */
function groupWords(work: WorkToken[]): WorkToken[] {
  const out: WorkToken[] = [];
  for (const token of work) {
    const previous = out[out.length - 1];
    if (
      previous?.parts !== undefined &&
      token.parts !== undefined &&
      previous.source.whitespace === '' &&
      !previous.tooLong &&
      !token.tooLong &&
      previous.source.text.length + token.source.text.length <= MAX_WORD_LENGTH
    ) {
      for (const part of token.parts) part.isHead = false;
      out[out.length - 1] = {
        source: {
          ...previous.source,
          text: previous.source.text + token.source.text,
          whitespace: token.source.whitespace,
        },
        phonemes: null,
        parts: [...previous.parts, ...token.parts],
      };
    } else {
      out.push(token);
    }
  }
  return out;
}

/**
 * A `2` between letters is read "to" (`peer2peer`, `G2P`; §3.5 step 5). misaki makes it a word
 * of its own, so the parts on each side become separate words too (joined without a space).
 */
function splitAliases(work: WorkToken[]): WorkToken[] {
  const out: WorkToken[] = [];
  for (const token of work) {
    const parts = token.parts;
    const at =
      parts === undefined
        ? -1
        : parts.findIndex(
            (p, j) =>
              j > 0 &&
              j < parts.length - 1 &&
              p.text === '2' &&
              /\p{L}$/u.test((parts[j - 1] as Subtoken).text) &&
              /^\p{L}/u.test((parts[j + 1] as Subtoken).text),
          );
    if (parts === undefined || at === -1) {
      out.push(token);
      continue;
    }
    const pieces = [parts.slice(0, at), [{ ...(parts[at] as Subtoken), alias: 'to' }], parts.slice(at + 1)];
    // Cut the source text where the pieces' parts end (parts may leave characters out, such as
    // the apostrophe of "a2'a"); the last piece takes the rest, so no character is lost.
    const firstEnd = endOfParts(token.source.text, 0, pieces[0]!);
    const cuts = [0, firstEnd, endOfParts(token.source.text, firstEnd, pieces[1]!), token.source.text.length];
    let start = token.source.start;
    pieces.forEach((piece, k) => {
      const text = token.source.text.slice(cuts[k], cuts[k + 1]);
      const whitespace = k === pieces.length - 1 ? token.source.whitespace : '';
      // Each piece is a word of its own: its first part is a head again.
      const own = piece.map((p, j) => ({ ...p, isHead: j === 0 ? true : p.isHead }));
      const split: WorkToken = {
        source: { ...token.source, text, whitespace, start },
        phonemes: null,
        parts: own,
      };
      start += text.length;
      // The right-hand piece may hold another `2` alias.
      if (k === pieces.length - 1) out.push(...splitAliases([split]));
      else out.push(split);
    });
  }
  return out;
}

/** Where `parts` end in `text` from `from` on, matching their characters in order. */
function endOfParts(text: string, from: number, parts: readonly Subtoken[]): number {
  let end = from;
  for (const char of parts.map((p) => p.text).join('')) {
    const at = text.indexOf(char, end);
    if (at < 0) return end;
    end = at + char.length;
  }
  return end;
}

/** Asks the fallback; a failure (other than an abort) is remembered for the warning. */
async function askFallback(fallback: Fallback, word: string, token: WorkToken): Promise<string | undefined> {
  try {
    const result = await fallback(word);
    return typeof result?.phonemes === 'string' && result.phonemes !== '' ? result.phonemes : undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    token.fallbackError = error instanceof Error ? error.message : String(error);
    return undefined;
  }
}

/**
 * Applies `[text](feature)` markup (§3.4): literal phonemes replace the tokens of `text` by one
 * token (misaki's `fold_left`); stress and number flags go onto their subtokens.
 */
function applyMarkup(work: WorkToken[], spans: readonly MarkupSpan[]): WorkToken[] {
  const out: WorkToken[] = [];
  let i = 0;
  const overlaps = (token: WorkToken, span: MarkupSpan) =>
    token.source.start < span.end && token.source.start + token.source.text.length > span.start;
  for (const span of spans) {
    while (i < work.length && !overlaps(work[i] as WorkToken, span)) {
      if ((work[i] as WorkToken).source.start >= span.end) break;
      out.push(work[i] as WorkToken);
      i++;
    }
    const covered: WorkToken[] = [];
    while (i < work.length && overlaps(work[i] as WorkToken, span)) covered.push(work[i++] as WorkToken);
    if (covered.length === 0) continue;
    const { feature } = span;
    if (feature.kind === 'phonemes') {
      const first = covered[0] as WorkToken;
      const last = covered[covered.length - 1] as WorkToken;
      const text = covered
        .map((t, k) => t.source.text + (k < covered.length - 1 ? t.source.whitespace : ''))
        .join('');
      out.push({
        source: { text, whitespace: last.source.whitespace, kind: 'word', start: first.source.start },
        phonemes: feature.phonemes,
      });
      continue;
    }
    for (const token of covered) {
      for (const part of token.parts ?? []) {
        if (feature.kind === 'stress') part.stress = feature.stress;
        else part.numFlags = feature.flags;
      }
      out.push(token);
    }
  }
  while (i < work.length) out.push(work[i++] as WorkToken);
  return out;
}

/** Words (or parts of words) nothing could say, and characters with no pronunciation. */
function describeProblem(token: WorkToken): G2PWarning | undefined {
  const { source, parts } = token;
  if (source.kind === 'other') {
    return {
      kind: 'unsupported-char',
      text: source.text,
      message: `No pronunciation for ${describeChars(source.text)}; skipped.`,
    };
  }
  if (parts === undefined) return undefined;
  if (token.tooLong) {
    return {
      kind: 'unknown-word',
      text: source.text,
      message: `"${abbreviate(source.text)}" is longer than ${MAX_WORD_LENGTH} characters; not looked up, skipped.`,
    };
  }
  const missing = parts.filter((p) => p.phonemes === null).map((p) => p.text);
  // Only punctuation left unsaid (the ":" of "12:34", as in misaki): nothing to report.
  if (missing.every((m) => /^[\p{P}\p{S}]+$/u.test(m))) return undefined;
  if (token.fallbackError !== undefined) {
    return {
      kind: 'unknown-word',
      text: source.text,
      message: `No phonemes for "${abbreviate(source.text)}": not in the lexicons and the fallback failed (${token.fallbackError}); skipped.`,
    };
  }
  const whole = missing.length === parts.length;
  const what = whole ? `"${source.text}"` : `${missing.map((m) => `"${m}"`).join(', ')} in "${source.text}"`;
  const numbers = missing.some((m) => /\p{N}/u.test(m));
  const message = numbers
    ? `No phonemes for ${what}: misaki has no reading rule for this number form; skipped. Write it in words, or pass a fallback.`
    : `No phonemes for ${what}: not in the lexicons and no spelling rule applies; skipped. ` +
      'Add it to userLexicon (word → phonemes) to have it read.';
  return { kind: 'unknown-word', text: source.text, message };
}

function describeChars(text: string): string {
  const codes = [...text]
    .slice(0, 8)
    .map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  return `${codes.join(' ')}${[...text].length > 8 ? ' …' : ''}`;
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function validateUserLexicon(input: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const user = new Map<string, string>();
  if (input === undefined) return user;
  if (input === null || typeof input !== 'object') {
    throw new InvalidArgumentError('userLexicon must be an object of word → phonemes.');
  }
  for (const [word, phonemes] of Object.entries(input)) {
    if (typeof phonemes !== 'string') {
      throw new InvalidArgumentError(
        `userLexicon[${JSON.stringify(word)}] must be a phoneme string, got ${phonemes === null ? 'null' : typeof phonemes}.`,
      );
    }
    user.set(word, phonemes);
  }
  return user;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
