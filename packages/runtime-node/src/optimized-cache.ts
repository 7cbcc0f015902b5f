import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { arch, cpus } from 'node:os';
import { join } from 'node:path';
import type { ModelTransform, OrtSession } from '@kokoro-kit/runtime-onnx';
import type * as OrtNode from 'onnxruntime-node';
import { type OrtModule, openSession, openTransformed } from './session';

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
 *
 * With a model transform (a graph rewrite such as @kokoro-kit/model-optimizer's), the cache holds
 * the transformed `.onnx` instead (its id joins the key), loaded by path with onnxruntime's
 * optimizer: onnxruntime used the `.ort` bytes of a rewritten Kokoro graph in place only in part
 * (RSS after load 870 MB instead of ~430 MB, measured), which cost more than the optimizer pass.
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

export interface CacheSettings {
  cacheDir: string;
  transform: ModelTransform | undefined;
  /** Cache problems worked around. */
  onWarning: (message: string) => void;
  /** A transform that failed (the model is then loaded as it is). */
  onTransformFailed: (message: string) => void;
}

export async function openCachedSession(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
  settings: CacheSettings,
): Promise<CachedSession> {
  const { cacheDir, transform, onWarning } = settings;
  if (options.graphOptimizationLevel === 'disabled') {
    const session =
      transform === undefined
        ? await openSession(ort, modelPath, options)
        : (await openTransformed(ort, modelPath, options, transform, settings.onTransformFailed)).session;
    return { session, outcome: 'off' };
  }
  const key = await cacheKey(ort, modelPath, options, transform);
  if (transform !== undefined)
    return openCachedTransformed(ort, modelPath, options, settings, join(cacheDir, `${key}.onnx`));
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
  return { session: await saveOptimized(ort, modelPath, options, settings, cached), outcome: 'miss' };
}

/** The transformed model from the cache, or transformed now and saved (atomically) for next time. */
async function openCachedTransformed(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
  settings: CacheSettings,
  cached: string,
): Promise<CachedSession> {
  const { cacheDir, onWarning } = settings;
  const transform = settings.transform as ModelTransform;
  if (await isFile(cached)) {
    try {
      return { session: await ort.InferenceSession.create(cached, options), outcome: 'hit' };
    } catch (error) {
      onWarning(
        `The transformed model cache ${cached} could not be loaded (${String(error)}); rebuilding it.`,
      );
      await rm(cached, { force: true });
    }
  }
  const opened = await openTransformed(ort, modelPath, options, transform, settings.onTransformFailed);
  // Only a transformed model that onnxruntime loaded is cached; after a failure the next load
  // tries again (a newer transform may succeed).
  if (opened.bytes === undefined) return { session: opened.session, outcome: 'off' };
  const temp = `${cached}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(temp, opened.bytes);
    await rename(temp, cached);
  } catch (error) {
    onWarning(
      `Could not save the transformed model to ${cached} (${String(error)}); the next load transforms again.`,
    );
    await rm(temp, { force: true });
  }
  return { session: opened.session, outcome: 'miss' };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Opens the model and, in the same pass, writes its optimized form (atomically) to the cache. */
async function saveOptimized(
  ort: OrtModule,
  model: string | Uint8Array,
  options: OrtNode.InferenceSession.SessionOptions,
  { cacheDir, onWarning }: CacheSettings,
  target: string,
): Promise<OrtSession> {
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
  } catch (error) {
    onWarning(`Cannot create the optimized model cache ${cacheDir} (${String(error)}); loading without it.`);
    return openSession(ort, model, options);
  }
  const session = await openSession(ort, model, { ...options, optimizedModelFilePath: temp });
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

/** What the optimized file depends on: the model file, the transform, this CPU, onnxruntime, the options. */
async function cacheKey(
  ort: OrtModule,
  modelPath: string,
  options: OrtNode.InferenceSession.SessionOptions,
  transform: ModelTransform | undefined,
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
    transform: transform?.id ?? null,
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
