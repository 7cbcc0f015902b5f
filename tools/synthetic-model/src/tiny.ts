import { GraphBuilder, type ValueSpec } from './onnx-graph';
import {
  BASE_DURATIONS,
  FREQUENCIES,
  N_TOKEN,
  PROSODY_GAIN,
  PROSODY_QUANTUM,
  PROSODY_SUM_SCALE,
  SAMPLE_RATE,
  SAMPLES_PER_FRAME,
} from './reference';

/** Resolved names and dtypes of one tiny-model variant. */
export interface TinyModelSpec {
  ids: string;
  style: string;
  speed: string;
  speedDtype: 'float32' | 'int32';
  waveform: string;
  /** The durations output, if any: float32 `[1, T]` or (hexgrad-style) int64 `[T]`. */
  durations?: { name: string; type: 'float32' | 'int64' };
}

const TOKENS = 'num_tokens';
const SAMPLES = 'num_samples';

/**
 * Builds the tiny preset (see README for the formulas). Durations:
 *   d = max(1, round(base[id] · (1 + 0.2 · clip(4 · mean(round(64 · style[128:256]) / 64), −1, 1)) / speed))
 * Waveform, frame by frame (600 samples per duration frame, n = global sample index):
 *   amp · ((1 − h) · sin θ + h · sin 2θ),  θ = 2π · freq[id of the frame] · (n mod 24000) / 24000
 *   amp = 0.3 + 0.1 · tanh(4 · mean(style[0:128])), h = sigmoid(8 · (mean(style[0:64]) − mean(style[64:128])))
 */
export function buildTinyModel(spec: TinyModelSpec): Uint8Array {
  const g = new GraphBuilder();
  const i64 = (value: number) => g.scalar('int64', value);
  const f = (value: number) => g.scalar('float32', value);
  const axes = (...values: number[]) => g.constant('int64', values);

  // Ids: flatten [1, T] → [T]. Gather accepts negative indices (−178..−1 wrap around), so map
  // negative ids far out of range: every id outside 0..177 then fails in Gather, as in Kokoro.
  const idsFlat = g.op('Reshape', [spec.ids, axes(-1)]);
  const idsSafe = g.op('Where', [g.op('Less', [idsFlat, i64(0)]), i64(1_000_000), idsFlat]);
  const base = g.op('Gather', [g.constant('float32', BASE_DURATIONS), idsSafe], { axis: 0 });

  // Prosody factor from style[128:256], quantized so the sum is exact in any order.
  const prosody = g.op('Slice', [spec.style, axes(128), axes(256), axes(1)]);
  const quantized = g.op('Round', [g.op('Mul', [prosody, f(PROSODY_QUANTUM)])]);
  const sum = g.op('ReduceSum', [quantized], { keepdims: 0 });
  const clipped = g.op('Clip', [g.op('Mul', [sum, f(PROSODY_SUM_SCALE)]), f(-1), f(1)]);
  const scale = g.op('Add', [f(1), g.op('Mul', [clipped, f(PROSODY_GAIN)])]);

  // pred_dur = max(1, round(d / speed)) — spec §11.
  const speed = spec.speedDtype === 'int32' ? g.op('Cast', [spec.speed], { to: 1 }) : spec.speed;
  const scaled = g.op('Div', [g.op('Mul', [base, scale]), speed]);
  const durations = g.op('Max', [g.op('Round', [scaled]), f(1)]);
  const frames = g.op('Cast', [durations], { to: 7 });

  const outputs: ValueSpec[] = [{ name: spec.waveform, type: 'float32', shape: [SAMPLES] }];
  if (spec.durations?.type === 'float32') {
    g.op('Unsqueeze', [durations, axes(0)], {}, spec.durations.name);
    outputs.push({ name: spec.durations.name, type: 'float32', shape: [1, TOKENS] });
  } else if (spec.durations?.type === 'int64') {
    g.op('Identity', [frames], {}, spec.durations.name);
    outputs.push({ name: spec.durations.name, type: 'int64', shape: [TOKENS] });
  }

  // Alignment: frame k belongs to token #{j : ends[j] ≤ k}, ends = cumulative durations.
  const ends = g.op('CumSum', [frames, i64(0)]);
  const frameIndex = g.op('Range', [i64(0), g.op('ReduceSum', [frames], { keepdims: 0 }), i64(1)]);
  const frameColumn = g.op('Unsqueeze', [frameIndex, axes(1)]);
  const passed = g.op('GreaterOrEqual', [frameColumn, g.op('Unsqueeze', [ends, axes(0)])]);
  const tokenOfFrame = g.op('ReduceSum', [g.op('Cast', [passed], { to: 7 }), axes(1)], { keepdims: 0 });
  const idOfFrame = g.op('Gather', [idsSafe, tokenOfFrame], { axis: 0 });
  const frequency = g.op('Gather', [g.constant('float32', FREQUENCIES), idOfFrame], { axis: 0 });

  // Sample grid [frames, 600]: n = 600k + j. Frequencies are whole hertz, so reducing n modulo
  // one second keeps the phase continuous while θ stays small enough for float32.
  const offsets = g.constant(
    'int64',
    Array.from({ length: SAMPLES_PER_FRAME }, (_, j) => j),
    [1, SAMPLES_PER_FRAME],
  );
  const n = g.op('Add', [g.op('Mul', [frameColumn, i64(SAMPLES_PER_FRAME)]), offsets]);
  const seconds = g.op('Cast', [g.op('Mod', [n, i64(SAMPLE_RATE)])], { to: 1 });
  const cycles = g.op('Mul', [seconds, g.op('Unsqueeze', [frequency, axes(1)])]);
  const theta = g.op('Mul', [cycles, f((2 * Math.PI) / SAMPLE_RATE)]);

  // Timbre from style[0:128]: loudness and the mix of the first two harmonics.
  const mean = (from: number, to: number) =>
    g.op('Mul', [
      g.op('ReduceSum', [g.op('Slice', [spec.style, axes(from), axes(to), axes(1)])], { keepdims: 0 }),
      f(1 / (to - from)),
    ]);
  const amp = g.op('Add', [f(0.3), g.op('Mul', [f(0.1), g.op('Tanh', [g.op('Mul', [mean(0, 128), f(4)])])])]);
  const mix = g.op('Sigmoid', [g.op('Mul', [g.op('Sub', [mean(0, 64), mean(64, 128)]), f(8)])]);
  const fundamental = g.op('Mul', [g.op('Sin', [theta]), g.op('Sub', [f(1), mix])]);
  const harmonic = g.op('Mul', [g.op('Sin', [g.op('Mul', [theta, f(2)])]), mix]);
  const wave = g.op('Mul', [g.op('Add', [fundamental, harmonic]), amp]);
  g.op('Reshape', [wave, axes(-1)], {}, spec.waveform);

  return g.build({
    name: 'kokoro_synthetic_tiny',
    docString:
      'kokoro-kit synthetic stand-in with the Kokoro-82M v1.0 ONNX interface. It produces tones, not speech. ' +
      `Ids index tables of ${N_TOKEN} rows; 600 samples per duration frame.`,
    inputs: [
      { name: spec.ids, type: 'int64', shape: [1, TOKENS] },
      { name: spec.style, type: 'float32', shape: [1, 256] },
      { name: spec.speed, type: spec.speedDtype, shape: [1] },
    ],
    outputs,
  });
}
