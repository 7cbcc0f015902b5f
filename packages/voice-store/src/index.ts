/**
 * @kokoro-kit/voice-store — Kokoro voice packs: the `.bin`, `.npy`, `.npz` and `.pt` formats
 * (parsed from bytes, browser-safe), style-row selection, blend expressions and caching stores.
 * Node folder/file stores live in `@kokoro-kit/voice-store/node`.
 */
export { type BundleVoiceLoaderOptions, createBundleVoiceLoader } from './bundle-loader';
export {
  assertValidVoiceName,
  blendVoicePacks,
  isValidVoiceName,
  normalizeVoiceExpression,
  type ParsedVoiceExpression,
  parseVoiceExpression,
  VOICE_NAME_PATTERN,
  type VoiceBlendTerm,
} from './expression';
export {
  detectVoiceFileFormat,
  listVoiceBundle,
  type ParseVoiceOptions,
  parseVoiceBundle,
  parseVoiceBundleEntry,
  parseVoicePack,
  type VoiceFileFormat,
} from './formats';
export { type CachingVoiceStore, createVoiceStore, type VoiceLoader, type VoiceStoreOptions } from './store';
export { createVoicePack, styleRowIndex, VOICE_PACK_BYTES, VOICE_PACK_FLOATS } from './voice-pack';
export { crc32, type InflateRaw, inflateRawWithStreams, type ZipSource } from './zip';
