import { InvalidArgumentError, ModelError } from '@kokoro-kit/core';
import { messageOf, type OrtApi, type OrtSession, type OrtSessionOptions } from './ort';

/** A function of the model bytes, with an id that changes whenever its output would. */
export interface ModelTransform {
  readonly id: string;
  apply(model: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * Opens a session from a path/URL or bytes; any onnxruntime failure becomes a `ModelError`
 * `INVALID_MODEL` that says what was being loaded and what to check.
 */
export async function openSession(
  ort: OrtApi,
  model: string | Uint8Array,
  sessionOptions: OrtSessionOptions,
): Promise<OrtSession> {
  if (typeof model !== 'string' && model.byteLength === 0) {
    throw new ModelError(
      'INVALID_MODEL',
      'The model bytes are empty; pass the contents of a Kokoro .onnx file.',
    );
  }
  const what =
    typeof model === 'string' ? `the model ${model}` : `the model bytes (${model.byteLength} bytes)`;
  try {
    // The overloads differ for paths and bytes; both reach the same loader.
    return typeof model === 'string'
      ? await ort.InferenceSession.create(model, sessionOptions)
      : await ort.InferenceSession.create(model, sessionOptions);
  } catch (cause) {
    throw new ModelError(
      'INVALID_MODEL',
      `onnxruntime could not load ${what}: ${messageOf(cause)}. Check that it is a complete Kokoro ONNX model ` +
        '(download it again if it may be truncated) and that the session options, such as execution providers, are supported here.',
      { cause },
    );
  }
}

/** Checks the shape of a caller's transform, so a mistake fails before any loading. */
export function checkTransform(transform: ModelTransform | undefined): ModelTransform | undefined {
  if (transform === undefined) return undefined;
  if (
    typeof transform !== 'object' ||
    transform === null ||
    typeof transform.apply !== 'function' ||
    typeof transform.id !== 'string'
  ) {
    throw new InvalidArgumentError('`transform` must be { id: string, apply(bytes) }.');
  }
  return transform;
}

/** The transform's output; a failure becomes a `ModelError` naming the transform. */
export async function applyTransform(bytes: Uint8Array, transform: ModelTransform): Promise<Uint8Array> {
  try {
    return await transform.apply(bytes);
  } catch (cause) {
    throw new ModelError(
      'INVALID_MODEL',
      `The model transform ${transform.id} failed: ${messageOf(cause)}.`,
      {
        cause,
      },
    );
  }
}

/** How to open a model with a transform; each runtime supplies its own reading and opening. */
export interface TransformedOpen<S> {
  transform: ModelTransform;
  /** The original model's bytes. */
  readOriginal: () => Promise<Uint8Array>;
  /** Opens transformed bytes. */
  openBytes: (bytes: Uint8Array) => Promise<S>;
  /** Opens the model as it is (the fallback). */
  openOriginal: () => Promise<S>;
  /** Told why the transform was not used, once the original model has loaded. */
  onFallback: (message: string) => void;
}

/**
 * Opens the transformed model. A transform is an optimization: if it fails, or its output does
 * not load, the model is opened as it is and `onFallback` says so (a missing or damaged model
 * fails with its own error instead). Returns the transformed bytes when they were used.
 */
export async function openTransformed<S>(
  steps: TransformedOpen<S>,
): Promise<{ session: S; bytes?: Uint8Array }> {
  const original = await steps.readOriginal();
  try {
    const bytes = await applyTransform(original, steps.transform);
    return { session: await steps.openBytes(bytes), bytes };
  } catch (error) {
    // Warn only once the model itself has loaded: for a damaged file its own error says it all.
    const session = await steps.openOriginal();
    steps.onFallback(`${messageOf(error)} Loaded the model as it is.`);
    return { session };
  }
}
