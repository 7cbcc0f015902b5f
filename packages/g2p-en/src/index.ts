export { createEnglishG2P, type EnglishG2POptions } from './g2p';
export { joinPhonemes } from './join';
export { ENGLISH_DIALECTS, type EnglishDialect } from './language';
export {
  type CreateMisakiLexiconOptions,
  createMisakiLexicon,
  growDictionary,
  type MisakiEntry,
  type MisakiLexicon,
  type MisakiLexiconData,
} from './lexicon';
