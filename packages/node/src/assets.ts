import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeVoice, type LanguageTag, type VoiceInfo, type VoiceStore } from '@kokoro-kit/core';
import {
  createNodeHub,
  DEFAULT_MODEL_ID,
  type HubAsset,
  isModelId,
  KOKORO_VOICES,
  LEXICONS_BY_LANGUAGE,
  lexiconAsset,
  type NodeHub,
  type ProgressCallback,
} from '@kokoro-kit/hub/node';
import { createVoiceStore } from '@kokoro-kit/voice-store';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import type { Settings } from './settings';

export interface AssetsOptions {
  onProgress?: ProgressCallback;
  fetch?: typeof fetch;
  /** How to tell the user to get a file that is missing while offline. */
  offlineHint?: (asset: HubAsset) => string;
}

/**
 * Where the model, voices and lexicons come from: a local path when one was given, else the hub
 * through the file cache (downloaded on first use, verified, then read from the cache).
 */
export interface Assets {
  readonly hub: NodeHub;
  /** A local path of the ONNX model (downloaded into the cache if a hub id was given). */
  modelPath(options?: { signal?: AbortSignal }): Promise<string>;
  /** The voices folder, else the model repo's `voices/` fetched on demand. */
  readonly voices: VoiceStore;
  /** The voices of the folder, else the 54 known Kokoro v1.0 voices (nothing downloaded). */
  listVoices(options?: { signal?: AbortSignal }): Promise<VoiceInfo[]>;
  /** A folder holding the language's misaki lexicon files. */
  lexiconDir(language: LanguageTag, options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * A folder holding these data files: the local lexicon folder when it holds them all, else the
   * hub's pinned copies through the cache (misaki's `ja_words.txt`, pypinyin's dictionaries).
   */
  dataDir(files: readonly HubAsset[], options?: { signal?: AbortSignal }): Promise<string>;
  /** The local lexicon folder, when one was given (never a download). */
  readonly localLexiconDir: string | undefined;
}

export function createAssets(settings: Settings, options: AssetsOptions = {}): Assets {
  const hub = createNodeHub({
    env: settings.env as NodeJS.ProcessEnv,
    cacheDir: settings.cacheDir,
    offline: settings.offline,
    hubUrl: settings.hubUrl,
    lexiconUrl: settings.lexiconUrl,
    fetch: options.fetch,
    onProgress: options.onProgress,
    offlineHint: options.offlineHint ?? ((asset) => libraryOfflineHint(asset, settings.cacheDir)),
  });
  const { model, voicesDir, lexiconDir: localLexiconDir } = settings;
  // A file or folder that exists wins over an id that looks like one (`org/name` could be a path).
  const modelIsId = !existsSync(model) && isModelId(model);
  const voicesModel = modelIsId ? model : DEFAULT_MODEL_ID;
  const voices =
    voicesDir !== undefined
      ? createDirectoryVoiceStore({ dir: voicesDir })
      : createVoiceStore({ loader: hub.voiceLoader(voicesModel) });

  return {
    hub,
    modelPath: async (call) => (modelIsId ? hub.path(hub.model(model), call) : model),
    voices,
    listVoices: async (call) =>
      voicesDir !== undefined ? voices.list(call) : KOKORO_VOICES.map(describeVoice),
    lexiconDir: async (language, call) => {
      if (localLexiconDir !== undefined) return localLexiconDir;
      const files = LEXICONS_BY_LANGUAGE[language] ?? [];
      const paths = await Promise.all(files.map((file) => hub.path(lexiconAsset(file), call)));
      // Every lexicon of the pinned commit sits in one cache folder.
      return paths[0] === undefined ? hub.cacheDir : dirname(paths[0]);
    },
    dataDir: async (files, call) => {
      const names = files.map((asset) => basename(asset.urlPath));
      if (localLexiconDir !== undefined && names.every((name) => existsSync(join(localLexiconDir, name)))) {
        return localLexiconDir;
      }
      const paths = await Promise.all(files.map((asset) => hub.path(asset, call)));
      // The files of one pinned source share one cache folder.
      return paths[0] === undefined ? hub.cacheDir : dirname(paths[0]);
    },
    localLexiconDir,
  };
}

/** The offline advice in library terms: which option to pass instead, or where the cache is. */
function libraryOfflineHint(asset: HubAsset, cacheDir: string): string {
  const option =
    asset.host === 'lexicon' ? 'lexicon' : asset.urlPath.includes('/voices/') ? 'voices' : 'model';
  const what = {
    lexicon: "a folder of misaki's lexicon files",
    voices: 'a folder of Kokoro voice packs',
    model: 'the path of a local Kokoro ONNX file',
  }[option];
  return `fetch it once with network access (offline: false) into the cache (${cacheDir}), or pass the \`${option}\` option (${what})`;
}
