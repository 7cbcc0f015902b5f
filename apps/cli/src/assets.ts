import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LanguageTag, VoiceStore } from '@kokoro-kit/core';
import {
  createNodeHub,
  DEFAULT_MODEL_ID,
  defaultCacheDir,
  type HubAsset,
  isModelId,
  LEXICONS_BY_LANGUAGE,
  lexiconAsset,
  modelIdOf,
  type NodeHub,
  PYPINYIN_FILES,
  pypinyinAsset,
} from '@kokoro-kit/hub/node';
import { createVoiceStore } from '@kokoro-kit/voice-store';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import type { CliIO } from './io';
import { createProgress } from './progress';

/** The asset flags a command was given. */
export interface AssetFlags {
  model?: string;
  voices?: string;
  lexicon?: string;
  offline?: boolean;
}

/**
 * Where a command's model, voices and lexicons come from: the flag, else the environment
 * (`KOKORO_MODEL`, `KOKORO_VOICES_DIR`, `KOKORO_LEXICON_DIR`), else the hub through the cache
 * (`KOKORO_CACHE_DIR`, `KOKORO_HUB_URL`, `KOKORO_LEXICON_URL`, `KOKORO_OFFLINE` / `--offline`).
 */
export interface CliAssets {
  /** A local path to the ONNX model (downloaded into the cache if a hub id was given). */
  modelPath(options?: { signal?: AbortSignal }): Promise<string>;
  /** A voice store: the `--voices` folder, else the model repo's `voices/` fetched on demand. */
  voices(): VoiceStore;
  /** Where the voices come from, for `kokoro voices`: a folder, or a hub model id. */
  voicesSource(): { dir: string } | { modelId: string };
  /** A folder holding the language's misaki lexicon files. */
  lexiconDir(language: LanguageTag, options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * A folder holding pypinyin's two dictionaries (Mandarin readings): the `--lexicon` folder if
   * it holds both, else the hub's pinned copies through the cache.
   */
  pypinyinDir(options?: { signal?: AbortSignal }): Promise<string>;
  /** Closes the progress bars. */
  done(): void;
}

/** The hub as the CLI uses it: cache and servers from the environment, progress bars on a TTY. */
export function createCliHub(io: CliIO, offline?: boolean): { hub: NodeHub; done: () => void } {
  const progress = createProgress(io);
  const cacheDir = defaultCacheDir(io.env);
  const hub = createNodeHub({
    env: io.env,
    cacheDir,
    offline: offline || undefined,
    onProgress: progress.onProgress,
    offlineHint: (asset) => offlineHint(asset, cacheDir),
  });
  return { hub, done: progress.stop };
}

export function cliAssets(io: CliIO, flags: AssetFlags): CliAssets {
  const { hub, done } = createCliHub(io, flags.offline);
  const fromEnv = (name: string) => (io.env[name] === '' ? undefined : io.env[name]);
  const model = flags.model ?? fromEnv('KOKORO_MODEL') ?? DEFAULT_MODEL_ID;
  const voicesDir = flags.voices ?? fromEnv('KOKORO_VOICES_DIR');
  const lexicon = flags.lexicon ?? fromEnv('KOKORO_LEXICON_DIR');
  // A file or folder that exists wins over an id that looks like one (`org/name` could be a path).
  const modelIsId = !existsSync(model) && isModelId(model);
  const voicesModel = modelIsId ? model : DEFAULT_MODEL_ID;

  return {
    modelPath: async (options) => (modelIsId ? hub.path(hub.model(model), options) : model),
    voices: () =>
      voicesDir !== undefined
        ? createDirectoryVoiceStore({ dir: voicesDir })
        : createVoiceStore({ loader: hub.voiceLoader(voicesModel) }),
    voicesSource: () => (voicesDir !== undefined ? { dir: voicesDir } : { modelId: voicesModel }),
    lexiconDir: async (language, options) => {
      if (lexicon !== undefined) return lexicon;
      const files = LEXICONS_BY_LANGUAGE[language] ?? [];
      const paths = await Promise.all(files.map((file) => hub.path(lexiconAsset(file), options)));
      // Every lexicon of the pinned commit sits in one cache folder.
      return paths[0] === undefined ? hub.cacheDir : dirname(paths[0]);
    },
    pypinyinDir: async (options) => {
      if (lexicon !== undefined && PYPINYIN_FILES.every((file) => existsSync(join(lexicon, file))))
        return lexicon;
      const paths = await Promise.all(PYPINYIN_FILES.map((file) => hub.path(pypinyinAsset(file), options)));
      return dirname(paths[0] as string); // both files of the pinned commit share one cache folder
    },
    done,
  };
}

/** What to do about a file that is not cached while offline: pull it, or pass a local one. */
export function offlineHint(asset: HubAsset, cacheDir: string): string {
  const copy = `on a connected machine and copy its cache (${cacheDir}) here`;
  if (asset.host === 'lexicon') {
    const lang = asset.key.startsWith('pypinyin/')
      ? 'zh'
      : asset.urlPath.endsWith('/ja_words.txt')
        ? 'ja'
        : asset.urlPath.includes('/gb_')
          ? 'en-gb'
          : 'en-us';
    return `run \`kokoro models pull --lang ${lang}\` ${copy}, or pass --lexicon DIR (a folder holding misaki's lexicon files) or set KOKORO_LEXICON_DIR`;
  }
  const id = modelIdOf(asset);
  const model = id === undefined || id === DEFAULT_MODEL_ID ? '' : ` --model ${id}`;
  if (asset.urlPath.includes('/voices/')) {
    const voice =
      asset.urlPath
        .split('/')
        .pop()
        ?.replace(/\.bin$/, '') ?? '';
    return `run \`kokoro models pull${model} --voice ${voice}\` ${copy}, or pass --voices DIR (a folder of Kokoro voice packs) or set KOKORO_VOICES_DIR`;
  }
  return `run \`kokoro models pull${model}\` ${copy}, or pass --model PATH (a local Kokoro ONNX file) or set KOKORO_MODEL`;
}
