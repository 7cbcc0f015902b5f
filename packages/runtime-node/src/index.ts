/**
 * The onnxruntime-node adapter: a `ModelRuntime` for Kokoro-82M ONNX files in Node.js.
 */
export { type DeclaredValue, detectInterface, type ModelInterface } from './interface';
export type { CacheOutcome } from './optimized-cache';
export {
  createNodeRuntime,
  type NodeRuntime,
  type NodeRuntimeOptions,
  type NodeRuntimeWarning,
} from './runtime';
export {
  type ModelTransform,
  type NodeSessionOptions,
  type OrtModule,
  resolveSessionOptions,
} from './session';
export { MAX_IDS, MIN_IDS, N_TOKEN, validateModelInput } from './validate';
