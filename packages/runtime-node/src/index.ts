/**
 * The onnxruntime-node adapter: a `ModelRuntime` for Kokoro-82M ONNX files in Node.js. What it
 * shares with the browser runtime (interface detection, validation, tensors, dispose, the
 * transform hook) lives in `@kokoro-kit/runtime-onnx`; this package adds files, the on-disk
 * optimized-model cache and Node's thread defaults.
 */
export type { ModelInterface, ModelTransform } from '@kokoro-kit/runtime-onnx';
export type { CacheOutcome } from './optimized-cache';
export {
  createNodeRuntime,
  type NodeRuntime,
  type NodeRuntimeOptions,
  type NodeRuntimeWarning,
} from './runtime';
export { type NodeSessionOptions, type OrtModule, resolveSessionOptions } from './session';
