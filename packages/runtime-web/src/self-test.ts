import type { ModelInput } from '@kokoro-kit/core';

/**
 * The WebGPU self-test's numeric part: the same fixed input (the canary) through the model on
 * WebGPU and on wasm, then three checks on the two waveforms. fp32 WebGPU and wasm differ by
 * rounding only; the failures seen in the wild (NaN, silence, garbled "robot" audio) change the
 * energy or its spectrum by far more than these tolerances.
 */

/** Bump when the canary or the checks change, so cached verdicts are not reused. */
export const SELF_TEST_VERSION = 1;

/** The canary: fixed ids (pads included), style row and speed. */
export function canaryInput(): ModelInput {
  return {
    ids: Int32Array.from([0, 50, 83, 54, 156, 57, 135, 16, 65, 156, 87, 158, 54, 46, 102, 56, 4, 0]),
    style: Float32Array.from({ length: 256 }, (_, i) => Math.sin(i * 0.37 + 1) * 0.2),
    speed: 1,
  };
}

export interface SelfTestTolerances {
  /** Largest |energy ratio| between the two waveforms, in dB. */
  energyDb: number;
  /** Largest |ratio| of their high-frequency energy fractions, in dB. */
  highFrequencyDb: number;
  /** Largest relative difference in length (durations may round differently). */
  length: number;
}

export const SELF_TEST_TOLERANCES: Readonly<SelfTestTolerances> = Object.freeze({
  energyDb: 1,
  highFrequencyDb: 1.5,
  length: 0.05,
});

export interface WaveformComparison {
  passed: boolean;
  /** Plain words: what was measured, and what failed. */
  detail: string;
  /** Non-finite samples in the candidate (WebGPU) waveform. */
  nonFinite: number;
  /** 10·log10(candidate energy / reference energy). */
  energyDb: number;
  /** 10·log10(candidate HF fraction / reference HF fraction). */
  highFrequencyDb: number;
  /** |candidate length − reference length| / reference length. */
  lengthDifference: number;
}

/**
 * Compares a candidate waveform (WebGPU) against a reference (wasm): no NaN/Inf; mean energy
 * within `energyDb`; high-frequency energy fraction within `highFrequencyDb`; lengths within
 * `length`. The high-frequency fraction is the energy of the first difference over the energy
 * (a first difference weighs a frequency f by 4·sin²(πf/24000): 0 at DC, 4 at 12 kHz), so noise
 * or aliasing that garbles speech shows up even when the loudness is right.
 */
export function compareWaveforms(
  reference: Float32Array,
  candidate: Float32Array,
  tolerances: SelfTestTolerances = SELF_TEST_TOLERANCES,
): WaveformComparison {
  const nonFinite = countNonFinite(candidate);
  const lengthDifference = Math.abs(candidate.length - reference.length) / Math.max(reference.length, 1);
  if (nonFinite > 0 || countNonFinite(reference) > 0) {
    const where =
      nonFinite > 0 ? `${nonFinite} NaN/Inf samples in the output` : 'NaN/Inf in the wasm reference';
    return {
      passed: false,
      detail: where,
      nonFinite,
      energyDb: Number.NaN,
      highFrequencyDb: Number.NaN,
      lengthDifference,
    };
  }
  const ref = stats(reference);
  const cand = stats(candidate);
  const energyDb = decibels(cand.energy, ref.energy);
  const highFrequencyDb = decibels(cand.highFrequency, ref.highFrequency);
  const failures: string[] = [];
  if (lengthDifference > tolerances.length)
    failures.push(`length ${candidate.length} vs ${reference.length} samples`);
  if (!(Math.abs(energyDb) <= tolerances.energyDb))
    failures.push(`energy differs by ${energyDb.toFixed(2)} dB (tolerance ±${tolerances.energyDb} dB)`);
  if (!(Math.abs(highFrequencyDb) <= tolerances.highFrequencyDb))
    failures.push(
      `high-frequency energy differs by ${highFrequencyDb.toFixed(2)} dB (tolerance ±${tolerances.highFrequencyDb} dB)`,
    );
  const measured = `energy ${energyDb.toFixed(3)} dB, high-frequency ${highFrequencyDb.toFixed(3)} dB, length ${(lengthDifference * 100).toFixed(1)}% apart`;
  return {
    passed: failures.length === 0,
    detail: failures.length === 0 ? `matches wasm: ${measured}` : failures.join('; '),
    nonFinite,
    energyDb,
    highFrequencyDb,
    lengthDifference,
  };
}

function countNonFinite(samples: Float32Array): number {
  let count = 0;
  for (const s of samples) if (!Number.isFinite(s)) count++;
  return count;
}

function stats(samples: Float32Array): { energy: number; highFrequency: number } {
  let energy = 0;
  let diff = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as number;
    energy += s * s;
    if (i > 0) {
      const d = s - (samples[i - 1] as number);
      diff += d * d;
    }
  }
  const mean = energy / Math.max(samples.length, 1);
  return { energy: mean, highFrequency: diff / Math.max(energy, Number.MIN_VALUE) };
}

/** 10·log10(a/b), with silence on both sides counted as equal. */
function decibels(a: number, b: number): number {
  const floor = 1e-20;
  return 10 * Math.log10((a + floor) / (b + floor));
}
