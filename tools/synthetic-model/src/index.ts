/**
 * ONNX models with Kokoro-82M v1.0's exact interface and deterministic weights, for tests and
 * benchmarks. `buildSyntheticModel` returns the model bytes (works in any JS runtime); the
 * `./node` entry adds `writeSyntheticModel(path, options)`.
 */
import { SyntheticModelError } from './errors';
import { buildFullModel } from './full';
import { buildTinyModel, type TinyModelSpec } from './tiny';

export { SyntheticModelError, type SyntheticModelErrorCode } from './errors';
export { FULL_DURATION_BIAS } from './full';
export { buildIdentityModel, type IdentityModelOptions } from './identity';
export {
  BASE_DURATIONS,
  FREQUENCIES,
  N_TOKEN,
  prosodyScale,
  roundHalfEven,
  SAMPLE_RATE,
  SAMPLES_PER_FRAME,
  STYLE_DIM,
  type SyntheticDurationsOptions,
  syntheticDurations,
  syntheticSampleCount,
} from './reference';

/**
 * Input/output naming of the model file (spec §3):
 * - `onnx-community`: `input_ids`, `style`, `speed` → `waveform` (+ `durations` float32 `[1, T]`,
 *   like the timestamped export);
 * - `kokoro-onnx`: `tokens`, `style`, `speed` → `audio` (+ `durations` float32 `[1, T]`);
 * - `hexgrad`: like `examples/export.py`: `input_ids`, `style`, `speed` (int32 by default) →
 *   `waveform` (+ `duration` int64 `[T]`).
 */
export type SyntheticNaming = 'onnx-community' | 'kokoro-onnx' | 'hexgrad';

/** Per-tensor name overrides, for adapter tests that need a graph matching no known interface. */
export interface SyntheticNames {
  ids?: string;
  style?: string;
  speed?: string;
  waveform?: string;
  durations?: string;
}

export interface SyntheticModelOptions {
  /**
   * `tiny`: a few hundred ops producing tones (KB, exact reference). `full`: Kokoro-82M v1.0's
   * real architecture and sizes with pseudo-random weights (≈ 325 MB; for benchmarks).
   */
  preset: 'tiny' | 'full';
  /** Add a per-id durations output (default false). */
  durations?: boolean;
  /** Default `onnx-community`. */
  naming?: SyntheticNaming;
  /** Declared dtype of `speed`; int32 is cast to float inside. Default float32 (`int32` for `hexgrad`). */
  speedDtype?: 'float32' | 'int32';
  /** Overrides of individual names (applied after `naming`). */
  names?: SyntheticNames;
}

const NAMINGS: Record<SyntheticNaming, Required<SyntheticNames>> = {
  'onnx-community': {
    ids: 'input_ids',
    style: 'style',
    speed: 'speed',
    waveform: 'waveform',
    durations: 'durations',
  },
  'kokoro-onnx': { ids: 'tokens', style: 'style', speed: 'speed', waveform: 'audio', durations: 'durations' },
  hexgrad: { ids: 'input_ids', style: 'style', speed: 'speed', waveform: 'waveform', durations: 'duration' },
};

/** The ONNX bytes of a synthetic Kokoro model. Same options, same bytes, on every call. */
export function buildSyntheticModel(options: SyntheticModelOptions): Uint8Array {
  const spec = resolveSpec(options);
  if (options.preset === 'tiny') return buildTinyModel(spec);
  const pieces = [...buildFullModel(spec).chunks()];
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/**
 * The model bytes as consecutive pieces (their concatenation is `buildSyntheticModel`'s result).
 * The full preset's weights are generated one tensor at a time as the iterator advances, so a
 * writer never holds the whole 325 MB.
 */
export function syntheticModelChunks(options: SyntheticModelOptions): Iterable<Uint8Array> {
  // Resolved eagerly, so invalid options throw here rather than at the first iteration.
  const spec = resolveSpec(options);
  return options.preset === 'tiny' ? [buildTinyModel(spec)] : buildFullModel(spec).chunks();
}

/**
 * Learned parameters of a preset's graph (weight-norm folded, as in the ONNX exports): 0 for
 * `tiny` (lookup tables only); about 81.19 M for `full` (Kokoro-82M v1.0 ONNX: 81,162,884).
 */
export function syntheticParameterCount(options: SyntheticModelOptions): number {
  const spec = resolveSpec(options);
  return options.preset === 'tiny' ? 0 : buildFullModel(spec).parameterCount;
}

/** The names and dtypes a model built with these options declares. */
export function describeSyntheticModel(options: SyntheticModelOptions): TinyModelSpec {
  return resolveSpec(options);
}

export type { TinyModelSpec as SyntheticModelSpec };

function resolveSpec(options: SyntheticModelOptions): TinyModelSpec {
  const preset = (options as { preset?: unknown } | undefined)?.preset;
  if (preset !== 'tiny' && preset !== 'full') {
    throw new SyntheticModelError(
      'INVALID_ARGUMENT',
      `Unknown preset ${JSON.stringify(preset)}; use 'tiny' or 'full'.`,
    );
  }
  const naming = options.naming ?? 'onnx-community';
  const names = NAMINGS[naming];
  if (names === undefined) {
    throw new SyntheticModelError(
      'INVALID_ARGUMENT',
      `Unknown naming ${JSON.stringify(naming)}; use one of ${Object.keys(NAMINGS).join(', ')}.`,
    );
  }
  const speedDtype = options.speedDtype ?? (naming === 'hexgrad' ? 'int32' : 'float32');
  if (speedDtype !== 'float32' && speedDtype !== 'int32') {
    throw new SyntheticModelError(
      'INVALID_ARGUMENT',
      `Unknown speedDtype ${JSON.stringify(speedDtype)}; use 'float32' or 'int32'.`,
    );
  }
  const resolved = { ...names, ...options.names };
  const spec: TinyModelSpec = {
    ids: resolved.ids,
    style: resolved.style,
    speed: resolved.speed,
    speedDtype,
    waveform: resolved.waveform,
  };
  if (options.durations) {
    spec.durations = { name: resolved.durations, type: naming === 'hexgrad' ? 'int64' : 'float32' };
  }
  const all = [spec.ids, spec.style, spec.speed, spec.waveform, spec.durations?.name].filter(
    (n) => n !== undefined,
  );
  if (all.some((n) => n === '') || new Set(all).size !== all.length) {
    throw new SyntheticModelError(
      'INVALID_ARGUMENT',
      `Tensor names must be non-empty and distinct; got ${all.join(', ')}.`,
    );
  }
  return spec;
}
