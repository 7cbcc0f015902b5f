import {
  type G2P,
  G2PError,
  type G2PWarning,
  InvalidArgumentError,
  KOKORO_V1_SYMBOLS,
  type LanguageTag,
  type PhonemeToken,
  type PhonemizeOptions,
  throwIfAborted,
} from '@kokoro-kit/core';
import {
  type IpadicDictionary,
  type IpadicSource,
  isIpadicDictionary,
  type Morpheme,
  sharedIpadic,
  toIpadicSource,
} from './dictionary';
import { kanaToPhonemes, katakanaToHiragana } from './kana';
import { PUNCTUATION } from './kana-table';
import { type NormalizedText, normalizeJapanese } from './normalize';
import { MAX_NUMBER_DIGITS, numberToKana } from './num2kana';
import { isVolitionalLongO, unidicPronunciation } from './unidic-style';
import type { Vocabulary } from './vocabulary';
import { createWordList, type WordList } from './words';

export interface JapaneseG2POptions {
  /**
   * The IPADIC dictionary: a loaded one (`loadIpadic`/`sharedIpadic`), a source (`IpadicSource`),
   * or the URL of a copy of `@sglkc/kuromoji`'s `dict/` folder. Required in this entry; the
   * `./node` entry defaults to the copy inside the installed `@sglkc/kuromoji` package.
   */
  dictionary?: IpadicDictionary | IpadicSource | string | URL;
  /**
   * misaki's `ja_words.txt` (one word a line): consecutive morphemes whose joined text is a line
   * are read as one word (spec g2p.md §5.2 step 3). Without it every morpheme is its own word,
   * which changes only the spaces between words (and kana rules across a morpheme boundary).
   */
  words?: Iterable<string>;
  /**
   * How IPADIC pronunciations are written. `'unidic'` (default): as UniDic's `pron` field that
   * misaki reads has them — an e-row kana + イ is a long e in words not written in katakana
   * (先生 センセイ → センセー), an adjective's final i-row + イ a long i (美しい → ウツクシー),
   * a volitional う after an o-row kana a long o of the word before (帰ろう → カエロー), and
   * UniDic's own reading of 私 (ワタクシ); `'ipadic'`: IPADIC's pronunciation as it is.
   */
  longVowels?: 'unidic' | 'ipadic';
  /** The symbols the output may hold (a core `Tokenizer` fits). Default: Kokoro-82M v1.0's. */
  vocabulary?: Vocabulary;
  /** The longest text `phonemize` accepts, in UTF-16 code units. Default 1,000,000. */
  maxInputLength?: number;
  signal?: AbortSignal;
}

/** The languages this G2P answers to: `ja`, any `ja-*` tag, and Kokoro's own code `j`. */
export const JAPANESE_LANGUAGES: readonly LanguageTag[] = ['ja'];

const DEFAULT_MAX_INPUT = 1_000_000;
/** Normalised characters analysed between two looks at the abort signal / event loop. */
const SLICE = 20_000;

/** MeCab character categories that matter here (IPADIC/UniDic `char.def`). */
const CHAR_SYMBOL = 3;
const CHAR_KANA = 6;
const CHAR_KATAKANA = 7;

interface Word {
  /** Source text (what the token shows). */
  text: string;
  /** Source whitespace after it. */
  whitespace: string;
  /** The normalised surface misaki sees (used for merging and the ASCII/symbol rules). */
  surface: string;
  /** Reading in hiragana (kana path). */
  hira: string;
  /** MeCab character type after misaki's rule (6 = kana path). */
  charType: number;
  /** Silent source text that is not part of misaki's word stream (e.g. NFKC oddities). */
  silent?: boolean;
}

function isJapanese(language: LanguageTag | undefined): boolean {
  if (language === undefined) return true;
  const tag = String(language).toLowerCase();
  return tag === 'ja' || tag === 'j' || tag.startsWith('ja-');
}

/** The pronunciation misaki would use for a number reading: じゅう/きゅう are ジュー/キュー in `pron`. */
function numberPronunciation(kana: string): string {
  return kana.replace(/(じゅ|きゅ)う/g, '$1ー');
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7F]*$/.test(text);
}

interface JapaneseG2PInternals {
  dictionary: IpadicDictionary;
  words: WordList | undefined;
  longVowels: 'unidic' | 'ipadic';
  vocabulary: Vocabulary;
  maxInputLength: number;
}

/**
 * Japanese as Kokoro v1.0 expects it: misaki's cutlet path (spec g2p.md §5) with kuromoji's
 * IPADIC in place of fugashi's UniDic. Loads the dictionary (once per location) and returns the
 * G2P.
 */
export async function createJapaneseG2P(options: JapaneseG2POptions = {}): Promise<G2P> {
  if (options.dictionary === undefined) {
    throw new InvalidArgumentError(
      'createJapaneseG2P needs a dictionary: the URL of the dict/ folder of @sglkc/kuromoji (served by your app), ' +
        "an IpadicSource, or a loaded dictionary. In Node, import createJapaneseG2P from '@kokoro-kit/g2p-ja/node', " +
        'which finds the installed one.',
    );
  }
  const maxInputLength = options.maxInputLength ?? DEFAULT_MAX_INPUT;
  if (!Number.isInteger(maxInputLength) || maxInputLength < 1) {
    throw new InvalidArgumentError(
      `maxInputLength must be a positive integer, got ${String(options.maxInputLength)}.`,
    );
  }
  const longVowels = options.longVowels ?? 'unidic';
  if (longVowels !== 'unidic' && longVowels !== 'ipadic') {
    throw new InvalidArgumentError(
      `longVowels must be 'unidic' or 'ipadic', got ${JSON.stringify(longVowels)}.`,
    );
  }
  // Options are checked before the (slow) dictionary load, so mistakes fail fast.
  const dictionary = isIpadicDictionary(options.dictionary)
    ? options.dictionary
    : await sharedIpadic(toIpadicSource(options.dictionary), { signal: options.signal });
  return buildJapaneseG2P({
    dictionary,
    words: options.words === undefined ? undefined : createWordList(options.words),
    longVowels,
    vocabulary: options.vocabulary ?? KOKORO_V1_SYMBOLS,
    maxInputLength,
  });
}

/** The G2P over already-loaded parts. */
function buildJapaneseG2P(internals: JapaneseG2PInternals): G2P {
  return {
    languages: JAPANESE_LANGUAGES,
    async phonemize(text: string, options: PhonemizeOptions = {}): Promise<PhonemeToken[]> {
      throwIfAborted(options.signal);
      if (!isJapanese(options.language)) {
        throw new G2PError(
          'UNSUPPORTED_LANGUAGE',
          `The Japanese G2P does not handle ${JSON.stringify(options.language)}; use 'ja'.`,
        );
      }
      if (typeof text !== 'string') {
        throw new InvalidArgumentError(`phonemize expects a string, got ${typeof text}.`);
      }
      if (text.length > internals.maxInputLength) {
        throw new InvalidArgumentError(
          `The text has ${text.length} characters; the Japanese G2P takes at most ${internals.maxInputLength} per call ` +
            '(maxInputLength). Split it into paragraphs or sentences first.',
        );
      }
      const warn = (warning: G2PWarning) => options.onWarning?.(warning);
      const words = await analyse(text, internals, warn, options.signal);
      const merged = internals.words ? mergeWords(words, internals.words) : words;
      return render(merged, internals.vocabulary, warn);
    },
  };
}

/** Text → words with readings (spec §5.2 steps 1-2). */
async function analyse(
  source: string,
  internals: JapaneseG2PInternals,
  warn: (w: G2PWarning) => void,
  signal: AbortSignal | undefined,
): Promise<Word[]> {
  const norm = normalizeJapanese(source);
  const words: Word[] = [];
  const segment = /(\s+)|(\S+)/gu;
  let sinceYield = 0;
  for (const match of norm.text.matchAll(segment)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (match[1] !== undefined) {
      addWhitespace(words, norm, source, start, end);
      continue;
    }
    for (const [from, to, safe] of pieces(norm.text, start, end, internals.dictionary)) {
      words.push(
        ...(safe
          ? morphemeWords(norm, source, from, to, internals, warn)
          : [rawWord(norm, source, from, to)]),
      );
      sinceYield += to - from;
      if (sinceYield >= SLICE) {
        sinceYield = 0;
        // Let timers and abort listeners run between long stretches of analysis.
        await new Promise((resolve) => setTimeout(resolve, 0));
        throwIfAborted(signal);
      }
    }
  }
  throwIfAborted(signal);
  return words;
}

/**
 * Characters kuromoji cannot take (it throws on NUL and on lone surrogates): controls and lone
 * surrogates are kept out of the analyser and become silent words.
 */
const UNSAFE = /[\p{Cc}\p{Cs}]/u;
/**
 * The longest run handed to kuromoji at once. Its lattice adds, at every position, an unknown
 * word spanning the rest of a same-category run (IPADIC groups unknown kana), so a long run of
 * kana costs quadratic time; cutting runs keeps analysis linear. Cuts fall after punctuation or
 * at a change of script where possible, where they do not change the analysis.
 */
const MAX_ANALYSIS = 256;

/** Splits normalised [start, end) into runs for kuromoji (`safe`) and single unsafe characters. */
function* pieces(
  text: string,
  start: number,
  end: number,
  dictionary: IpadicDictionary,
): Generator<[number, number, boolean]> {
  let from = start;
  let i = start;
  while (i < end) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const size = UNSAFE.test(char) ? 1 : char.length;
    if (UNSAFE.test(text.slice(i, i + size))) {
      if (from < i) yield* analysisRuns(text, from, i, dictionary);
      yield [i, i + 1, false];
      from = i + 1;
    }
    i += size;
  }
  if (from < end) yield* analysisRuns(text, from, end, dictionary);
}

function* analysisRuns(
  text: string,
  start: number,
  end: number,
  dictionary: IpadicDictionary,
): Generator<[number, number, boolean]> {
  let from = start;
  while (end - from > MAX_ANALYSIS) {
    let cut = from + MAX_ANALYSIS;
    for (let i = cut - 1; i > from + MAX_ANALYSIS / 2; i--) {
      const before = text[i - 1] ?? '';
      const after = text[i] ?? '';
      if (/[\uDC00-\uDFFF]/.test(after)) continue; // never inside a surrogate pair
      if (
        dictionary.charType(before) === CHAR_SYMBOL ||
        dictionary.charType(before) !== dictionary.charType(after)
      ) {
        cut = i;
        break;
      }
    }
    if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut -= 1;
    yield [from, cut, true];
    from = cut;
  }
  yield [from, end, true];
}

function rawWord(norm: NormalizedText, source: string, start: number, end: number): Word {
  const surface = norm.text.slice(start, end);
  return { text: sourceText(norm, source, start, end), whitespace: '', surface, hira: surface, charType: 0 };
}

/**
 * The source text of normalised characters [start, end): the clusters whose first character
 * lies in the range (a cluster that NFKC expanded into two morphemes belongs to the first).
 */
function sourceText(norm: NormalizedText, source: string, start: number, end: number): string {
  if (start >= end) return '';
  const first = norm.origin[start] as number;
  const firstOwned = start > 0 && norm.origin[start - 1] === first ? first + 1 : first;
  const last = norm.origin[end - 1] as number;
  if (firstOwned > last) return '';
  return source.slice(norm.ranges[firstOwned]?.start, norm.ranges[last]?.end);
}

function addWhitespace(
  words: Word[],
  norm: NormalizedText,
  source: string,
  start: number,
  end: number,
): void {
  const text = sourceText(norm, source, start, end);
  const previous = words[words.length - 1];
  if (/^\s*$/.test(text)) {
    // Leading whitespace has no token to follow; it carries nothing to say.
    if (previous !== undefined) previous.whitespace += text;
  } else {
    // NFKC made a space of something that is not one (e.g. ¨ → space + diaeresis): keep the
    // source text in a silent token so the tokens still rebuild the input.
    words.push({ text, whitespace: '', surface: '', hira: '', charType: 0, silent: true });
  }
}

function numberWord(digits: string, text: string, warn: (w: G2PWarning) => void): Word {
  const kana = numberToKana(digits);
  const significant = digits.replace(/^0+(?=.)/, '');
  if (significant.length > MAX_NUMBER_DIGITS) {
    warn({
      kind: 'long-number',
      text,
      message: `${text} has more than ${MAX_NUMBER_DIGITS} digits, more than misaki's num2kana reads; it is read digit by digit.`,
    });
  }
  return { text, whitespace: '', surface: kana, hira: numberPronunciation(kana), charType: CHAR_KANA };
}

/**
 * Morphemes of a run without whitespace. Digits stay in the text kuromoji analyses, so the words
 * around them get their reading after a number (2024年 → ネン, 1万 → マン); each digit run then
 * becomes one word read by num2kana (misaki reads digits before analysis; see the README).
 */
function morphemeWords(
  norm: NormalizedText,
  source: string,
  start: number,
  end: number,
  internals: JapaneseG2PInternals,
  warn: (w: G2PWarning) => void,
): Word[] {
  const segment = norm.text.slice(start, end);
  let morphemes: Morpheme[];
  try {
    morphemes = internals.dictionary.tokenize(segment);
  } catch {
    morphemes = []; // read below as one unknown word
  }
  if (morphemes.map((m) => m.surface).join('') !== segment) {
    // Should not happen; if the analyser ever loses characters, read the run as one unknown word.
    morphemes = [{ surface: segment, known: false, pos: '' }];
  }
  const words: Word[] = [];
  let offset = start;
  for (const morpheme of morphemes) {
    if (/[0-9]/.test(morpheme.surface)) {
      // Split digit runs out of the morpheme; the rest is read as unknown text.
      for (const part of morpheme.surface.match(/[0-9]+|[^0-9]+/g) ?? []) {
        const next = offset + part.length;
        const text = sourceText(norm, source, offset, next);
        words.push(
          /^[0-9]/.test(part)
            ? numberWord(part, text, warn)
            : morphemeWord({ surface: part, known: false, pos: '' }, text, internals),
        );
        offset = next;
      }
      continue;
    }
    const next = offset + morpheme.surface.length;
    const text = sourceText(norm, source, offset, next);
    const previous = words[words.length - 1];
    if (internals.longVowels === 'unidic' && isVolitionalLongO(morpheme, previous?.hira) && previous) {
      // 帰ろ + う → one word カエロー, as UniDic's pron has it.
      previous.text += text;
      previous.surface += morpheme.surface;
      previous.hira += 'ー';
    } else {
      words.push(morphemeWord(morpheme, text, internals));
    }
    offset = next;
  }
  return words;
}

function morphemeWord(morpheme: Morpheme, text: string, internals: JapaneseG2PInternals): Word {
  const first = Array.from(morpheme.surface)[0] ?? '';
  const mecabType = internals.dictionary.charType(first);
  let pronunciation = morpheme.pronunciation ?? morpheme.reading;
  if (pronunciation !== undefined && internals.longVowels === 'unidic') {
    pronunciation = unidicPronunciation(pronunciation, morpheme);
  }
  return {
    text,
    whitespace: '',
    surface: morpheme.surface,
    hira: katakanaToHiragana(pronunciation ?? morpheme.surface),
    // misaki: katakana tokens and dictionary words take the kana path (type 6).
    charType: mecabType === CHAR_KATAKANA || morpheme.known ? CHAR_KANA : mecabType,
  };
}

/**
 * Spec §5.2 step 3: consecutive words of one character type are merged, greedily and longest
 * first, when their joined surface is a line of ja_words.txt. Words separated by whitespace in
 * the source are not merged (misaki's MeCab does not see spaces; keeping them apart keeps the
 * tokens faithful to the source).
 */
function mergeWords(words: Word[], lexicon: WordList): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < words.length) {
    const head = words[i] as Word;
    let best = i + 1;
    if (!head.silent) {
      let joined = '';
      for (let j = i; j < words.length; j++) {
        const word = words[j] as Word;
        if (word.silent || word.charType !== head.charType) break;
        joined += word.surface;
        if (joined.length > lexicon.maxLength) break;
        if (j > i && lexicon.has(joined)) best = j + 1;
        if (word.whitespace !== '') break;
      }
    }
    if (best === i + 1) {
      out.push(head);
    } else {
      const group = words.slice(i, best);
      out.push({
        text: group.map((w) => w.text).join(''),
        whitespace: (group[group.length - 1] as Word).whitespace,
        surface: group.map((w) => w.surface).join(''),
        hira: group.map((w) => w.hira).join(''),
        charType: head.charType,
      });
    }
    i = best;
  }
  return out;
}

/** Spec §5.2 step 4: the phonemes of one word, before spacing. */
function wordPhonemes(word: Word): string {
  if (word.silent) return '';
  if (isAscii(word.surface)) return word.surface;
  if (word.charType === CHAR_SYMBOL) return Array.from(word.surface, (c) => PUNCTUATION[c] ?? c).join('');
  if (word.charType !== CHAR_KANA) return '';
  return kanaToPhonemes(word.hira);
}

interface Owned {
  char: string;
  owner: number;
}

/** Steps 4-6 of spec §5.2, keeping track of which word each output character belongs to. */
function render(words: Word[], vocabulary: Vocabulary, warn: (w: G2PWarning) => void): PhonemeToken[] {
  const romas = words.map(wordPhonemes);
  // Step 5: a space after each word, except around brackets and before closing punctuation.
  // misaki tests with Python's `in` on strings, i.e. substring tests: an empty result counts as
  // an opening bracket (the word before it gets a space, the word itself none).
  const space: boolean[] = words.map(() => false);
  let previous = -1;
  words.forEach((word, i) => {
    if (word.silent) return;
    const roma = romas[i] as string;
    if ('「『«'.includes(word.surface) || '(['.includes(roma)) {
      if (previous >= 0) space[previous] = true;
    } else if ('」』»'.includes(word.surface) || ']).,?!:'.includes(roma)) {
      if (previous >= 0) space[previous] = false;
      space[i] = true;
    } else {
      space[i] = roma !== ' ';
    }
    previous = i;
  });
  // Leftover sokuon is deleted; then the words are joined.
  let chars: Owned[] = [];
  words.forEach((_, i) => {
    const piece = (romas[i] as string).replaceAll('っ', '') + (space[i] ? ' ' : '');
    for (const char of piece) chars.push({ char, owner: i });
  });
  chars = finish(chars);
  return toTokens(words, chars, vocabulary, warn);
}

/** Output marks after which a space goes to the next token (see `toTokens`). */
const PUNCTUATION_MARKS = new Set(';:,.!?—…"“”«»()[]');
const BEFORE_GLOTTAL_KEEP = new Set('!",.:;?»—…”');
const AFTER_GLOTTAL_KEEP = new Set('"«“');

/** Step 6: collapse whitespace and trim; ( ) → « »; spaces around ʔ. */
function finish(chars: Owned[]): Owned[] {
  const collapsed: Owned[] = [];
  for (const item of chars) {
    if (/\s/.test(item.char)) {
      const last = collapsed[collapsed.length - 1];
      if (last === undefined || last.char === ' ') continue;
      collapsed.push({ char: ' ', owner: item.owner });
    } else {
      collapsed.push(item);
    }
  }
  while (collapsed[collapsed.length - 1]?.char === ' ') collapsed.pop();
  for (const item of collapsed) {
    if (item.char === '(') item.char = '«';
    else if (item.char === ')') item.char = '»';
  }
  // Delete a space before ʔ unless punctuation precedes it, and a space after ʔ unless a quote
  // follows (decided on the string as it is, as one regex substitution does).
  return collapsed.filter((item, i) => {
    if (item.char !== ' ') return true;
    const before = collapsed[i - 1]?.char;
    const after = collapsed[i + 1]?.char;
    if (after === 'ʔ' && (before === undefined || !BEFORE_GLOTTAL_KEEP.has(before))) return false;
    if (before === 'ʔ' && (after === undefined || !AFTER_GLOTTAL_KEEP.has(after))) return false;
    return true;
  });
}

function toTokens(
  words: Word[],
  chars: Owned[],
  vocabulary: Vocabulary,
  warn: (w: G2PWarning) => void,
): PhonemeToken[] {
  const phonemes = words.map(() => '');
  const dropped = words.map(() => [] as string[]);
  // A space between words belongs to the word before it, except after punctuation, where it
  // opens the next word: punctuation tokens then carry exactly their mark (`.`, `,`, `”` …),
  // which is what the pipeline's chunk cutting looks for (spec §3.12).
  chars.forEach((item, k) => {
    const next = chars[k + 1];
    if (item.char === ' ' && next !== undefined && PUNCTUATION_MARKS.has(chars[k - 1]?.char ?? '')) {
      item.owner = next.owner;
    }
  });
  for (const { char, owner } of chars) {
    if (vocabulary.has(char)) phonemes[owner] += char;
    else dropped[owner]?.push(char);
  }
  // Source whitespace after a token already gives the space when tokens are joined.
  words.forEach((word, i) => {
    if (word.whitespace !== '' && phonemes[i + 1]?.startsWith(' '))
      phonemes[i + 1] = phonemes[i + 1]?.slice(1) ?? '';
  });
  return words.map((word, i) => {
    const lost = dropped[i] as string[];
    if (lost.length > 0) {
      warn({
        kind: 'unsupported-char',
        text: word.text,
        message: `Dropped ${[...new Set(lost)].map((c) => JSON.stringify(c)).join(', ')} from the phonemes of ${JSON.stringify(word.text)}: not in the Kokoro vocabulary.`,
      });
    }
    const out = phonemes[i] as string;
    if (out.trim() === '' && /[^\s\p{M}々〃ゝゞヽヾ]/u.test(word.surface || word.text) && lost.length === 0) {
      warn({
        kind: /[\p{L}\p{N}]/u.test(word.text) ? 'unknown-word' : 'unsupported-char',
        text: word.text,
        message: `No reading for ${JSON.stringify(word.text)} (not in the IPADIC dictionary and not kana); it is left silent.`,
      });
    }
    return { text: word.text, phonemes: out, whitespace: word.whitespace };
  });
}
