import { readFile } from 'node:fs/promises';
import type * as OrtNode from 'onnxruntime-node';

type OrtModule = typeof OrtNode;

/**
 * Converts an .onnx file to onnxruntime's own format (`.ort`), fully optimized, by opening it
 * once with `optimizedModelFilePath`. The file is specific to this machine's CPU and this
 * onnxruntime version (layout transforms are baked in), so it is a local cache, never shipped.
 */
export async function convertToOrtFormat(ort: OrtModule, onnxPath: string, ortPath: string, threads: number) {
  const started = performance.now();
  const session = await ort.InferenceSession.create(onnxPath, {
    intraOpNumThreads: threads,
    graphOptimizationLevel: 'all',
    optimizedModelFilePath: ortPath,
    logSeverityLevel: 3,
  });
  await session.release();
  return performance.now() - started;
}

/**
 * An onnxruntime-node module whose sessions, when created from `.ort` bytes, use those bytes in
 * place: no protobuf parsing and no copy of the 325 MB of weights
 * (`session.use_ort_model_bytes_directly` / `use_ort_model_bytes_for_initializers`, and
 * `session.disable_prepacking` so no packed copies either). The graph is already optimized, so
 * optimization is switched off. Passed to `createNodeRuntime({ ort })`.
 */
export function ortUsingModelBytes(ort: OrtModule): OrtModule {
  const create: typeof ort.InferenceSession.create = (async (model: unknown, options?: unknown) => {
    const base =
      typeof options === 'object' && options !== null
        ? (options as OrtNode.InferenceSession.SessionOptions)
        : {};
    return ort.InferenceSession.create(model as Uint8Array, {
      ...base,
      graphOptimizationLevel: 'disabled',
      extra: {
        session: {
          use_ort_model_bytes_directly: '1',
          use_ort_model_bytes_for_initializers: '1',
          // Prepacking would copy the weights it packs next to the in-place bytes (more RSS,
          // slower load); measured no slower without it on this model.
          disable_prepacking: '1',
        },
      },
    });
  }) as typeof ort.InferenceSession.create;
  return { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as OrtModule;
}

/** The `.ort` file's bytes; they must stay alive as long as the session (it uses them in place). */
export function readOrtModel(path: string): Promise<Uint8Array> {
  return readFile(path);
}
