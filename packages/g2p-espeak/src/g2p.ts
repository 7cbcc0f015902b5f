import {
  type G2P,
  G2PError,
  type G2PWarning,
  InvalidArgumentError,
  type LanguageTag,
  type PhonemeToken,
  type PhonemizeOptions,
  splitVocabulary,
  throwIfAborted,
} from '@kokoro-kit/core';
import { type EspeakEngine, getEspeakEngine } from './engine';
import { applyEspeakLanguageRules, removeLanguageFlags } from './replacements';
import { cleanForEspeak, punctuationPhonemes, type Segment, segmentText } from './segment';

/** The five Kokoro v1.0 espeak languages, as core's `LanguageTag`s. */
export type EspeakLanguage = 'es' | 'fr' | 'hi' | 'it' | 'pt-BR';

export const ESPEAK_LANGUAGES: readonly EspeakLanguage[] = ['es', 'fr', 'hi', 'it', 'pt-BR'];

/** Kokoro's language → espeak voice (spec kokoro.md §9.1, g2p.md §4). */
const VOICES: Readonly<Record<EspeakLanguage, string>> = {
  es: 'es',
  fr: 'fr-fr',
  hi: 'hi',
  it: 'it',
  'pt-BR': 'pt-br',
};

/** Accepted spellings (lower-cased) → language: Kokoro's codes, espeak's voices, one-letter KPipeline codes. */
const ALIASES: Readonly<Record<string, EspeakLanguage>> = {
  es: 'es',
  e: 'es',
  fr: 'fr',
  'fr-fr': 'fr',
  f: 'fr',
  hi: 'hi',
  h: 'hi',
  it: 'it',
  i: 'it',
  'pt-br': 'pt-BR',
  p: 'pt-BR',
};

/** Default cap on input length: espeak-ng (WASM) reads about 20 k characters per second. */
export const DEFAULT_MAX_INPUT_LENGTH = 20_000;

export interface EspeakG2POptions {
  /** Languages to serve (default: all five). */
  languages?: readonly (EspeakLanguage | 'fr-fr' | 'pt-br')[];
  /** An engine to use; default: the shared process-wide engine (`getEspeakEngine()`). */
  engine?: EspeakEngine | Promise<EspeakEngine>;
  /** Longest text accepted by one `phonemize` call (default 20 000 characters). */
  maxInputLength?: number;
}

export interface EspeakG2P extends G2P {
  readonly languages: readonly EspeakLanguage[];
}

/** Resolves a language tag to one of the five languages, or undefined. */
export function resolveEspeakLanguage(language: LanguageTag): EspeakLanguage | undefined {
  return ALIASES[language.toLowerCase()];
}

/**
 * misaki's `EspeakG2P` for es, fr-fr, hi, it and pt-br (spec g2p.md §4) with word-level tokens.
 * The engine starts on the first `phonemize` call, not here.
 */
export function createEspeakG2P(options: EspeakG2POptions = {}): EspeakG2P {
  const languages = resolveLanguages(options.languages);
  const maxInputLength = options.maxInputLength ?? DEFAULT_MAX_INPUT_LENGTH;
  if (!Number.isInteger(maxInputLength) || maxInputLength < 1)
    throw new InvalidArgumentError(
      `maxInputLength must be a positive integer, got ${String(maxInputLength)}.`,
    );
  let engine: Promise<EspeakEngine> | undefined;
  const getEngine = () => {
    engine ??= options.engine ? Promise.resolve(options.engine) : getEspeakEngine();
    return engine;
  };

  return {
    languages,
    async phonemize(text: string, phonemizeOptions: PhonemizeOptions = {}): Promise<PhonemeToken[]> {
      const { signal, onWarning } = phonemizeOptions;
      const language = pickLanguage(phonemizeOptions.language ?? languages[0], languages);
      throwIfAborted(signal);
      if (typeof text !== 'string') throw new InvalidArgumentError('phonemize() needs a string.');
      if (text.length > maxInputLength)
        throw new G2PError(
          'TEXT_TOO_LONG',
          `The text has ${text.length} characters; this G2P takes at most ${maxInputLength} per call ` +
            '(espeak-ng reads about 20 000 characters a second). Split it into sentences or paragraphs first ' +
            '(the pipeline does), or raise maxInputLength.',
        );
      const segments = segmentText(text);
      if (segments.length === 0) return [];
      const instance = await getEngine();
      throwIfAborted(signal);
      return phonemizeSegments(instance, VOICES[language], segments, onWarning);
    },
  };
}

function resolveLanguages(requested: EspeakG2POptions['languages']): EspeakLanguage[] {
  if (!requested) return [...ESPEAK_LANGUAGES];
  const out: EspeakLanguage[] = [];
  for (const tag of requested) {
    const language = resolveEspeakLanguage(tag);
    if (!language)
      throw new G2PError(
        'UNSUPPORTED_LANGUAGE',
        `@kokoro-kit/g2p-espeak has no "${tag}"; it serves ${ESPEAK_LANGUAGES.join(', ')}.`,
      );
    if (!out.includes(language)) out.push(language);
  }
  if (out.length === 0) throw new InvalidArgumentError('languages must name at least one language.');
  return out;
}

function pickLanguage(tag: LanguageTag | undefined, languages: readonly EspeakLanguage[]): EspeakLanguage {
  const language = tag === undefined ? undefined : resolveEspeakLanguage(tag);
  if (!language || !languages.includes(language))
    throw new G2PError(
      'UNSUPPORTED_LANGUAGE',
      `This G2P does not handle "${String(tag)}"; it handles ${languages.join(', ')}. ` +
        'English goes to @kokoro-kit/g2p-en, Japanese to g2p-ja, Mandarin to g2p-zh.',
    );
  return language;
}

/** A run of words between two punctuation marks: phonemizer sends each such chunk to espeak alone. */
interface Chunk {
  tokens: PhonemeToken[];
  /** The text of each word as espeak gets it ('' when nothing speakable is left). */
  words: string[];
}

function phonemizeSegments(
  engine: EspeakEngine,
  voice: string,
  segments: readonly Segment[],
  onWarning: ((warning: G2PWarning) => void) | undefined,
): PhonemeToken[] {
  const tokens: PhonemeToken[] = [];
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (const segment of segments) {
    const token: PhonemeToken = { text: segment.text, phonemes: '', whitespace: segment.whitespace };
    tokens.push(token);
    if (segment.kind === 'punctuation') {
      token.phonemes = vocabOnly(punctuationPhonemes(segment.text), segment.text, onWarning);
      current = undefined;
      continue;
    }
    if (segment.kind === 'clause-mark') {
      current = undefined; // espeak would end the clause here too, and says nothing for it
      continue;
    }
    if (!current) {
      current = { tokens: [], words: [] };
      chunks.push(current);
    }
    current.tokens.push(token);
    current.words.push(cleanForEspeak(segment.text).trim());
  }

  const chunkIpa = engine.phonemizeLines(
    voice,
    chunks.map((chunk) => chunk.words.filter((w) => w.length > 0).join(' ')),
  );
  const needWordRuns: Chunk[] = [];
  chunks.forEach((chunk, i) => {
    const outWords = splitWords(chunkIpa[i] ?? '');
    const speakable = chunk.tokens.filter((_, j) => (chunk.words[j] ?? '') !== '');
    if (outWords.length === speakable.length) {
      speakable.forEach((token, j) => {
        token.phonemes = outWords[j] ?? '';
      });
    } else needWordRuns.push(chunk);
  });
  alignByWordCounts(engine, voice, needWordRuns, chunks, chunkIpa);

  for (const chunk of chunks) {
    for (const token of chunk.tokens) {
      const words = token.phonemes.split(' ').map((w) => applyEspeakLanguageRules(w));
      token.phonemes = vocabOnly(words.filter((w) => w.length > 0).join(' '), token.text, onWarning);
      if (token.phonemes === '')
        onWarning?.({
          kind: 'unsupported-char',
          text: token.text,
          message: `espeak-ng (${voice}) produced no phonemes for "${token.text}"; it is left silent.`,
        });
    }
  }
  return tokens;
}

/**
 * espeak's output for a chunk did not have one word per input word (numbers read as several
 * words, clitics joined). Phonemize those chunks' words one per line (one extra espeak run for all
 * of them) to learn how many output words each input word makes, then cut the chunk's own output
 * (which has the cross-word context misaki's output has) accordingly. If even that does not add
 * up, the whole chunk's phonemes go to its first word and the other words stay silent.
 */
function alignByWordCounts(
  engine: EspeakEngine,
  voice: string,
  pending: readonly Chunk[],
  chunks: readonly Chunk[],
  chunkIpa: readonly string[],
): void {
  if (pending.length === 0) return;
  const perWord = engine.phonemizeLines(
    voice,
    pending.flatMap((chunk) => chunk.words),
  );
  let cursor = 0;
  for (const chunk of pending) {
    const outWords = splitWords(chunkIpa[chunks.indexOf(chunk)] ?? '');
    const counts = chunk.words.map(() => splitWords(perWord[cursor++] ?? '').length);
    if (counts.reduce((a, b) => a + b, 0) === outWords.length) {
      let next = 0;
      chunk.tokens.forEach((token, j) => {
        const n = counts[j] ?? 0;
        token.phonemes = outWords.slice(next, next + n).join(' ');
        next += n;
      });
    } else {
      const first = chunk.tokens.find((_, j) => (chunk.words[j] ?? '') !== '');
      if (first) first.phonemes = outWords.join(' ');
    }
  }
}

function splitWords(ipa: string): string[] {
  return removeLanguageFlags(ipa)
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

function vocabOnly(
  phonemes: string,
  text: string,
  onWarning: ((warning: G2PWarning) => void) | undefined,
): string {
  const { kept, dropped } = splitVocabulary(phonemes);
  if (dropped.length > 0)
    onWarning?.({
      kind: 'unsupported-char',
      text,
      message: `Dropped ${dropped.map((c) => `"${c}" (U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')} from the phonemes of "${text}": not in the Kokoro vocabulary (the model would drop it too).`,
    });
  return kept;
}
