import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_VERSION, optimizeModel } from './optimize';

// The full-size Kokoro-82M stand-in: the real architecture and sizes (325 MB, generated in ~1 s).
const original = buildSyntheticModel({ preset: 'full', durations: true });

async function synthesize(bytes: Uint8Array, ids: number[]) {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2 });
  try {
    const style = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i) * 0.1);
    const out = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      style: new ort.Tensor('float32', style, [1, 256]),
      speed: new ort.Tensor('float32', Float32Array.of(1), [1]),
    });
    return { waveform: out.waveform!.data as Float32Array, durations: out.durations!.data as Float32Array };
  } finally {
    await session.release();
  }
}

describe('optimizeModel on the full Kokoro-82M stand-in', () => {
  const optimized = optimizeModel(original);

  it("rewrites the generator's last-stage convolutions, and only those", () => {
    expect(OPTIMIZER_VERSION).toMatch(/^kokoro-cpu-\d+$/);
    // Snake's sin² in every generator block, exported as Pow(·, 2).
    expect(optimized.squares.length).toBeGreaterThanOrEqual(48);
    expect(optimized.rewrites.length).toBeGreaterThanOrEqual(12);
    for (const r of optimized.rewrites) {
      expect(r.inChannels).toBe(128);
      expect(r.kernel).toBeGreaterThanOrEqual(7);
      expect(r.estimatedSpeedup).toBeGreaterThanOrEqual(1.2);
    }
    expect(optimized.extraBytes).toBeLessThan(120e6);
  });

  it('produces the same durations and the same waveform to float32 rounding', async () => {
    const ids = [0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0];
    const expected = await synthesize(original, ids);
    const actual = await synthesize(optimized.bytes, ids);
    expect(Array.from(actual.durations)).toEqual(Array.from(expected.durations));
    expect(actual.waveform.length).toBe(expected.waveform.length);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < expected.waveform.length; i++) {
      worst = Math.max(worst, Math.abs(expected.waveform[i]! - actual.waveform[i]!));
      scale = Math.max(scale, Math.abs(expected.waveform[i]!));
    }
    expect(scale).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(1e-5);
  });
});
