import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realVoicesDir } from '@kokoro-kit/test-assets';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSyntheticModel,
  describeSyntheticModel,
  SAMPLES_PER_FRAME,
  syntheticModelChunks,
  syntheticParameterCount,
} from './index';

// One 325 MB build and one session for the whole file; inference only on short inputs.
const options = { preset: 'full', durations: true } as const;
let bytes: Uint8Array;
let session: ort.InferenceSession;

beforeAll(async () => {
  bytes = buildSyntheticModel(options);
  session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2 });
});
afterAll(async () => {
  await session?.release();
});

const voiceRow = (voice: string, row: number) => {
  const pack = readFileSync(join(realVoicesDir, `${voice}.bin`));
  return new Float32Array(
    pack.buffer.slice(pack.byteOffset + row * 1024, pack.byteOffset + (row + 1) * 1024),
  );
};

/**
 * Input fixtures: the ids @kokoro-kit/g2p-en (misaki lexicons, en-US) and @kokoro-kit/tokenizer
 * give for two English sentences, so the calibration is checked on real speech's ids.
 */
const FOX = [
  0, 81, 83, 16, 53, 65, 156, 102, 53, 16, 44, 123, 156, 39, 56, 16, 48, 156, 69, 53, 61, 16, 82, 156, 138,
  55, 58, 61, 16, 156, 31, 64, 83, 123, 16, 81, 83, 16, 54, 156, 24, 68, 51, 16, 46, 156, 76, 92, 3, 16, 72,
  56, 46, 16, 81, 156, 86, 56, 16, 102, 62, 16, 123, 156, 138, 56, 68, 16, 83, 65, 156, 24, 4, 0,
]; // 'The quick brown fox jumps over the lazy dog, and then it runs away.'
const SEASHELLS = [
  0, 131, 157, 51, 16, 61, 156, 86, 54, 68, 16, 61, 156, 51, 131, 157, 86, 54, 68, 16, 44, 25, 16, 81, 83, 16,
  61, 156, 51, 131, 157, 76, 123, 16, 156, 86, 64, 83, 123, 51, 16, 61, 156, 138, 55, 83, 123, 16, 55, 156,
  76, 123, 56, 102, 112, 4, 0,
]; // 'She sells seashells by the seashore every summer morning.'

const feeds = (ids: readonly number[], style: Float32Array, speed = 1) => ({
  input_ids: new ort.Tensor(
    'int64',
    BigInt64Array.from(ids, (id) => BigInt(id)),
    [1, ids.length],
  ),
  style: new ort.Tensor('float32', style, [1, 256]),
  speed: new ort.Tensor('float32', Float32Array.of(speed), [1]),
});

describe("preset 'full'", () => {
  it("has Kokoro-82M v1.0's parameter count (within 1% of the ONNX export's 81,162,884)", () => {
    const count = syntheticParameterCount(options);
    expect(Math.abs(count - 81_162_884) / 81_162_884).toBeLessThan(0.01);
    // Every parameter is stored as float32: the file is the weights plus a small graph.
    expect(bytes.length).toBeGreaterThan(4 * count);
    expect(bytes.length).toBeLessThan(4 * count + 1_000_000);
  });

  it('declares the onnx-community interface with a durations output', () => {
    expect(session.inputNames).toEqual(['input_ids', 'style', 'speed']);
    expect(session.outputNames).toEqual(['waveform', 'durations']);
    expect(describeSyntheticModel(options).durations).toEqual({ name: 'durations', type: 'float32' });
  });

  it('is deterministic: the streamed pieces hash to the same bytes', () => {
    const hash = createHash('sha256');
    for (const chunk of syntheticModelChunks(options)) hash.update(chunk);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('outputs 600 × Σ durations samples, finite, the same on every run', async () => {
    const ids = FOX.slice(0, 12);
    const style = voiceRow('af_heart', ids.length - 2);
    const first = await session.run(feeds(ids, style));
    const durations = Array.from(first.durations!.data as Float32Array);
    expect(first.durations!.dims).toEqual([1, ids.length]);
    for (const d of durations) {
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(1);
    }
    const waveform = first.waveform!.data as Float32Array;
    const total = durations.reduce((a, b) => a + b, 0);
    expect(waveform.length).toBe(SAMPLES_PER_FRAME * total);
    expect(waveform.every(Number.isFinite)).toBe(true);
    expect(waveform.some((v) => v !== 0)).toBe(true);
    const second = await session.run(feeds(ids, style));
    expect(second.waveform!.data).toEqual(waveform);
  });

  it('predicts about 3 frames (75 ms) per id on English, varying with the ids', async () => {
    const all: number[] = [];
    for (const [ids, voice] of [
      [FOX, 'af_heart'],
      [SEASHELLS, 'bm_george'],
    ] as const) {
      const out = await session.run(feeds(ids, voiceRow(voice, ids.length - 2)), ['durations']);
      const durations = Array.from(out.durations!.data as Float32Array);
      expect(new Set(durations).size).toBeGreaterThanOrEqual(3); // varies within one utterance
      all.push(...durations);
    }
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(3.5);
  });

  it('divides durations by speed before rounding', async () => {
    const ids = SEASHELLS.slice(0, 20);
    const style = voiceRow('am_adam', ids.length - 2);
    const durations = async (speed: number) => {
      const out = await session.run(feeds(ids, style, speed), ['durations']);
      return Array.from(out.durations!.data as Float32Array);
    };
    const normal = await durations(1);
    const fast = await durations(2);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(fast)).toBeLessThan(sum(normal) * 0.75);
    expect(sum(fast)).toBeGreaterThanOrEqual(ids.length); // each id keeps at least 1 frame
  });

  it('fails on ids outside 0..177, as the real tables do', async () => {
    await expect(session.run(feeds([0, 178, 0], voiceRow('af_heart', 1)), ['durations'])).rejects.toThrow();
    await expect(session.run(feeds([0, -1, 0], voiceRow('af_heart', 1)), ['durations'])).rejects.toThrow();
  });
});
