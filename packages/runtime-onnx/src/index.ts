/**
 * What every onnxruntime-backed Kokoro runtime shares, typed against onnxruntime-common: interface
 * detection, input validation, tensors, outputs, `dispose()` that waits for runs in flight, and
 * the model-transform hook. It imports no onnxruntime package: `@kokoro-kit/runtime-node` and
 * `@kokoro-kit/runtime-web` pass in theirs.
 */
export { type DeclaredValue, detectInterface, type ModelInterface } from './interface';
export { messageOf, type OrtApi, type OrtSession, type OrtSessionOptions, type OrtTensor } from './ort';
export { createOnnxRuntime, type OnnxRuntime, type OnnxRuntimeOptions } from './runtime';
export {
  applyTransform,
  checkTransform,
  type ModelTransform,
  openSession,
  openTransformed,
  type TransformedOpen,
} from './session';
export { validateModelInput } from './validate';
export type { OnRuntimeWarning, RuntimeWarning } from './warnings';
