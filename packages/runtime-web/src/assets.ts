/**
 * The onnxruntime-web build this package targets, and the files it needs served.
 *
 * We use the default `onnxruntime-web` entry: one build with both the wasm backend and WebGPU
 * (JSEP). Its bundled entry (`ort.bundle.min.mjs`, what bundlers pick) embeds the Emscripten
 * loader and fetches only the `.wasm`, from next to the script that contains it
 * (`new URL(..., import.meta.url)`). With `wasmPaths` set it imports the loader (`.mjs`) from
 * there as well, which is also what wasm threads (Web Workers) load — so serve both files.
 * Other entries (`onnxruntime-web/wasm`, `/webgpu`, `/jspi`) use other file names and are not
 * supported here.
 */
export const ORT_WASM_FILES = Object.freeze({
  mjs: 'ort-wasm-simd-threaded.jsep.mjs',
  wasm: 'ort-wasm-simd-threaded.jsep.wasm',
} as const);

/** Where onnxruntime-web's files are served from: a folder URL, or each file's URL. */
export type WasmPaths = string | { mjs?: string; wasm?: string };
