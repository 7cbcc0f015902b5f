import { type OrtSession, openTransformed } from '@kokoro-kit/runtime-onnx';
import { keyPart } from './cache';
import type { LoadContext } from './runtime';

/**
 * 'applied': transformed now (and cached); 'cached': the transformed model came from the cache;
 * 'skipped': not applied (WebGPU runs the model as given); 'failed': the transform failed or its
 * output did not load, so the model was loaded as it is (a `transform-failed` warning says why).
 */
export type TransformOutcome = 'applied' | 'cached' | 'skipped' | 'failed';

/**
 * Opens the model on wasm, through the transform when there is one. The transformed bytes are
 * kept in Cache Storage under the model's SHA-256 and the transform's id, so the rewrite runs
 * once per model (and transform version) in this browser profile.
 */
export async function openWasmSession(
  context: LoadContext,
  open: (bytes: Uint8Array) => Promise<OrtSession>,
): Promise<{ session: OrtSession; transform?: TransformOutcome }> {
  const { transform, store, bytes } = context;
  if (transform === undefined) return { session: await open(bytes) };
  const key = store ? `transformed/${await context.digest()}/${keyPart(transform.id)}` : undefined;
  if (store && key) {
    const cached = await store.get(key);
    if (cached) {
      try {
        return { session: await open(cached), transform: 'cached' };
      } catch (error) {
        context.warn({
          kind: 'cache',
          message: `The cached transformed model could not be loaded (${String(error)}); transforming again.`,
        });
        await store.delete(key);
      }
    }
  }
  let failed = false;
  const opened = await openTransformed({
    transform,
    readOriginal: async () => bytes,
    openBytes: open,
    openOriginal: () => open(bytes),
    onFallback: (message) => {
      failed = true;
      context.warn({ kind: 'transform-failed', message });
    },
  });
  if (failed || opened.bytes === undefined) return { session: opened.session, transform: 'failed' };
  if (store && key) await store.put(key, opened.bytes);
  return { session: opened.session, transform: 'applied' };
}
