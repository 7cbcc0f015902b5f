import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { arch, cpus } from 'node:os';
import { join } from 'node:path';
import type * as OrtNode from 'onnxruntime-node';
import { type OrtModule, type OrtSession, openSession } from './session';

/**
 * A cache of models in onnxruntime's own format (`.ort`), optimized once on this machine.
 *
 * Loading Kokoro's 325 MB `.onnx` means parsing protobuf, copying every weight and running the
 * graph optimizer, on every start. The first load with a cache folder saves the optimized graph
 * (`optimizedModelFilePath`); later loads read that file and let onnxruntime use its bytes in
 * place (`use_ort_model_bytes_directly`, `use_ort_model_bytes_for_initializers`), with no
 * optimizer pass and no prepacked copies. Measured on the full-size stand-in (tools/bench): time
 * to first audio about halved; load time and peak RSS varied between runs (see the README).
 *
 * The file is specific to this CPU, this onnxruntime version and these options (layout
 * transforms are baked in), so the key covers them; it is a local cache, never shipped. A file
 * that fails to load is deleted and rebuilt.
 */
export type CacheOutcome = 'hit' | 'miss' | 'off';

export interface CachedSession {
  session: OrtSession;
  /** Bytes the session uses in place: keep them referenced until the session is released. */
  bytes?: Uint8Array;
  outcome: CacheOutcome;
}

/** In-place `.ort` loading: the graph is already optimized, weights are used where they lie. */
const IN_PLACE: OrtNode.InferenceSession.SessionOptions = {
  graphOptimizationLevel: 'disabled',
  extra: {
    session: {
      use_ort_model_bytes_directly: '1',
      use_ort_model_bytes_for_initializers: '1',
      // Prepacking would copy the weights it packs beside the in-place bytes (more RSS, slower
      // load); measured no slower without it on Kokoro.
      disable_prepacking: '1',
    },
  },
};

export async function openCachedSession(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
  cacheDir: string,
  onWarning: (message: string) => void,
): Promise<CachedSession> {
  if (options.graphOptimizationLevel === 'disabled') {
    return { session: await openSession(ort, modelPath, options), outcome: 'off' };
  }
  const key = await cacheKey(ort, modelPath, options);
  const cached = join(cacheDir, `${key}.ort`);
  const hit = await readIfPresent(cached);
  if (hit) {
    try {
      const session = await ort.InferenceSession.create(hit, { ...options, ...IN_PLACE });
      return { session, bytes: hit, outcome: 'hit' };
    } catch (error) {
      onWarning(`The optimized model cache ${cached} could not be loaded (${String(error)}); rebuilding it.`);
      await rm(cached, { force: true });
    }
  }
  return {
    session: await saveOptimized(ort, modelPath, options, cacheDir, cached, onWarning),
    outcome: 'miss',
  };
}

/** Opens the `.onnx` and, in the same pass, writes its optimized form (atomically) to the cache. */
async function saveOptimized(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
  cacheDir: string,
  target: string,
  onWarning: (message: string) => void,
): Promise<OrtSession> {
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
  } catch (error) {
    onWarning(`Cannot create the optimized model cache ${cacheDir} (${String(error)}); loading without it.`);
    return openSession(ort, modelPath, options);
  }
  const session = await openSession(ort, modelPath, { ...options, optimizedModelFilePath: temp });
  try {
    await rename(temp, target);
  } catch (error) {
    onWarning(
      `Could not save the optimized model to ${target} (${String(error)}); the next load optimizes again.`,
    );
    await rm(temp, { force: true });
  }
  return session;
}

/** What the optimized file depends on: the model file, this CPU, onnxruntime and the options. */
async function cacheKey(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
): Promise<string> {
  const info = await stat(modelPath);
  const identity = {
    model: await realpath(modelPath),
    size: info.size,
    mtimeMs: info.mtimeMs,
    onnxruntime: ort.env?.versions ?? null,
    cpu: cpus()[0]?.model ?? 'unknown',
    arch: arch(),
    level: options.graphOptimizationLevel ?? 'all',
    providers: options.executionProviders ?? ['cpu'],
  };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
