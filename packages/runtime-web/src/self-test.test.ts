import { describe, expect, it } from 'vitest';
import { canaryInput, compareWaveforms, SELF_TEST_TOLERANCES } from './index';

/** A 200 Hz + 1 kHz "voice" with a slow envelope, 0.5 s at 24 kHz. */
function voice(length = 12_000): Float32Array {
  return Float32Array.from({ length }, (_, i) => {
    const t = i / 24_000;
    return (
      (0.3 * Math.sin(2 * Math.PI * 200 * t) + 0.1 * Math.sin(2 * Math.PI * 1000 * t)) *
      Math.sin(Math.PI * t * 2)
    );
  });
}

describe('compareWaveforms', () => {
  it('passes identical audio and audio that differs by fp32 rounding', () => {
    const reference = voice();
    expect(compareWaveforms(reference, reference).passed).toBe(true);
    const rounded = reference.map((s, i) => s + (i % 2 ? 1e-6 : -1e-6));
    const result = compareWaveforms(reference, rounded);
    expect(result.passed).toBe(true);
    expect(Math.abs(result.energyDb)).toBeLessThan(0.01);
    expect(result.detail).toMatch(/^matches wasm: energy/);
  });

  it('fails on NaN or Inf, naming the count', () => {
    const broken = voice();
    broken[10] = Number.NaN;
    broken[20] = Number.POSITIVE_INFINITY;
    const result = compareWaveforms(voice(), broken);
    expect(result).toMatchObject({ passed: false, nonFinite: 2, detail: '2 NaN/Inf samples in the output' });
  });

  it('fails when the energy is off by more than the tolerance (silence, clipping gain)', () => {
    const reference = voice();
    const quiet = reference.map((s) => s * 10 ** (-(SELF_TEST_TOLERANCES.energyDb + 0.5) / 20));
    expect(compareWaveforms(reference, quiet)).toMatchObject({ passed: false });
    expect(compareWaveforms(reference, quiet).detail).toMatch(/energy differs by -1\.50 dB/);
    const slightlyQuiet = reference.map((s) => s * 10 ** (-(SELF_TEST_TOLERANCES.energyDb - 0.5) / 20));
    expect(compareWaveforms(reference, slightlyQuiet).passed).toBe(true);
    expect(compareWaveforms(reference, new Float32Array(reference.length)).passed).toBe(false);
  });

  it('fails on garbled audio at the same loudness (high-frequency energy)', () => {
    const reference = voice();
    // Same energy, but every other sample's sign flipped: the spectrum folds to near 12 kHz.
    const garbled = reference.map((s, i) => (i % 3 === 0 ? -s : s));
    const result = compareWaveforms(reference, garbled);
    expect(Math.abs(result.energyDb)).toBeLessThan(0.01);
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/high-frequency energy differs by \d+\.\d\d dB/);
  });

  it('fails when the lengths differ by more than 5%', () => {
    expect(compareWaveforms(voice(12_000), voice(11_000)).passed).toBe(false);
    expect(compareWaveforms(voice(12_000), voice(11_800)).passed).toBe(true);
  });
});

describe('canaryInput', () => {
  it('is fixed: the same ids, style and speed on every call', () => {
    const a = canaryInput();
    const b = canaryInput();
    expect(a).toEqual(b);
    expect(a.ids[0]).toBe(0);
    expect(a.ids.at(-1)).toBe(0);
    expect(a.style.length).toBe(256);
    expect(a.speed).toBe(1);
  });
});
