import {
  G2PError,
  type LanguageTag,
  splitVocabulary,
  throwIfAborted,
  type WordFallback,
} from '@kokoro-kit/core';
import { type EspeakEngine, getEspeakEngine } from './engine';
import { applyEspeakFallbackRules, removeLanguageFlags } from './replacements';
import { cleanForEspeak, punctuationPhonemes, segmentText } from './segment';

export interface EspeakEnglishFallbackOptions {
  /** An engine to use; default: the shared process-wide engine (`getEspeakEngine()`). */
  engine?: EspeakEngine | Promise<EspeakEngine>;
  /** How many words to remember per dialect (default 10 000; 0 disables the cache). */
  cacheSize?: number;
}

export interface EspeakEnglishFallback extends WordFallback {
  readonly languages: readonly ['en-US', 'en-GB'];
}

/** Words longer than this are not sent to espeak (no English word is; it guards against misuse). */
const MAX_WORD_LENGTH = 200;

/**
 * misaki's `EspeakFallback` (spec g2p.md §3.13(a)): an out-of-lexicon English word is read by
 * espeak-ng (`en-us` / `en-gb`, ties `^`) and mapped to misaki's symbols; rating 2.
 */
export function createEspeakEnglishFallback(
  options: EspeakEnglishFallbackOptions = {},
): EspeakEnglishFallback {
  let engine: Promise<EspeakEngine> | undefined;
  const getEngine = () => {
    engine ??= options.engine ? Promise.resolve(options.engine) : getEspeakEngine();
    return engine;
  };
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, string>();

  return {
    languages: ['en-US', 'en-GB'],
    async phonemizeWord(word: string, { language, signal }: { language: LanguageTag; signal?: AbortSignal }) {
      throwIfAborted(signal);
      const dialect = dialectOf(language);
      const key = `${dialect}\u0000${word}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached === '' ? undefined : { phonemes: cached, rating: 2 };
      if (word.length > MAX_WORD_LENGTH || word.trim() === '') return undefined;
      const instance = await getEngine();
      throwIfAborted(signal);
      const phonemes = phonemizeEnglishWord(instance, word, dialect);
      if (cacheSize > 0) {
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(key, phonemes);
      }
      return phonemes === '' ? undefined : { phonemes, rating: 2 };
    },
  };
}

function dialectOf(language: LanguageTag): 'us' | 'gb' {
  const tag = language.toLowerCase();
  if (tag === 'en-us' || tag === 'a' || tag === 'en') return 'us';
  if (tag === 'en-gb' || tag === 'b') return 'gb';
  throw new G2PError(
    'UNSUPPORTED_LANGUAGE',
    `The espeak English fallback handles en-US and en-GB, not "${language}".`,
  );
}

/**
 * misaki sends the word's whole text through phonemizer with punctuation preserved: marks stay
 * (and are dropped later if outside the vocabulary), the rest is read by espeak and mapped.
 */
function phonemizeEnglishWord(engine: EspeakEngine, word: string, dialect: 'us' | 'gb'): string {
  const segments = segmentText(word);
  const words = segments.filter((s) => s.kind === 'word').map((s) => cleanForEspeak(s.text));
  const ipa = engine.phonemizeLines(dialect === 'us' ? 'en-us' : 'en-gb', words);
  let next = 0;
  const parts = segments.map((segment) => {
    if (segment.kind === 'punctuation')
      return punctuationPhonemes(segment.text) + (segment.whitespace ? ' ' : '');
    const raw = removeLanguageFlags(ipa[next++] ?? '').trim();
    return applyEspeakFallbackRules(raw, dialect) + (segment.whitespace ? ' ' : '');
  });
  return splitVocabulary(parts.join('').trim()).kept;
}
