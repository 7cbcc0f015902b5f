/**
 * The Mandarin G2P for Kokoro v1.0: misaki's legacy path (spec g2p.md §6, §6.1) — numerals to
 * Chinese, punctuation mapped, CJK runs segmented (jieba) and read (pinyin, phrase-aware, no
 * tone sandhi), pinyin to phonemes with arrow tones; Latin words routed to an English G2P when
 * one is given.
 */
import {
  AbortError,
  type G2P,
  G2PError,
  type G2PWarning,
  InvalidArgumentError,
  KokoroError,
  type LanguageTag,
  type PhonemeToken,
  type PhonemizeOptions,
  splitVocabulary,
  throwIfAborted,
} from '@kokoro-kit/core';
import { loadMandarinEngines, type MandarinEngines } from './engines';
import { assertMandarin } from './language';
import { convertNumerals } from './numerals';
import { pinyinToPhonemes } from './pinyin-to-phonemes';
import { KOKORO_PUNCTUATION, PUNCTUATION_MAP } from './punctuation';
import type { PypinyinDictionaries } from './pypinyin';

export interface MandarinG2POptions {
  /**
   * A G2P for Latin-script words (e.g. `@kokoro-kit/g2p-en`). Without one, Latin words follow
   * `latinFallback`. This package never imports an English G2P itself.
   */
  english?: G2P;
  /** The language passed to `english` (default: `en-US` if it has it, else its first language). */
  englishLanguage?: LanguageTag;
  /**
   * Latin words when there is no `english` G2P, always with an `unknown-word` warning:
   * `'letters'` (default) copies the letters that are Kokoro symbols, as misaki's legacy path
   * does (the model reads them as phoneme symbols); `'skip'` leaves them silent.
   */
  latinFallback?: 'letters' | 'skip';
  /**
   * Word → pinyin that wins over the pinyin dictionary when the segmenter yields exactly that
   * word: one numbered-tone syllable per character, separated by spaces (neutral tone 5 or 0),
   * e.g. `{ 谢谢: 'xie4 xie5' }`.
   */
  pinyinOverrides?: Readonly<Record<string, string>>;
  /**
   * pypinyin's two dictionaries (parsed `pinyin_dict.json` and `phrases_dict.json`, the pinned
   * files `@kokoro-kit/hub` fetches; `./node` loads them from a folder). Required unless
   * `engines` are given: they are where misaki's readings come from.
   */
  pinyin?: PypinyinDictionaries;
  /** Segmentation and pinyin engines (default: jieba-wasm, loaded once per process, + `pinyin`). */
  engines?: MandarinEngines;
  /** Longest input accepted, in UTF-16 code units (default 1,000,000). */
  maxInputLength?: number;
  signal?: AbortSignal;
}

/** The Mandarin G2P (`languages: ['zh']`). */
export interface MandarinG2P extends G2P {
  readonly languages: readonly ['zh'];
}

const DEFAULT_MAX_INPUT = 1_000_000;
/** With a signal, yield to the event loop after this many words so an abort can land. */
const YIELD_EVERY = 2048;
/** Words remembered with their phonemes (bounded so a long-running process does not grow). */
const WORD_CACHE_SIZE = 50_000;

const WHITESPACE = /\s+/uy;
// A Latin word, or words separated by whitespace, with inner apostrophes and hyphens.
const LATIN = /\p{Script=Latin}(?:[\p{Script=Latin}\p{M}'’-]|\s+(?=\p{Script=Latin}))*/uy;

/**
 * Creates the Mandarin G2P. Loads jieba-wasm (once per process) and reads with pypinyin's
 * dictionaries from `pinyin`, unless `engines` are given.
 */
export async function createMandarinG2P(options: MandarinG2POptions = {}): Promise<MandarinG2P> {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('createMandarinG2P takes an options object (or nothing).');
  }
  const { english, latinFallback = 'letters', maxInputLength = DEFAULT_MAX_INPUT } = options;
  if (latinFallback !== 'letters' && latinFallback !== 'skip') {
    throw new InvalidArgumentError(
      `latinFallback must be 'letters' or 'skip', got ${JSON.stringify(latinFallback)}.`,
    );
  }
  if (!Number.isInteger(maxInputLength) || maxInputLength < 1) {
    throw new InvalidArgumentError(
      `maxInputLength must be a positive integer, got ${String(maxInputLength)}.`,
    );
  }
  if (
    english !== undefined &&
    (typeof english?.phonemize !== 'function' || !Array.isArray(english.languages))
  ) {
    throw new InvalidArgumentError('english must be a G2P (an object with languages and phonemize()).');
  }
  const overrides = validateOverrides(options.pinyinOverrides);
  const englishLanguage =
    options.englishLanguage ?? (english?.languages.includes('en-US') ? 'en-US' : english?.languages[0]);
  if (options.engines === undefined && options.pinyin === undefined) {
    throw new G2PError(
      'LEXICON_NOT_FOUND',
      "The Mandarin G2P needs pypinyin's dictionaries: pass createMandarinG2P({ pinyin: { singles, phrases } }) " +
        "(parsed pinyin_dict.json and phrases_dict.json, e.g. from @kokoro-kit/hub's pypinyinAsset), or use " +
        "createMandarinG2PFromDir({ dir }) from the package's Node entry.",
    );
  }
  throwIfAborted(options.signal);
  const engines = options.engines ?? (await loadMandarinEngines(options.pinyin as PypinyinDictionaries));
  throwIfAborted(options.signal);
  const reader = createWordReader(engines, overrides);

  return {
    languages: ['zh'] as const,
    async phonemize(text: string, phonemizeOptions: PhonemizeOptions = {}): Promise<PhonemeToken[]> {
      const { signal, onWarning } = phonemizeOptions;
      throwIfAborted(signal);
      assertMandarin(phonemizeOptions.language);
      if (typeof text !== 'string') {
        throw new InvalidArgumentError(
          `phonemize() takes a string, got ${text === null ? 'null' : typeof text}.`,
        );
      }
      if (text.length > maxInputLength) {
        throw new InvalidArgumentError(
          `The text has ${text.length} characters; this Mandarin G2P takes at most ${maxInputLength} per call ` +
            '(maxInputLength). Split it into paragraphs or sentences first.',
        );
      }
      if (text.trim() === '') return [];
      const run = new PhonemizeRun(text, reader, {
        signal,
        onWarning,
        english,
        englishLanguage,
        latinFallback,
      });
      return run.execute();
    },
  };
}

/**
 * Joins tokens the way Kokoro's KPipeline joins them (spec §3.12): each token's phonemes plus
 * one space if it had trailing whitespace, trimmed. For Mandarin this rebuilds misaki's
 * string: the spaces misaki inserts (between the words of a CJK run, after `，` etc.) are
 * already inside the tokens' phonemes, as a leading space of the next spoken token.
 */
export function joinPhonemes(tokens: readonly Pick<PhonemeToken, 'phonemes' | 'whitespace'>[]): string {
  let out = '';
  for (const token of tokens) {
    out += token.phonemes;
    if (token.whitespace !== '' && out !== '' && !out.endsWith(' ')) out += ' ';
  }
  return out.trim();
}

interface WordReading {
  phonemes: string;
  /** Characters with no readable pinyin. */
  unknown: string[];
}

interface WordReader {
  segment(run: string): string[];
  read(word: string): WordReading;
}

function createWordReader(engines: MandarinEngines, overrides: ReadonlyMap<string, string[]>): WordReader {
  const cache = new Map<string, WordReading>();
  return {
    segment(run) {
      const words = engines.segment(run);
      // jieba's words always rebuild the run; if a stand-in engine's do not, read characters.
      return words.join('') === run ? words : [...run];
    },
    read(word) {
      const hit = cache.get(word);
      if (hit !== undefined) return hit;
      const reading = readWord(engines, word, overrides.get(word));
      if (cache.size >= WORD_CACHE_SIZE) cache.clear();
      cache.set(word, reading);
      return reading;
    },
  };
}

/** A word's syllables → phonemes, concatenated (spec §6.1: no separator inside a word). */
function readWord(engines: MandarinEngines, word: string, override: string[] | undefined): WordReading {
  const chars = [...word];
  let syllables = override ?? engines.pinyin(word);
  if (syllables.length !== chars.length) syllables = chars.map((c) => engines.pinyin(c)[0] ?? c);
  let phonemes = '';
  const unknown: string[] = [];
  chars.forEach((char, i) => {
    const ipa = pinyinToPhonemes(syllables[i] ?? '');
    if (ipa === undefined) unknown.push(char);
    else phonemes += ipa;
  });
  return { phonemes, unknown };
}

function validateOverrides(input: Readonly<Record<string, string>> | undefined): Map<string, string[]> {
  const overrides = new Map<string, string[]>();
  if (input === undefined) return overrides;
  if (input === null || typeof input !== 'object') {
    throw new InvalidArgumentError(
      'pinyinOverrides must be an object of word → pinyin (e.g. { 谢谢: "xie4 xie5" }).',
    );
  }
  for (const [word, pinyin] of Object.entries(input)) {
    const syllables = typeof pinyin === 'string' ? pinyin.trim().split(/\s+/) : [];
    const chars = [...word];
    const bad = syllables.find((syllable) => pinyinToPhonemes(syllable) === undefined);
    if (syllables.length !== chars.length || bad !== undefined) {
      throw new InvalidArgumentError(
        `pinyinOverrides[${JSON.stringify(word)}] must give one numbered-tone pinyin syllable per character ` +
          `(${chars.length}), separated by spaces, e.g. "xie4 xie5"; got ${JSON.stringify(pinyin)}` +
          `${bad === undefined ? '' : ` ("${bad}" is not pinyin)`}.`,
      );
    }
    overrides.set(word, syllables);
  }
  return overrides;
}

interface RunOptions {
  signal: AbortSignal | undefined;
  onWarning: ((warning: G2PWarning) => void) | undefined;
  english: G2P | undefined;
  englishLanguage: LanguageTag | undefined;
  latinFallback: 'letters' | 'skip';
}

/** One CJK character (or one converted numeral) of a CJK run, with its source span. */
interface RunUnit {
  norm: string;
  start: number;
  end: number;
}

/** One `phonemize` call: walks the text left to right and builds tokens. */
class PhonemizeRun {
  private readonly tokens: PhonemeToken[] = [];
  /** Spaces misaki inserted that are not yet written (they go before the next spoken token). */
  private pendingSpaces = 0;
  private spoken = false;
  private run: RunUnit[] = [];
  private wordsSinceYield = 0;

  constructor(
    private readonly text: string,
    private readonly reader: WordReader,
    private readonly options: RunOptions,
  ) {}

  async execute(): Promise<PhonemeToken[]> {
    const segments = convertNumerals(this.text, (w) =>
      this.warn({ kind: 'unsupported-number', text: w.text, message: w.message }),
    );
    for (const segment of segments) {
      if (segment.converted) {
        // Converted numerals are CJK text and join the CJK run they sit in, as in misaki.
        this.run.push({ norm: segment.text, start: segment.start, end: segment.end });
        continue;
      }
      await this.walk(segment.text, segment.start);
    }
    await this.flushRun();
    throwIfAborted(this.options.signal);
    return this.tokens;
  }

  /** Walks an unconverted stretch of the source. */
  private async walk(source: string, offset: number): Promise<void> {
    let i = 0;
    while (i < source.length) {
      const cp = source.codePointAt(i) as number;
      if (cp >= 0x4e00 && cp <= 0x9fff) {
        this.run.push({ norm: source[i] as string, start: offset + i, end: offset + i + 1 });
        i += 1;
        continue;
      }
      await this.flushRun();
      const at = offset + i;
      WHITESPACE.lastIndex = i;
      const ws = WHITESPACE.exec(source);
      if (ws !== null) {
        this.whitespace(ws[0]);
        i += ws[0].length;
        continue;
      }
      LATIN.lastIndex = i;
      const latin = LATIN.exec(source);
      if (latin !== null) {
        await this.latin(latin[0]);
        i += latin[0].length;
        continue;
      }
      const char = String.fromCodePoint(cp);
      const mapped = PUNCTUATION_MAP[char];
      if (mapped !== undefined) {
        this.pendingSpaces += mapped.before;
        this.push(char, mapped.mark);
        this.pendingSpaces += mapped.after;
      } else if (KOKORO_PUNCTUATION.has(char)) {
        this.push(char, char);
      } else {
        i += this.other(source, i, at);
        continue;
      }
      i += char.length;
    }
  }

  /** A stretch of characters that are none of the above: kept if Kokoro symbols, else reported. */
  private other(source: string, i: number, at: number): number {
    let end = i;
    while (end < source.length) {
      const cp = source.codePointAt(end) as number;
      const char = String.fromCodePoint(cp);
      if (cp >= 0x4e00 && cp <= 0x9fff) break;
      if (/\s/u.test(char) || /\p{Script=Latin}/u.test(char)) break;
      if (PUNCTUATION_MAP[char] !== undefined || KOKORO_PUNCTUATION.has(char)) break;
      end += char.length;
    }
    const text = source.slice(i, end);
    const { kept, dropped } = splitVocabulary(text);
    this.push(text, kept);
    if (dropped.length > 0) {
      this.warn({
        kind: 'unsupported-char',
        text,
        message: `No Mandarin reading for ${describeChars(dropped)} (at ${at}); skipped.`,
      });
    }
    return end - i;
  }

  private async latin(segment: string): Promise<void> {
    const { english, englishLanguage, signal, onWarning, latinFallback } = this.options;
    if (english !== undefined) {
      let tokens: PhonemeToken[] | undefined;
      try {
        tokens = await english.phonemize(segment, { language: englishLanguage, signal, onWarning });
      } catch (error) {
        if (KokoroError.hasCode(error, 'ABORTED') || signal?.aborted) throw error;
        this.warn({
          kind: 'unknown-word',
          text: segment,
          message: `The English G2P failed on "${abbreviate(segment)}" (${error instanceof Error ? error.message : String(error)}); using the Latin fallback.`,
        });
      }
      if (tokens !== undefined) {
        this.englishTokens(segment, tokens);
        return;
      }
    }
    // No English G2P: word by word, as the fallback says.
    const words = segment.split(/(\s+)/u);
    for (let k = 0; k < words.length; k += 2) {
      const word = words[k] as string;
      const phonemes = latinFallback === 'letters' ? splitVocabulary(word).kept : '';
      this.push(word, phonemes);
      if (k + 1 < words.length) this.whitespace(words[k + 1] as string);
    }
    this.warn({
      kind: 'unknown-word',
      text: segment,
      message:
        latinFallback === 'letters'
          ? `No English G2P for "${abbreviate(segment)}": its letters were copied as phoneme symbols, as misaki's v1.0 path does. Pass createMandarinG2P({ english }) to read it as English.`
          : `No English G2P for "${abbreviate(segment)}"; skipped. Pass createMandarinG2P({ english }) to read it.`,
    });
  }

  /** Splices the English G2P's tokens in, keeping only Kokoro symbols. */
  private englishTokens(segment: string, tokens: readonly PhonemeToken[]): void {
    const rebuilt = tokens.map((t) => t.text + t.whitespace).join('');
    if (rebuilt.trimEnd() !== segment) {
      // Tokens that do not rebuild the segment cannot be mapped to the source: keep one token.
      this.push(segment, this.vocabulary(segment, joinPhonemes(tokens)));
      return;
    }
    for (const token of tokens) {
      this.push(token.text, this.vocabulary(token.text, token.phonemes));
      if (token.whitespace !== '') this.whitespace(token.whitespace);
    }
  }

  private vocabulary(text: string, phonemes: string): string {
    const { kept, dropped } = splitVocabulary(phonemes);
    if (dropped.length > 0) {
      this.warn({
        kind: 'unsupported-char',
        text,
        message: `The English G2P gave ${describeChars(dropped)} for "${abbreviate(text)}", not in the Kokoro vocabulary; removed.`,
      });
    }
    return kept;
  }

  /** Segments and reads the pending CJK run (spec §6.1: words joined with one space). */
  private async flushRun(): Promise<void> {
    const units = this.run;
    if (units.length === 0) return;
    this.run = [];
    const runText = units.map((u) => u.norm).join('');
    const words = this.reader.segment(runText);
    // Group words so each token covers whole source units (a converted numeral may be split
    // into several words, e.g. 二零二四 + 年).
    let unit = 0;
    let unitEnd = (units[0] as RunUnit).norm.length;
    let offset = 0;
    let group: string[] = [];
    let groupFirstUnit = 0;
    let runSpoken = false;
    for (const word of words) {
      group.push(word);
      offset += word.length;
      while (unitEnd < offset && unit + 1 < units.length) unitEnd += (units[++unit] as RunUnit).norm.length;
      if (offset !== unitEnd) continue;
      const first = units[groupFirstUnit] as RunUnit;
      const last = units[unit] as RunUnit;
      const phonemes = group
        .map((w) => this.readWord(w))
        .filter((p) => p !== '')
        .join(' ');
      if (phonemes !== '' && runSpoken) this.pendingSpaces += 1;
      if (phonemes !== '') runSpoken = true;
      this.push(this.text.slice(first.start, last.end), phonemes);
      await this.maybeYield(group.length);
      group = [];
      groupFirstUnit = unit + 1;
      if (unit + 1 < units.length) unitEnd += (units[++unit] as RunUnit).norm.length;
    }
  }

  private readWord(word: string): string {
    const reading = this.reader.read(word);
    if (reading.unknown.length > 0) {
      this.warn({
        kind: 'unknown-word',
        text: word,
        message: `No pinyin for ${reading.unknown.map((c) => `"${c}"`).join(', ')} in "${word}"; skipped.`,
      });
    }
    return reading.phonemes;
  }

  private async maybeYield(words: number): Promise<void> {
    const { signal } = this.options;
    if (signal === undefined) return;
    this.wordsSinceYield += words;
    if (this.wordsSinceYield < YIELD_EVERY) return;
    this.wordsSinceYield = 0;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
  }

  private push(text: string, phonemes: string): void {
    let out = phonemes;
    if (out !== '') {
      // misaki trims the text, so inserted spaces before the first spoken token vanish.
      if (this.spoken && this.pendingSpaces > 0) out = ' '.repeat(this.pendingSpaces) + out;
      this.pendingSpaces = 0;
      this.spoken = true;
    }
    this.tokens.push({ text, phonemes: out, whitespace: '' });
  }

  private whitespace(ws: string): void {
    const last = this.tokens.at(-1);
    if (last !== undefined) last.whitespace += ws;
  }

  private warn(warning: G2PWarning): void {
    this.options.onWarning?.(warning);
  }
}

function describeChars(chars: readonly string[]): string {
  const codes = chars
    .slice(0, 8)
    .map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  return `${codes.join(' ')}${chars.length > 8 ? ' …' : ''}`;
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
