export {
  createEspeakEngine,
  type EspeakEngine,
  type EspeakEngineOptions,
  type EspeakWasmSource,
  getEspeakEngine,
  getEspeakEngineCreationCount,
} from './engine';
export {
  createEspeakEnglishFallback,
  type EspeakEnglishFallback,
  type EspeakEnglishFallbackOptions,
} from './fallback';
export {
  createEspeakG2P,
  DEFAULT_MAX_INPUT_LENGTH,
  ESPEAK_LANGUAGES,
  type EspeakG2P,
  type EspeakG2POptions,
  type EspeakLanguage,
  resolveEspeakLanguage,
} from './g2p';
export {
  applyEspeakFallbackRules,
  applyEspeakLanguageRules,
  ESPEAK_FALLBACK_REPLACEMENTS,
  ESPEAK_LANGUAGE_REPLACEMENTS,
  removeLanguageFlags,
} from './replacements';
