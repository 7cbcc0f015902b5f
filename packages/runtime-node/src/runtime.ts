import { InvalidArgumentError, throwIfAborted } from '@kokoro-kit/core';
import {
  checkTransform,
  createOnnxRuntime,
  type ModelInterface,
  type ModelTransform,
  type OnnxRuntime,
  type RuntimeWarning,
} from '@kokoro-kit/runtime-onnx';
import { type CachedSession, type CacheOutcome, openCachedSession } from './optimized-cache';
import {
  loadOrt,
  type NodeSessionOptions,
  type OrtModule,
  openSession,
  openTransformed,
  resolveSessionOptions,
} from './session';

/** Something the runtime worked around instead of failing (see `RuntimeWarning`). */
export type NodeRuntimeWarning = RuntimeWarning;

export interface NodeRuntimeOptions {
  /** Path of a Kokoro .onnx file, or its bytes. */
  model: string | Uint8Array;
  sessionOptions?: NodeSessionOptions;
  /** The onnxruntime-node module to use. Default: `await import('onnxruntime-node')`. */
  ort?: OrtModule;
  /** Checked before and after loading (loading itself cannot be interrupted). */
  signal?: AbortSignal;
  /** Called for each thing the runtime worked around. Without it, warnings are dropped. */
  onWarning?: (warning: NodeRuntimeWarning) => void;
  /**
   * A folder for this machine's optimized copies of model files (onnxruntime's `.ort` format):
   * the first load of a path saves one, later loads use it in place — about half the load time
   * and less memory for Kokoro-82M (see `optimized-cache.ts`). Ignored for model bytes.
   */
  optimizedCacheDir?: string;
  /**
   * A rewrite of the model applied before onnxruntime loads it — `@kokoro-kit/model-optimizer`'s
   * `modelTransform()` makes Kokoro's generator faster on CPUs. With `optimizedCacheDir` the
   * result is cached (its `id` is part of the key), so it runs once per model file and machine;
   * without, it runs at every load (seconds for Kokoro-82M). If it fails, a `transform-failed`
   * warning says so and the model is loaded as it is.
   */
  transform?: ModelTransform;
}

/** A `ModelRuntime` backed by an onnxruntime-node session. */
export interface NodeRuntime extends OnnxRuntime {
  /** The names and types detected in the model file (spec §3.5). */
  readonly interface: ModelInterface;
  /** The session options actually used, defaults included. */
  readonly sessionOptions: Readonly<NodeSessionOptions>;
  /** Whether the optimized-model cache was used: 'hit', 'miss' (saved now) or 'off'. */
  readonly optimizedCache: CacheOutcome;
}

/**
 * Loads a Kokoro ONNX model into onnxruntime-node and detects its interface.
 *
 * Throws `ModelError` `MODEL_NOT_FOUND` for a missing file, `INVALID_MODEL` for unreadable or
 * non-Kokoro files, `RUNTIME_UNAVAILABLE` if onnxruntime-node is not installed.
 */
export async function createNodeRuntime(options: NodeRuntimeOptions): Promise<NodeRuntime> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('createNodeRuntime needs options: { model: path or bytes }.');
  }
  const { model, signal, onWarning } = options;
  if (typeof model !== 'string' && !(model instanceof Uint8Array)) {
    throw new InvalidArgumentError(
      '`model` must be the path of a Kokoro .onnx file (string) or its bytes (Uint8Array).',
    );
  }
  const sessionOptions = resolveSessionOptions(options.sessionOptions);
  throwIfAborted(signal);
  const ort = options.ort ?? (await loadOrt());
  throwIfAborted(signal);
  const transform = checkTransform(options.transform);
  const opened = await openNodeSession(ort, options, sessionOptions, transform);
  try {
    throwIfAborted(signal);
  } catch (error) {
    await opened.session.release().catch(() => undefined);
    throw error;
  }
  const runtime = await createOnnxRuntime({
    ort,
    session: opened.session,
    ortPackage: 'onnxruntime-node',
    factoryName: 'createNodeRuntime()',
    ...(onWarning ? { onWarning } : {}),
    // Model bytes the session uses in place (cache hits): this closure keeps them referenced
    // while the native session reads them, and lets them go once it is released.
    onReleased: () => {
      opened.bytes = undefined;
    },
  });
  return Object.assign(runtime, {
    sessionOptions: Object.freeze({ ...sessionOptions }) as Readonly<NodeSessionOptions>,
    optimizedCache: opened.outcome,
  });
}

/** The session: from the optimized cache when a folder is given for a path, else loaded directly. */
function openNodeSession(
  ort: OrtModule,
  options: NodeRuntimeOptions,
  sessionOptions: ReturnType<typeof resolveSessionOptions>,
  transform: ModelTransform | undefined,
): Promise<CachedSession> {
  const { model, onWarning } = options;
  const onTransformFailed = (message: string) => onWarning?.({ kind: 'transform-failed', message });
  if (typeof model === 'string' && options.optimizedCacheDir !== undefined) {
    return openCachedSession(ort, model, sessionOptions, {
      cacheDir: options.optimizedCacheDir,
      transform,
      onWarning: (message) => onWarning?.({ kind: 'optimized-cache', message }),
      onTransformFailed,
    });
  }
  const session =
    transform === undefined
      ? openSession(ort, model, sessionOptions)
      : openTransformed(ort, model, sessionOptions, transform, onTransformFailed).then((o) => o.session);
  return session.then((s) => ({ session: s, outcome: 'off' as const }));
}
