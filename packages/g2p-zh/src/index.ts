export {
  createMandarinEngines,
  type JiebaModule,
  loadMandarinEngines,
  type MandarinEngines,
} from './engines';
export { createMandarinG2P, joinPhonemes, type MandarinG2P, type MandarinG2POptions } from './g2p';
export { isMandarinTag } from './language';
export { convertNumerals, type NumeralSegment, readDigits, readNumber } from './numerals';
export { DENTAL_I, FINALS, INITIALS, RETROFLEX_I, TONE_ARROWS, WHOLE_SYLLABLES } from './pinyin-table';
export { type PinyinParts, pinyinToPhonemes, splitPinyin } from './pinyin-to-phonemes';
export { PUNCTUATION_MAP } from './punctuation';
export {
  createPhraseCutter,
  createPypinyinReader,
  type PinyinReader,
  PYPINYIN_DICTIONARY_FILES,
  type PypinyinDictionaries,
  parsePypinyinDictionaries,
  toTone3,
} from './pypinyin';
