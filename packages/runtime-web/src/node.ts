/**
 * Node-side helpers for apps and build scripts: where the installed onnxruntime-web keeps the
 * files a page must serve (copy them into your static assets).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ORT_WASM_FILES } from './assets';

export { ORT_WASM_FILES } from './assets';

/**
 * Absolute paths of `ORT_WASM_FILES` in the onnxruntime-web installed next to `from` (default:
 * next to this package). Copy them to the folder you pass as `wasmPaths`.
 */
export function ortWasmAssetPaths(from: string = import.meta.url): { mjs: string; wasm: string } {
  const require = createRequire(from);
  // The exports map names each file; its folder is the package's `dist`.
  const dist = dirname(require.resolve(`onnxruntime-web/${ORT_WASM_FILES.wasm}`));
  return { mjs: join(dist, ORT_WASM_FILES.mjs), wasm: join(dist, ORT_WASM_FILES.wasm) };
}
