/**
 * @kokoro-kit/g2p-ja — Japanese G2P for Kokoro-82M v1.0 (misaki's cutlet path, spec g2p.md §5),
 * with kuromoji's IPADIC for morphology. Browser-safe: the dictionary comes from a URL or a
 * reader you give; `@kokoro-kit/g2p-ja/node` finds the installed one.
 */

export {
  IPADIC_FILES,
  type IpadicDictionary,
  type IpadicFileName,
  type IpadicSource,
  ipadicFromUrl,
  loadIpadic,
  type Morpheme,
  sharedIpadic,
} from './dictionary';
export { createJapaneseG2P, JAPANESE_LANGUAGES, type JapaneseG2POptions } from './g2p';
export { joinJapanesePhonemes } from './join';
export { kanaToPhonemes, katakanaToHiragana, mapKana } from './kana';
export { KANA_PHONEMES, PUNCTUATION } from './kana-table';
export { type NormalizedText, normalizeJapanese } from './normalize';
export { MAX_NUMBER_DIGITS, numberToKana } from './num2kana';
export type { Vocabulary } from './vocabulary';
export { parseJaWords } from './words';
