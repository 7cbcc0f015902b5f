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
} from '@kokoro-kit/core';
import { END_OF_TEXT, nextContext, type TokenContext } from './context';
import { ENGLISH_DIALECTS, type EnglishDialect, resolveDialect } from './language';
import type { MisakiLexicon } from './lexicon';
import { createWordLookup, type WordLookup } from './lookup';
import { toKokoroV1 } from './phonemes';
import { punctuationPhonemes } from './punctuation';
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
}

/** Words longer than this are not looked up (no English word is; it keeps lookups cheap). */
const MAX_WORD_LENGTH = 100;
/** With a signal, yield to the event loop this often so an abort can land mid-text. */
const YIELD_EVERY = 2048;

/**
 * Creates the English G2P (lexicon lookup; see the README for what it does not do yet).
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
      return phonemizeText(text, lookups.get(dialect) as WordLookup, { signal, onWarning });
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
}

async function phonemizeText(
  text: string,
  lookup: WordLookup,
  options: { signal?: AbortSignal; onWarning?: (warning: G2PWarning) => void },
): Promise<PhonemeToken[]> {
  const { signal } = options;
  const tokens = tokenizeEnglish(text, { isWord: (word) => lookup.hasWord(word) });
  const work: WorkToken[] = tokens.map((token, i) => toWorkToken(token, tokens[i - 1]));

  // Right to left, so each word knows what follows it (§3.6).
  let context: TokenContext = END_OF_TEXT;
  for (let i = work.length - 1; i >= 0; i--) {
    if (signal !== undefined && (work.length - i) % YIELD_EVERY === 0) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
    context = resolveToken(work[i] as WorkToken, lookup, context);
  }
  throwIfAborted(signal);

  const warnings: G2PWarning[] = [];
  const result = work.map((token) => {
    const phonemes = token.parts !== undefined ? joinSubtokens(token.parts) : (token.phonemes ?? '');
    const warning = describeProblem(token);
    if (warning !== undefined) warnings.push(warning);
    return { text: token.source.text, phonemes: toKokoroV1(phonemes), whitespace: token.source.whitespace };
  });
  for (const warning of warnings) options.onWarning?.(warning);
  return result;
}

function toWorkToken(token: TextToken, previous: TextToken | undefined): WorkToken {
  if (token.kind === 'word' || token.kind === 'symbol') {
    if (token.text.length > MAX_WORD_LENGTH)
      return { source: token, phonemes: null, parts: [], tooLong: true };
    const parts = splitSubtokens(token.text).map((text): Subtoken => ({ text, phonemes: null }));
    return { source: token, phonemes: null, parts };
  }
  return { source: token, phonemes: punctuationPhonemes(token, previous) };
}

function resolveToken(token: WorkToken, lookup: WordLookup, context: TokenContext): TokenContext {
  const { parts, source } = token;
  if (parts === undefined) return nextContext(context, token.phonemes, source.text, undefined);
  if (parts.length === 1) {
    // A single subtoken is looked up as a plain token: the context moves on even if unknown.
    const part = parts[0] as Subtoken;
    const found = lookup.lookup(part.text, undefined, context);
    part.phonemes = found?.phonemes ?? (/^[',\-._‘’/]+$/.test(part.text) ? '' : null);
    return nextContext(context, part.phonemes, part.text, undefined);
  }
  return resolveSubtokens(parts, lookup, context);
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
  if (missing.length === 0) return undefined;
  const whole = missing.length === parts.length;
  const what = whole ? `"${source.text}"` : `${missing.map((m) => `"${m}"`).join(', ')} in "${source.text}"`;
  const numbers = missing.some((m) => /\p{N}/u.test(m));
  const message = numbers
    ? `No phonemes for ${what}: numbers are not read aloud yet by this English G2P; skipped. Write the number in words.`
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
