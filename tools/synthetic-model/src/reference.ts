/**
 * The tiny preset's numbers and a pure TypeScript reference of its duration rule.
 *
 * The reference performs the same float32 operations as the graph, in the same order (every step
 * through `Math.fround`, rounding half to even like ONNX `Round`), and the duration path avoids
 * ops whose float results vary between implementations (no tanh, no order-dependent sums of
 * arbitrary floats). So `syntheticDurations` equals the model's `durations` output bit for bit.
 */
import { SyntheticModelError } from './errors';

/** Rows of the id tables: Kokoro-82M v1.0's `n_token`. Ids outside 0..177 make `Gather` fail. */
export const N_TOKEN = 178;
/** Samples per duration frame (25 ms at 24 kHz), as in the real model. */
export const SAMPLES_PER_FRAME = 600;
export const SAMPLE_RATE = 24_000;
/** The style vector length; `[0:128]` is timbre, `[128:256]` prosody (spec §1.5). */
export const STYLE_DIM = 256;

const f32 = Math.fround;

/** Base duration of id `i` in frames: 1.0–6.0 in steps of 0.1, scattered over the ids. */
export const BASE_DURATIONS: Float32Array = Float32Array.from(
  { length: N_TOKEN },
  (_, i) => 1 + ((i * 37 + 11) % 51) / 10,
);

/** Tone of id `i` in whole hertz (110–550 Hz), so its phase repeats every second exactly. */
export const FREQUENCIES: Float32Array = Float32Array.from(
  { length: N_TOKEN },
  (_, i) => 110 + ((i * 53 + 7) % 89) * 5,
);

/** Prosody values are quantized to multiples of 1/64 before summing, so the sum is exact. */
export const PROSODY_QUANTUM = 64;
/** Σ(quantized prosody) × this = 4 × mean(prosody half): 1 / (64 · 128 / 4). Exact power of two. */
export const PROSODY_SUM_SCALE = f32(1 / 2048);
/** The prosody factor is 1 + 0.2 · clip(4 · mean, −1, 1): ±20 % at most. */
export const PROSODY_GAIN = f32(0.2);

/** ONNX `Round` and `torch.round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  const rounded = diff < 0.5 ? floor : diff > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
  // Keep the sign of zero, as C's nearbyint does (−0.5 → −0).
  return rounded === 0 && x < 0 ? -0 : rounded;
}

/**
 * The factor the prosody half of `style` applies to every base duration:
 * `1 + 0.2 · clip(4 · mean(round(64 · style[128:256]) / 64), −1, 1)`, in float32.
 */
export function prosodyScale(style: ArrayLike<number>): number {
  if (style.length !== STYLE_DIM) {
    throw new SyntheticModelError(
      'INVALID_ARGUMENT',
      `style must have ${STYLE_DIM} values; got ${style.length}.`,
    );
  }
  let sum = 0;
  for (let i = 128; i < STYLE_DIM; i++) {
    // ×64 is exact in float32; the rounded values are small integers, so any summation order agrees.
    sum = f32(sum + roundHalfEven(f32(f32(style[i]!) * PROSODY_QUANTUM)));
  }
  const clipped = Math.min(1, Math.max(-1, f32(sum * PROSODY_SUM_SCALE)));
  return f32(1 + f32(clipped * PROSODY_GAIN));
}

export interface SyntheticDurationsOptions {
  /**
   * The declared dtype of the model's `speed` input. With `'int32'` the speed is truncated to an
   * integer first, as a runtime must do to feed such a model.
   */
  speedDtype?: 'float32' | 'int32';
}

/**
 * The durations (frames per id, pads included) the tiny model outputs for these inputs:
 * `max(1, round(base[id] · prosodyScale(style) / speed))`, every step in float32.
 */
export function syntheticDurations(
  ids: ArrayLike<number | bigint>,
  style: ArrayLike<number>,
  speed: number,
  options: SyntheticDurationsOptions = {},
): Float32Array {
  const scale = prosodyScale(style);
  const fedSpeed = options.speedDtype === 'int32' ? Math.trunc(speed) : speed;
  const divisor = f32(fedSpeed);
  const out = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = Number(ids[i]);
    const base = Number.isInteger(id) && id >= 0 && id < N_TOKEN ? BASE_DURATIONS[id] : undefined;
    if (base === undefined) {
      throw new SyntheticModelError(
        'INVALID_ARGUMENT',
        `Id ${String(ids[i])} at index ${i} is outside 0..${N_TOKEN - 1}.`,
      );
    }
    const d = f32(f32(base * scale) / divisor);
    out[i] = Math.max(1, roundHalfEven(d));
  }
  return out;
}

/** The waveform length the tiny model produces for these durations: 600 × Σ durations. */
export function syntheticSampleCount(durations: ArrayLike<number>): number {
  let frames = 0;
  for (let i = 0; i < durations.length; i++) frames += durations[i]!;
  return frames * SAMPLES_PER_FRAME;
}
