/**
 * What each page's server serves: URL path → file on disk, plus folders served as a whole (the
 * bundles). Both layouts live on 127.0.0.1; nothing a page needs comes from elsewhere, except
 * kokoro-js's voice files, which it fetches from a fixed Hugging Face URL: `localVoiceFile` maps
 * those requests to kokoro-js's own `voices/` for the browser's request interception.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_FILES, lexiconAsset } from '@kokoro-kit/hub';

export interface SiteLayout {
  /** URL path → file. */
  files: Map<string, string>;
  /** URL path prefix (ending in `/`) → folder served beneath it. */
  folders: Map<string, string>;
}

/** The page every site serves at `/`: the bundled `page.js`, nothing else. */
export const PAGE_HTML =
  '<!doctype html><meta charset="utf-8"><title>kokoro-kit bench</title><script type="module" src="/page.js"></script>';

/** URL paths the pages are configured with (see `protocol.ts`). */
export const SITE_PATHS = {
  bundle: '/',
  models: '/models/',
  kokoroJsOrt: '/ort/',
  model: '/model.onnx',
  voices: '/voices/',
  lexicons: '/lexicons',
  assets: '/kokoro-assets/',
  worker: '/worker.js',
} as const;

/** The model folder as transformers.js reads it locally (`<localModelPath><id>/…`). */
export const KOKORO_JS_MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
] as const;

/**
 * kokoro-js's site: its bundle, the model folder under `/models/<folder name>/`, and the
 * onnxruntime-web build transformers.js imports (`ort-wasm-simd-threaded*.{mjs,wasm}`) under `/ort/`.
 */
export function kokoroJsSite(options: {
  bundleDir: string;
  modelFolder: string;
  modelId: string;
  ortDistDir: string;
}): SiteLayout {
  const files = new Map<string, string>();
  for (const file of KOKORO_JS_MODEL_FILES)
    files.set(`${SITE_PATHS.models}${options.modelId}/${file}`, join(options.modelFolder, file));
  for (const name of readdirSync(options.ortDistDir).filter((f) => /^ort-wasm.*\.(mjs|wasm)$/.test(f)))
    files.set(`${SITE_PATHS.kokoroJsOrt}${name}`, join(options.ortDistDir, name));
  return { files, folders: new Map([[SITE_PATHS.bundle, options.bundleDir]]) };
}

/**
 * Our site: page and worker bundles, the model file, a folder of `<voice>.bin`, misaki's
 * lexicons at the hub's lexicon URL paths (so `lexiconUrl` is a mirror of GitHub raw), and the
 * runtime files `webAssetFiles()` lists under `/kokoro-assets/`.
 */
export function oursSite(options: {
  bundleDir: string;
  modelPath: string;
  voicesDir: string;
  lexiconDir: string;
  assets: readonly { path: string; source: string }[];
}): SiteLayout {
  const files = new Map<string, string>([[SITE_PATHS.model, options.modelPath]]);
  for (const file of LEXICON_FILES)
    files.set(`${SITE_PATHS.lexicons}${lexiconAsset(file).urlPath}`, join(options.lexiconDir, file));
  for (const asset of options.assets) files.set(`${SITE_PATHS.assets}${asset.path}`, asset.source);
  return {
    files,
    folders: new Map([
      [SITE_PATHS.voices, options.voicesDir],
      [SITE_PATHS.bundle, options.bundleDir],
    ]),
  };
}

/** The file a URL path names in `site`, or undefined (no escaping a served folder with `..`). */
export function resolveSitePath(site: SiteLayout, path: string): string | undefined {
  const file = site.files.get(path);
  if (file !== undefined) return file;
  // Longest prefix first, so `/voices/` wins over `/`.
  const prefixes = [...site.folders.keys()].sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (rest === '' || rest.split('/').some((part) => part === '..' || part === '.' || part === ''))
      return undefined;
    return join(site.folders.get(prefix)!, rest);
  }
  return undefined;
}

/** kokoro-js 1.2.1 fetches `voices/<name>.bin` from this repository in the browser. */
const KOKORO_JS_VOICE_URL =
  /^https:\/\/huggingface\.co\/onnx-community\/Kokoro-82M-v1\.0-ONNX\/resolve\/main\/voices\/([a-z]{2}_[a-z]+)\.bin$/;

/** The local voice file answering kokoro-js's request for `url`, or undefined for any other URL. */
export function localVoiceFile(url: string, voicesDir: string): string | undefined {
  const name = KOKORO_JS_VOICE_URL.exec(url)?.[1];
  return name === undefined ? undefined : join(voicesDir, `${name}.bin`);
}
