import {
  InvalidArgumentError,
  ModelError,
  type ModelInput,
  type ModelOutput,
  type ModelRuntime,
  throwIfAborted,
} from '@kokoro-kit/core';
import { type DeclaredValue, detectInterface, type ModelInterface } from './interface';
import { type CachedSession, type CacheOutcome, openCachedSession } from './optimized-cache';
import {
  loadOrt,
  type ModelTransform,
  messageOf,
  type NodeSessionOptions,
  type OrtModule,
  type OrtSession,
  type OrtTensor,
  openSession,
  openTransformed,
  resolveSessionOptions,
} from './session';
import { validateModelInput } from './validate';

/** Something the runtime worked around instead of failing. */
export interface NodeRuntimeWarning {
  /**
   * `speed-truncated`: the model declares an int32 speed and a fractional speed was truncated.
   * `undeclared-types`: this onnxruntime reports no input types; float32 speed was assumed.
   * `optimized-cache`: a cache file could not be read or written; loaded without it.
   * `transform-failed`: the model transform failed (or its output did not load); the model was
   * loaded as it is.
   */
  kind: 'speed-truncated' | 'undeclared-types' | 'optimized-cache' | 'transform-failed' | (string & {});
  message: string;
}

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
export interface NodeRuntime extends ModelRuntime {
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
  const onTransformFailed = (message: string) => onWarning?.({ kind: 'transform-failed', message });
  const opened =
    typeof model === 'string' && options.optimizedCacheDir !== undefined
      ? await openCachedSession(ort, model, sessionOptions, {
          cacheDir: options.optimizedCacheDir,
          transform,
          onWarning: (message) => onWarning?.({ kind: 'optimized-cache', message }),
          onTransformFailed,
        })
      : {
          session:
            transform === undefined
              ? await openSession(ort, model, sessionOptions)
              : (await openTransformed(ort, model, sessionOptions, transform, onTransformFailed)).session,
          outcome: 'off' as const,
        };
  const { session } = opened;
  try {
    throwIfAborted(signal);
    const modelInterface = detectInterface(
      declaredValues(session.inputNames, session.inputMetadata),
      declaredValues(session.outputNames, session.outputMetadata),
    );
    if (!modelInterface.typesDeclared) {
      onWarning?.({
        kind: 'undeclared-types',
        message:
          'This onnxruntime-node does not report input types, so `speed` is fed as float32. ' +
          'Upgrade onnxruntime-node (≥ 1.22) to detect int32-speed exports.',
      });
    }
    return new OnnxNodeRuntime(ort, opened, modelInterface, sessionOptions as NodeSessionOptions, onWarning);
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
}

function checkTransform(transform: ModelTransform | undefined): ModelTransform | undefined {
  if (transform === undefined) return undefined;
  if (
    typeof transform !== 'object' ||
    typeof transform.apply !== 'function' ||
    typeof transform.id !== 'string'
  ) {
    throw new InvalidArgumentError('`transform` must be { id: string, apply(bytes) }.');
  }
  return transform;
}

function declaredValues(
  names: readonly string[],
  metadata: readonly { name: string; isTensor: boolean; type?: string }[] | undefined,
): DeclaredValue[] {
  // `inputMetadata`/`outputMetadata` exist from onnxruntime-node 1.22; older versions give names only.
  return names.map((name) => {
    const meta = metadata?.find((m) => m.name === name);
    return meta?.isTensor && typeof meta.type === 'string' ? { name, type: meta.type } : { name };
  });
}

const INT32_MAX = 2 ** 31 - 1;

class OnnxNodeRuntime implements NodeRuntime {
  readonly interface: ModelInterface;
  readonly sessionOptions: Readonly<NodeSessionOptions>;
  readonly outputs: { durations: boolean };
  readonly #ort: OrtModule;
  readonly #session: OrtSession;
  readonly #onWarning: ((warning: NodeRuntimeWarning) => void) | undefined;
  readonly #inflight = new Set<Promise<unknown>>();
  #disposing: Promise<void> | undefined;

  readonly optimizedCache: CacheOutcome;
  /** Model bytes the session uses in place (cache hits); released with the session, not before. */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a reference that keeps the bytes alive while native code reads them.
  #modelBytes: Uint8Array | undefined;

  constructor(
    ort: OrtModule,
    opened: CachedSession,
    modelInterface: ModelInterface,
    sessionOptions: NodeSessionOptions,
    onWarning: ((warning: NodeRuntimeWarning) => void) | undefined,
  ) {
    this.#ort = ort;
    this.#session = opened.session;
    this.#modelBytes = opened.bytes;
    this.optimizedCache = opened.outcome;
    this.interface = modelInterface;
    this.sessionOptions = Object.freeze({ ...sessionOptions });
    this.outputs = Object.freeze({ durations: modelInterface.outputs.durations !== undefined });
    this.#onWarning = onWarning;
  }

  async run(input: ModelInput, options: { signal?: AbortSignal } = {}): Promise<ModelOutput> {
    if (this.#disposing) {
      throw new ModelError(
        'DISPOSED',
        'This model runtime was disposed; create a new one with createNodeRuntime().',
      );
    }
    throwIfAborted(options.signal);
    validateModelInput(input);
    const task = this.#run(input);
    this.#inflight.add(task);
    try {
      const output = await task;
      // onnxruntime cannot interrupt a run in progress; an abort during it discards the result.
      throwIfAborted(options.signal);
      return output;
    } finally {
      this.#inflight.delete(task);
    }
  }

  async #run(input: ModelInput): Promise<ModelOutput> {
    const { inputs, outputs, idsType } = this.interface;
    const { Tensor } = this.#ort;
    const ids =
      idsType === 'int64'
        ? new Tensor(
            'int64',
            BigInt64Array.from(input.ids, (id) => BigInt(id)),
            [1, input.ids.length],
          )
        : new Tensor('int32', Int32Array.from(input.ids), [1, input.ids.length]);
    // A copy: the caller may pass a view into a voice pack, or reuse the array while we run.
    const style = new Tensor('float32', Float32Array.from(input.style), [1, input.style.length]);
    const speed = this.#speedTensor(input.speed);
    const feeds = { [inputs.ids]: ids, [inputs.style]: style, [inputs.speed]: speed };
    const fetches =
      outputs.durations === undefined ? [outputs.waveform] : [outputs.waveform, outputs.durations];

    let results: Record<string, OrtTensor>;
    try {
      results = (await this.#session.run(feeds, fetches)) as Record<string, OrtTensor>;
    } catch (cause) {
      throw new ModelError('MODEL_RUN_FAILED', `onnxruntime failed to run the model: ${messageOf(cause)}`, {
        cause,
      });
    } finally {
      for (const tensor of [ids, style, speed]) tensor.dispose();
    }
    try {
      return this.#readOutputs(results, input.ids.length);
    } finally {
      for (const tensor of Object.values(results)) tensor.dispose();
    }
  }

  #speedTensor(speed: number): OrtTensor {
    if (this.interface.speedType === 'float32') {
      return new this.#ort.Tensor('float32', Float32Array.of(speed), [1]);
    }
    // int32 speed (hexgrad export.py files, spec §3.4): the model only sees whole numbers.
    const whole = Math.trunc(speed);
    if (whole < 1 || whole > INT32_MAX) {
      throw new InvalidArgumentError(
        `This model declares an int32 \`speed\` input (an export made with hexgrad's export.py), so speed ${speed} ` +
          `would become ${whole}. Use a whole speed ≥ 1, or a model with a float32 speed input (onnx-community, kokoro-onnx).`,
      );
    }
    if (whole !== speed) {
      this.#onWarning?.({
        kind: 'speed-truncated',
        message: `This model declares an int32 \`speed\` input; speed ${speed} was truncated to ${whole}.`,
      });
    }
    return new this.#ort.Tensor('int32', Int32Array.of(whole), [1]);
  }

  #readOutputs(results: Record<string, OrtTensor>, idCount: number): ModelOutput {
    const { waveform: waveformName, durations: durationsName } = this.interface.outputs;
    const waveformTensor = results[waveformName];
    if (!waveformTensor || !(waveformTensor.data instanceof Float32Array)) {
      throw new ModelError(
        'MODEL_RUN_FAILED',
        `The model's \`${waveformName}\` output is ${waveformTensor ? waveformTensor.type : 'missing'}; expected float32 audio.`,
      );
    }
    // The data is already flat, whatever the rank ([N] or [1, N]).
    const output: ModelOutput = { waveform: waveformTensor.data };
    if (durationsName === undefined) return output;

    const durationsTensor = results[durationsName];
    const durations = durationsTensor ? toFloat32(durationsTensor.data) : undefined;
    if (!durations || durations.length !== idCount) {
      throw new ModelError(
        'MODEL_RUN_FAILED',
        `The model's \`${durationsName}\` output has ${durations ? `${durations.length} values` : 'no numeric data'}; ` +
          `expected one per input id (${idCount}).`,
      );
    }
    output.durations = durations;
    return output;
  }

  dispose(): Promise<void> {
    this.#disposing ??= this.#release();
    return this.#disposing;
  }

  async #release(): Promise<void> {
    // Let runs already in flight finish before the native session goes away.
    await Promise.allSettled(this.#inflight);
    try {
      await this.#session.release();
      this.#modelBytes = undefined;
    } catch (cause) {
      throw new ModelError(
        'DISPOSE_FAILED',
        `Releasing the onnxruntime session failed: ${messageOf(cause)}`,
        { cause },
      );
    }
  }
}

/** Durations arrive as float32 (timestamped export) or int64 (hexgrad export); callers get frames as float32. */
function toFloat32(data: unknown): Float32Array | undefined {
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
    return out;
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView))
    return Float32Array.from(data as unknown as ArrayLike<number>);
  return undefined;
}
