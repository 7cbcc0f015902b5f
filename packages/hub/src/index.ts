/**
 * @kokoro-kit/hub — fetch, cache and verify Kokoro models, voices and lexicons.
 * Browser-safe: `fetch`, Web Crypto and Cache Storage only. The Node file cache is in `./node`.
 */
export {
  assetFromKey,
  type HubAsset,
  hubFileAsset,
  isModelId,
  languageDataAssets,
  lexiconAsset,
  type ModelRef,
  modelAsset,
  modelIdOf,
  parseModelId,
  pypinyinAsset,
  voiceAsset,
} from './assets';
export { type CacheStorageOptions, createCacheStorage } from './cache-storage';
export { type OpenDownloadOptions, type OpenedDownload, openDownload, sha256Hex } from './download';
export { HubError, type HubErrorCode } from './errors';
export {
  type CallOptions,
  createHub,
  type Hub,
  type HubOptions,
  type HubProgress,
  type HubVoiceLoader,
  type ProgressCallback,
  type PullResult,
  type VerifyResult,
  type VerifyStatus,
} from './hub';
export {
  DEFAULT_HUB_URL,
  DEFAULT_LEXICON_URL,
  DEFAULT_MODEL_ID,
  DEFAULT_MODEL_REPO,
  DEFAULT_MODEL_REVISION,
  KOKORO_VOICES,
  LEXICON_FILES,
  LEXICONS_BY_LANGUAGE,
  type LexiconFile,
  MISAKI_COMMIT,
  MISAKI_REPO,
  MODEL_DTYPE_FILES,
  MODEL_DTYPES,
  type ModelDtype,
  PINNED_FILES,
  PINNED_REVISIONS,
  type PinnedFile,
  PYPINYIN_COMMIT,
  PYPINYIN_FILES,
  PYPINYIN_REPO,
  type PypinyinFile,
  pinnedFile,
  TIMESTAMPED_MODEL_REPO,
  TIMESTAMPED_MODEL_REVISION,
  VOICE_FILE_BYTES,
} from './manifest';
export type { HubStorage, StoredEntry, StoreRequest } from './storage';
