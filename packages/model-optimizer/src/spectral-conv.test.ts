import { describe, expect, it } from 'vitest';
import {
  type ConvShape,
  framingFilters,
  inverseRows,
  kernelSpectra,
  planSpectralConv,
  span,
} from './spectral-conv';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** ONNX Conv1d (correlation), batch 1, group 1, stride 1: the reference. */
function directConv(x: Float64Array, length: number, w: Float32Array, shape: ConvShape): Float64Array {
  const { inChannels: cin, outChannels: cout, kernel, dilation, padBegin, padEnd } = shape;
  const outLength = length + padBegin + padEnd - span(shape) + 1;
  const y = new Float64Array(cout * outLength);
  for (let co = 0; co < cout; co++) {
    for (let t = 0; t < outLength; t++) {
      let sum = 0;
      for (let ci = 0; ci < cin; ci++) {
        for (let j = 0; j < kernel; j++) {
          const at = t + j * dilation - padBegin;
          if (at >= 0 && at < length) sum += w[(co * cin + ci) * kernel + j]! * x[ci * length + at]!;
        }
      }
      y[co * outLength + t] = sum;
    }
  }
  return y;
}

/** The emitted graph's arithmetic, step by step in plain JS (framing, per-bin product, inverse). */
function spectralConv(x: Float64Array, length: number, w: Float32Array, shape: ConvShape, blockSize: number) {
  const { inChannels: cin, outChannels: cout, padBegin, padEnd } = shape;
  const hop = blockSize - span(shape) + 1;
  const bins = blockSize / 2 + 1;
  const outLength = length + padBegin + padEnd - span(shape) + 1;
  const blocks = Math.ceil(outLength / hop);
  const framing = framingFilters(blockSize);
  const spectra = kernelSpectra(w, shape, blockSize);
  const inverse = inverseRows(blockSize, hop);
  const y = new Float64Array(cout * outLength);
  for (let b = 0; b < blocks; b++) {
    const spectrum = new Float64Array(bins * 2 * cin); // [F, (re, im) × Cin]
    for (let ci = 0; ci < cin; ci++) {
      for (let j = 0; j < 2 * bins; j++) {
        let sum = 0;
        for (let n = 0; n < blockSize; n++) {
          const at = b * hop + n - padBegin;
          if (at >= 0 && at < length) sum += framing[j * blockSize + n]! * x[ci * length + at]!;
        }
        const f = j >> 1;
        spectrum[f * 2 * cin + (j & 1) * cin + ci] = sum;
      }
    }
    for (let co = 0; co < cout; co++) {
      const product = new Float64Array(2 * bins); // (f, re/im)
      for (let f = 0; f < bins; f++) {
        for (let ro = 0; ro < 2; ro++) {
          let sum = 0;
          for (let k = 0; k < 2 * cin; k++) {
            sum += spectra[(f * 2 * cout + ro * cout + co) * 2 * cin + k]! * spectrum[f * 2 * cin + k]!;
          }
          product[2 * f + ro] = sum;
        }
      }
      for (let n = 0; n < hop && b * hop + n < outLength; n++) {
        let sum = 0;
        for (let j = 0; j < 2 * bins; j++) sum += inverse[n * 2 * bins + j]! * product[j]!;
        y[co * outLength + b * hop + n] = sum;
      }
    }
  }
  return y;
}

describe('spectral convolution arithmetic', () => {
  const cases: [string, ConvShape, number, number][] = [
    [
      'k11, same padding',
      { inChannels: 3, outChannels: 4, kernel: 11, dilation: 1, padBegin: 5, padEnd: 5 },
      32,
      97,
    ],
    [
      'k7, dilation 3',
      { inChannels: 2, outChannels: 2, kernel: 7, dilation: 3, padBegin: 9, padEnd: 9 },
      64,
      150,
    ],
    [
      'k5, no padding, shorter output',
      { inChannels: 2, outChannels: 3, kernel: 5, dilation: 1, padBegin: 0, padEnd: 0 },
      16,
      40,
    ],
    [
      'k3, asymmetric padding',
      { inChannels: 1, outChannels: 2, kernel: 3, dilation: 2, padBegin: 3, padEnd: 1 },
      16,
      23,
    ],
    [
      'input shorter than one block',
      { inChannels: 2, outChannels: 2, kernel: 7, dilation: 1, padBegin: 3, padEnd: 3 },
      32,
      5,
    ],
  ];
  for (const [name, shape, blockSize, length] of cases) {
    it(`equals the direct correlation: ${name}`, () => {
      const rand = random(length);
      const w = Float32Array.from({ length: shape.outChannels * shape.inChannels * shape.kernel }, rand);
      const x = Float64Array.from({ length: shape.inChannels * length }, rand);
      const expected = directConv(x, length, w, shape);
      const actual = spectralConv(x, length, w, shape, blockSize);
      expect(actual.length).toBe(expected.length);
      const scale = Math.max(...expected.map(Math.abs));
      const worst = Math.max(...expected.map((v, i) => Math.abs(v - actual[i]!)));
      expect(worst / scale).toBeLessThan(1e-5);
    });
  }
});

describe('planSpectralConv', () => {
  const conv = (channels: number, kernel: number, dilation = 1): ConvShape => ({
    inChannels: channels,
    outChannels: channels,
    kernel,
    dilation,
    padBegin: 0,
    padEnd: 0,
  });

  it('expects no gain for short kernels or narrow layers', () => {
    expect(planSpectralConv(conv(128, 3))!.estimatedSpeedup).toBeLessThan(1);
    expect(planSpectralConv(conv(8, 11))!.estimatedSpeedup).toBeLessThan(1);
  });

  it('has no plan when no block fits the span', () => {
    expect(planSpectralConv(conv(128, 101, 3))).toBeUndefined();
  });

  it('expects the largest gain for long kernels and wide layers', () => {
    const k7 = planSpectralConv(conv(128, 7))!;
    const k11 = planSpectralConv(conv(128, 11))!;
    const wide = planSpectralConv(conv(256, 11))!;
    expect(k11.estimatedSpeedup).toBeGreaterThan(k7.estimatedSpeedup);
    expect(wide.estimatedSpeedup).toBeGreaterThan(k11.estimatedSpeedup);
  });

  it('keeps every block at least a quarter useful and counts the added bytes', () => {
    const plan = planSpectralConv(conv(128, 11, 5))!;
    expect(plan.hop).toBe(plan.blockSize - 50);
    expect(plan.hop).toBeGreaterThanOrEqual(plan.blockSize / 4);
    expect(plan.bins).toBe(plan.blockSize / 2 + 1);
    expect(plan.extraBytes).toBe(4 * (plan.bins * 4 * 128 * 128 - 11 * 128 * 128));
  });
});
