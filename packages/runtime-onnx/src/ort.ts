import type * as OrtCommon from 'onnxruntime-common';

/**
 * What a Kokoro runtime uses of an onnxruntime module. Both `onnxruntime-node` and
 * `onnxruntime-web` re-export onnxruntime-common's API, so either module fits; this package
 * imports neither (types only) and takes the module from its caller.
 */
export type OrtApi = Pick<typeof OrtCommon, 'InferenceSession' | 'Tensor' | 'env'>;
export type OrtSession = OrtCommon.InferenceSession;
export type OrtTensor = OrtCommon.Tensor;
export type OrtSessionOptions = OrtCommon.InferenceSession.SessionOptions;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
