/**
 * Node-side helper for apps and build scripts: the runtime files a page using `createWebTTS()`
 * must serve under its `assetsUrl` (nothing is fetched from a CDN).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ortWasmAssetPaths } from '@kokoro-kit/runtime-web/node';
import { ORT_ASSETS_DIR } from './engine';
import { ESPEAK_WASM_FILE } from './languages/espeak';
import { KUROMOJI_DICT_DIR } from './languages/japanese';

export interface WebAssetFile {
  /** Where to serve it, relative to `assetsUrl`. */
  path: string;
  /** The file on disk. */
  source: string;
}

/**
 * The files to serve: onnxruntime-web's wasm runtime (always), and for each installed language
 * package its data (espeak-ng's wasm, kuromoji's dictionary). jieba's wasm (Mandarin) is not
 * listed: bundlers emit it next to the worker bundle, where jieba-wasm looks for it.
 */
export async function webAssetFiles(): Promise<WebAssetFile[]> {
  const files: WebAssetFile[] = Object.values(ortWasmAssetPaths()).map((source) => ({
    path: ORT_ASSETS_DIR + basename(source),
    source,
  }));
  const espeak = resolveFrom('@kokoro-kit/g2p-espeak', 'espeak-ng/dist/espeak-ng.wasm');
  if (espeak) files.push({ path: ESPEAK_WASM_FILE, source: espeak });
  const dict = await ipadicDir();
  if (dict) {
    for (const name of (await readdir(dict)).sort()) {
      files.push({ path: `${KUROMOJI_DICT_DIR}${name}`, source: join(dict, name) });
    }
  }
  return files;
}

/** Copies `webAssetFiles()` into `dir` (e.g. your app's `public/kokoro-assets`). */
export async function copyWebAssets(dir: string): Promise<WebAssetFile[]> {
  const files = await webAssetFiles();
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file.source, target);
  }
  return files;
}

/** kuromoji's dictionary folder, as `@kokoro-kit/g2p-ja` finds it, if that package is installed. */
async function ipadicDir(): Promise<string | undefined> {
  try {
    const japanese = await import('@kokoro-kit/g2p-ja/node');
    return japanese.defaultIpadicDir();
  } catch {
    return undefined;
  }
}

/** A file of `dependency` as `pkg` would resolve it, or undefined when `pkg` is not installed. */
function resolveFrom(pkg: string, dependency: string): string | undefined {
  try {
    const pkgEntry = fileURLToPath(import.meta.resolve(pkg));
    const path = createRequire(pkgEntry).resolve(dependency);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
