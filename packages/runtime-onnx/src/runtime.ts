import {
  InvalidArgumentError,
  ModelError,
  type ModelInput,
  type ModelOutput,
  type ModelRuntime,
  throwIfAborted,
} from '@kokoro-kit/core';
import { type DeclaredValue, detectInterface, type ModelInterface } from './interface';
import { messageOf, type OrtApi, type OrtSession, type OrtTensor } from './ort';
import { validateModelInput } from './validate';
import type { OnRuntimeWarning } from './warnings';

/** A `ModelRuntime` over one onnxruntime session, with what was detected about the model. */
export interface OnnxRuntime extends ModelRuntime {
  /** The names and types detected in the model file (spec §3.5). */
  readonly interface: ModelInterface;
}

export interface OnnxRuntimeOptions {
  /** The onnxruntime module that created the session (for its `Tensor`). */
  ort: OrtApi;
  /** An open session; the runtime owns it from now on and releases it in `dispose()`. */
  session: OrtSession;
  /** Which package supplied `ort`, for messages (`onnxruntime-node`, `onnxruntime-web`). */
  ortPackage: string;
  /** How to make a new runtime, for the message after `dispose()` (e.g. `createNodeRuntime()`). */
  factoryName: string;
  onWarning?: OnRuntimeWarning;
  /** Called once the session is released (e.g. to drop model bytes the session used in place). */
  onReleased?: () => void;
}

/**
 * Wraps an open onnxruntime session as a Kokoro `ModelRuntime`: detects the interface from the
 * session's declared names and types, then validates inputs, builds tensors, reads outputs and
 * releases the session once runs in flight have finished. The session is released here if the
 * model is not a Kokoro model.
 */
export async function createOnnxRuntime(options: OnnxRuntimeOptions): Promise<OnnxRuntime> {
  const { session } = options;
  try {
    const modelInterface = detectInterface(
      declaredValues(session.inputNames, session.inputMetadata),
      declaredValues(session.outputNames, session.outputMetadata),
    );
    if (!modelInterface.typesDeclared) {
      options.onWarning?.({
        kind: 'undeclared-types',
        message:
          `This ${options.ortPackage} does not report input types, so \`speed\` is fed as float32. ` +
          `Upgrade ${options.ortPackage} (≥ 1.22) to detect int32-speed exports.`,
      });
    }
    return new SessionRuntime(options, modelInterface);
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
}

type Metadata = readonly { name: string; isTensor: boolean; type?: unknown }[] | undefined;

function declaredValues(names: readonly string[], metadata: Metadata): DeclaredValue[] {
  // `inputMetadata`/`outputMetadata` exist from onnxruntime 1.22; older versions give names only.
  return names.map((name) => {
    const meta = metadata?.find((m) => m.name === name);
    return meta?.isTensor && typeof meta.type === 'string' ? { name, type: meta.type } : { name };
  });
}

const INT32_MAX = 2 ** 31 - 1;

class SessionRuntime implements OnnxRuntime {
  readonly interface: ModelInterface;
  readonly outputs: { durations: boolean };
  readonly #options: OnnxRuntimeOptions;
  readonly #inflight = new Set<Promise<unknown>>();
  #disposing: Promise<void> | undefined;

  constructor(options: OnnxRuntimeOptions, modelInterface: ModelInterface) {
    this.#options = options;
    this.interface = modelInterface;
    this.outputs = Object.freeze({ durations: modelInterface.outputs.durations !== undefined });
  }

  async run(input: ModelInput, options: { signal?: AbortSignal } = {}): Promise<ModelOutput> {
    if (this.#disposing) {
      throw new ModelError(
        'DISPOSED',
        `This model runtime was disposed; create a new one with ${this.#options.factoryName}.`,
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
    const { inputs, outputs } = this.interface;
    const { Tensor } = this.#options.ort;
    const ids = this.#idsTensor(input.ids);
    // A copy: the caller may pass a view into a voice pack, or reuse the array while we run.
    const style = new Tensor('float32', Float32Array.from(input.style), [1, input.style.length]);
    const speed = this.#speedTensor(input.speed);
    const feeds = { [inputs.ids]: ids, [inputs.style]: style, [inputs.speed]: speed };
    const fetches =
      outputs.durations === undefined ? [outputs.waveform] : [outputs.waveform, outputs.durations];

    let results: Record<string, OrtTensor>;
    try {
      results = (await this.#options.session.run(feeds, fetches)) as Record<string, OrtTensor>;
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

  #idsTensor(ids: Int32Array): OrtTensor {
    const { Tensor } = this.#options.ort;
    return this.interface.idsType === 'int64'
      ? new Tensor(
          'int64',
          BigInt64Array.from(ids, (id) => BigInt(id)),
          [1, ids.length],
        )
      : new Tensor('int32', Int32Array.from(ids), [1, ids.length]);
  }

  #speedTensor(speed: number): OrtTensor {
    const { Tensor } = this.#options.ort;
    if (this.interface.speedType === 'float32') return new Tensor('float32', Float32Array.of(speed), [1]);
    // int32 speed (hexgrad export.py files, spec §3.4): the model only sees whole numbers.
    const whole = Math.trunc(speed);
    if (whole < 1 || whole > INT32_MAX) {
      throw new InvalidArgumentError(
        `This model declares an int32 \`speed\` input (an export made with hexgrad's export.py), so speed ${speed} ` +
          `would become ${whole}. Use a whole speed ≥ 1, or a model with a float32 speed input (onnx-community, kokoro-onnx).`,
      );
    }
    if (whole !== speed) {
      this.#options.onWarning?.({
        kind: 'speed-truncated',
        message: `This model declares an int32 \`speed\` input; speed ${speed} was truncated to ${whole}.`,
      });
    }
    return new Tensor('int32', Int32Array.of(whole), [1]);
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
    // Let runs already in flight finish before the session goes away.
    await Promise.allSettled(this.#inflight);
    try {
      await this.#options.session.release();
      this.#options.onReleased?.();
    } catch (cause) {
      throw new ModelError(
        'DISPOSE_FAILED',
        `Releasing the onnxruntime session failed: ${messageOf(cause)}`,
        {
          cause,
        },
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
