import { describe, expect, it } from 'vitest';
import {
  BASE_DURATIONS,
  FREQUENCIES,
  N_TOKEN,
  prosodyScale,
  roundHalfEven,
  syntheticDurations,
} from './index';

describe('reference', () => {
  it('rounds halves to even', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([
      0, 2, 2, 4, -0, -2, -2, 2, 3,
    ]);
  });

  it('has 178-row tables in the documented ranges', () => {
    expect(BASE_DURATIONS.length).toBe(N_TOKEN);
    expect(Math.min(...BASE_DURATIONS)).toBeCloseTo(1, 6);
    expect(Math.max(...BASE_DURATIONS)).toBeCloseTo(6, 6);
    expect(FREQUENCIES.length).toBe(N_TOKEN);
    expect(FREQUENCIES.every((f) => Number.isInteger(f) && f >= 110 && f <= 550)).toBe(true);
    // Varied, not constant.
    expect(new Set(BASE_DURATIONS).size).toBeGreaterThan(40);
  });

  it('scales by 1 ± 0.2 with the prosody half', () => {
    const style = new Float32Array(256);
    expect(prosodyScale(style)).toBe(1);
    style.fill(1, 128);
    expect(prosodyScale(style)).toBe(Math.fround(1.2));
    style.fill(-1, 128);
    expect(prosodyScale(style)).toBe(Math.fround(0.8));
    style.fill(0);
    style.fill(9, 0, 128); // timbre half does not matter
    expect(prosodyScale(style)).toBe(1);
  });

  it('divides by speed, rounds, clamps to 1, truncates int32 speeds', () => {
    const style = new Float32Array(256);
    const id = BASE_DURATIONS.findIndex((d) => Math.abs(d - 4.6) < 1e-6);
    expect(id).toBeGreaterThanOrEqual(0);
    expect(Array.from(syntheticDurations([id], style, 1))).toEqual([5]);
    expect(Array.from(syntheticDurations([id], style, 2))).toEqual([2]); // 2.3
    expect(Array.from(syntheticDurations([id], style, 100))).toEqual([1]);
    expect(Array.from(syntheticDurations([id], style, 2.9, { speedDtype: 'int32' }))).toEqual([2]);
    expect(Array.from(syntheticDurations([BigInt(id)], style, 1))).toEqual([5]);
  });

  it('rejects ids outside the table and styles of the wrong length', () => {
    const style = new Float32Array(256);
    for (const bad of [-1, 178, 1.5])
      expect(() => syntheticDurations([0, bad, 0], style, 1)).toThrow(/outside 0..177/);
    expect(() => syntheticDurations([0], new Float32Array(3), 1)).toThrow(/256/);
  });
});
