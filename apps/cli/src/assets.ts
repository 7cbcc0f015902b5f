import {
  createNodeHub,
  DEFAULT_MODEL_ID,
  defaultCacheDir,
  type HubAsset,
  modelIdOf,
  type NodeHub,
} from '@kokoro-kit/hub/node';
import { createNodeTTS, type NodeTTS, type NodeTTSWarning } from '@kokoro-kit/node';
import type { CliIO } from './io';
import { createProgress } from './progress';

/** The asset flags a command was given. */
export interface AssetFlags {
  model?: string;
  voices?: string;
  lexicon?: string;
  offline?: boolean;
  /** `--no-optimize` gives false; unset leaves it to `KOKORO_OPTIMIZE`. */
  optimize?: boolean;
}

/** The hub as `kokoro models` uses it: cache and servers from the environment, progress bars on a TTY. */
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

/**
 * The Node preset as the commands use it: assets from the flags, else the `KOKORO_*`
 * environment, else the hub through the cache; progress bars on a TTY (`done` closes them);
 * warnings on stderr; offline advice that names the CLI's flags.
 */
export async function createCliTTS(
  io: CliIO,
  flags: AssetFlags,
): Promise<{ tts: NodeTTS; done: () => void }> {
  const progress = createProgress(io);
  const cacheDir = defaultCacheDir(io.env);
  const tts = await createNodeTTS({
    model: flags.model,
    voices: flags.voices,
    lexicon: flags.lexicon,
    offline: flags.offline || undefined,
    optimize: flags.optimize,
    env: io.env,
    onProgress: progress.onProgress,
    onWarning: printWarning(io),
    offlineHint: (asset) => offlineHint(asset, cacheDir),
    // The language packages are this package's dependencies: resolve them from here.
    importer: (specifier) => import(specifier),
  });
  let stopped = false;
  const done = () => {
    if (!stopped) progress.stop();
    stopped = true;
  };
  return { tts, done };
}

function printWarning(io: CliIO): (warning: NodeTTSWarning) => void {
  return (warning) => io.stderr.write(`kokoro: warning: ${warning.message}\n`);
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
