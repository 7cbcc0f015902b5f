/**
 * A 1-D convolution as a product in the frequency domain (overlap-save), for onnxruntime's CPU
 * execution provider.
 *
 * Kokoro's iSTFTNet generator spends most of its time in dense Conv1d layers with 128 or 256
 * channels and kernels of 7 and 11 taps (spec kokoro.md §1.6). onnxruntime runs those as im2col +
 * GEMM at K·Cin·Cout multiply-adds per output sample. Cut into blocks of N samples, the same
 * convolution is, per frequency bin, a Cout × Cin complex matrix product: ≈ 2N·Cin·Cout real
 * multiply-adds per block of H = N − span + 1 outputs, i.e. 2N/H·Cin·Cout per sample — for K = 11
 * and N = 64, 2.4 instead of 11. The rewrite is exact in real arithmetic; in float32 it differs
 * from the direct sum by rounding only (relative error ~1e-6, checked in the tests).
 *
 * The emitted graph, for x: [1, Cin, L] (batch 1, as every Kokoro export; any other batch makes
 * the first Reshape fail loudly rather than mix samples):
 *
 *   Reshape → [Cin, 1, L]
 *   Conv (real DFT of each frame: 2F filters of N taps, stride H) → [Cin, 2F, B]
 *   Transpose → [2F, Cin, B] → Reshape [F, 2Cin, B]           (bin-major: one GEMM per bin)
 *   MatMul with the kernel spectra [F, 2Cout, 2Cin]             (the convolution itself)
 *   Reshape [2F, Cout·B] → MatMul with the inverse DFT [H, 2F]  (only the H valid outputs)
 *   Reshape [H, Cout, B] → Transpose → [Cout, B, H] → Reshape [1, Cout, B·H]
 *   Add bias → Slice to the convolution's output length
 */

/** The static description of a Conv1d node (group 1, stride 1). */
export interface ConvShape {
  inChannels: number;
  outChannels: number;
  kernel: number;
  dilation: number;
  padBegin: number;
  padEnd: number;
}

/** What the rewrite of one convolution would be. */
export interface SpectralPlan {
  /** DFT size N. */
  blockSize: number;
  /** Valid outputs per block, H = N − span + 1. */
  hop: number;
  /** Frequency bins, F = N / 2 + 1. */
  bins: number;
  /** Estimated direct time ÷ spectral time on a CPU (cost model below). */
  estimatedSpeedup: number;
  /** Bytes of initializers added, minus the direct weights removed. */
  extraBytes: number;
}

/**
 * Cost model, in nanoseconds per output sample, from measurements of onnxruntime-node 1.30
 * (MLAS, fp32) on a 2-core AMD EPYC: direct Conv1d ≈ 80 G multiply-adds/s, the batched bin
 * GEMM ≈ 90 G/s, the inverse DFT GEMM ≈ 70 G/s, the framing DFT (a thin Conv) ≈ 40 G/s, and
 * the layout passes (a transpose of the spectra; a transpose, the bias and the slice of the
 * output) ≈ 0.6 ns per value. Only ratios matter for the choice.
 */
const DIRECT_GMACS = 80;
const GEMM_GMACS = 90;
const INVERSE_GMACS = 70;
const FRAMING_GMACS = 40;
const PASS_NS_PER_VALUE = 0.6;
const BLOCK_SIZES = [16, 32, 64, 128, 256] as const;

export function span(shape: ConvShape): number {
  return shape.dilation * (shape.kernel - 1) + 1;
}

export function directCost(shape: ConvShape): number {
  return (shape.kernel * shape.inChannels * shape.outChannels) / DIRECT_GMACS;
}

export function spectralCost(shape: ConvShape, blockSize: number): number {
  const hop = blockSize - span(shape) + 1;
  const bins = blockSize / 2 + 1;
  const gemm = (4 * bins * shape.inChannels * shape.outChannels) / hop / GEMM_GMACS;
  const framing = (shape.inChannels * 2 * bins * blockSize) / hop / FRAMING_GMACS;
  const inverse = (shape.outChannels * 2 * bins) / INVERSE_GMACS;
  const passes = ((shape.inChannels * 2 * bins) / hop + 3 * shape.outChannels) * PASS_NS_PER_VALUE;
  return gemm + framing + inverse + passes;
}

/**
 * The block size for this convolution (undefined when no block fits its span). The plan may be
 * slower than the direct form: check `estimatedSpeedup`. Among block sizes within 5 % of the fastest, the one adding the fewest bytes wins: the spectra
 * grow with N, the speed-up flattens.
 */
export function planSpectralConv(shape: ConvShape): SpectralPlan | undefined {
  const direct = directCost(shape);
  const plans: SpectralPlan[] = [];
  for (const blockSize of BLOCK_SIZES) {
    const hop = blockSize - span(shape) + 1;
    // Blocks must keep at least a quarter of their outputs, or the framing costs more than it saves.
    if (hop < blockSize / 4) continue;
    const bins = blockSize / 2 + 1;
    const spectra = bins * 2 * shape.outChannels * 2 * shape.inChannels;
    const kernels = shape.kernel * shape.inChannels * shape.outChannels;
    const estimatedSpeedup = direct / spectralCost(shape, blockSize);
    plans.push({ blockSize, hop, bins, estimatedSpeedup, extraBytes: 4 * (spectra - kernels) });
  }
  if (plans.length === 0) return undefined;
  const fastest = Math.max(...plans.map((p) => p.estimatedSpeedup));
  return plans
    .filter((p) => p.estimatedSpeedup >= 0.95 * fastest)
    .reduce((a, b) => (b.extraBytes < a.extraBytes ? b : a));
}

/**
 * The real DFT of one frame as Conv filters [2F, 1, N]: filter 2f is cos(2πfn/N), filter 2f+1 is
 * −sin(2πfn/N), so the output channels come out bin-major with real and imaginary parts adjacent.
 */
export function framingFilters(blockSize: number): Float32Array {
  const bins = blockSize / 2 + 1;
  const out = new Float32Array(2 * bins * blockSize);
  for (let f = 0; f < bins; f++) {
    for (let n = 0; n < blockSize; n++) {
      const angle = (2 * Math.PI * f * n) / blockSize;
      out[2 * f * blockSize + n] = Math.cos(angle);
      out[(2 * f + 1) * blockSize + n] = -Math.sin(angle);
    }
  }
  return out;
}

/**
 * The inverse real DFT [H, 2F], keeping only outputs 0..H−1 of each block — the ones the circular
 * convolution computes without wrap-around. DC and Nyquist count once, other bins twice.
 */
export function inverseRows(blockSize: number, hop: number): Float32Array {
  const bins = blockSize / 2 + 1;
  const out = new Float32Array(hop * 2 * bins);
  for (let n = 0; n < hop; n++) {
    for (let f = 0; f < bins; f++) {
      const weight = f === 0 || f === blockSize / 2 ? 1 : 2;
      const angle = (2 * Math.PI * f * n) / blockSize;
      out[n * 2 * bins + 2 * f] = (weight * Math.cos(angle)) / blockSize;
      out[n * 2 * bins + 2 * f + 1] = (-weight * Math.sin(angle)) / blockSize;
    }
  }
  return out;
}

/**
 * The kernel spectra as one real matrix per bin, [F, 2Cout, 2Cin].
 *
 * ONNX Conv is a correlation: y[t] = Σ_j w[j]·x[t + j·d]. Over a frame X (spectrum a + ib), the
 * correlation with w (spectrum Wr + iWi) has spectrum X·conj(W), whose real and imaginary parts
 * are [Wr  Wi; −Wi  Wr] · [a; b] — the rows are (real, imaginary) × Cout, the columns
 * (real, imaginary) × Cin, matching the layout of the framed spectra. Computed in float64.
 */
export function kernelSpectra(weights: Float32Array, shape: ConvShape, blockSize: number): Float32Array {
  const { inChannels: cin, outChannels: cout, kernel, dilation } = shape;
  const bins = blockSize / 2 + 1;
  const cosines = new Float64Array(bins * kernel);
  const sines = new Float64Array(bins * kernel);
  for (let f = 0; f < bins; f++) {
    for (let j = 0; j < kernel; j++) {
      const angle = (2 * Math.PI * f * j * dilation) / blockSize;
      cosines[f * kernel + j] = Math.cos(angle);
      sines[f * kernel + j] = Math.sin(angle);
    }
  }
  const out = new Float32Array(bins * 2 * cout * 2 * cin);
  const rowStride = 2 * cin;
  const binStride = 2 * cout * rowStride;
  for (let co = 0; co < cout; co++) {
    for (let ci = 0; ci < cin; ci++) {
      const base = (co * cin + ci) * kernel;
      for (let f = 0; f < bins; f++) {
        let re = 0;
        let im = 0;
        for (let j = 0; j < kernel; j++) {
          const w = weights[base + j]!;
          re += w * cosines[f * kernel + j]!;
          im -= w * sines[f * kernel + j]!;
        }
        const top = f * binStride + co * rowStride;
        const bottom = top + cout * rowStride;
        out[top + ci] = re;
        out[top + cin + ci] = im;
        out[bottom + ci] = -im;
        out[bottom + cin + ci] = re;
      }
    }
  }
  return out;
}
