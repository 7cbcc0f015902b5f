/**
 * The onnxruntime-web adapter: a `ModelRuntime` for Kokoro-82M ONNX files in browsers and
 * Workers — wasm (threads when cross-origin isolated) or WebGPU after a numeric self-test, with
 * onnxruntime-web's files served from your own origin. What it shares with runtime-node lives in
 * `@kokoro-kit/runtime-onnx`.
 */
export type { ModelInterface, ModelTransform, RuntimeWarning } from '@kokoro-kit/runtime-onnx';
export { ORT_WASM_FILES, type WasmPaths } from './assets';
export { DEFAULT_CACHE_NAME } from './cache';
export type { OrtWeb } from './ort';
export {
  type BackendReport,
  createWebRuntime,
  type WebRuntime,
  type WebRuntimeOptions,
} from './runtime';
export {
  canaryInput,
  compareWaveforms,
  SELF_TEST_TOLERANCES,
  SELF_TEST_VERSION,
  type SelfTestTolerances,
  type WaveformComparison,
} from './self-test';
export type { TransformOutcome } from './transform-cache';
