/**
 * Analytic multiply-accumulate count of one Kokoro-82M forward pass (the full synthetic graph,
 * spec kokoro.md §5), for `ids` input ids (pads included) and `frames` = Σ durations. Counts
 * MatMul/Gemm, Conv, ConvTranspose and LSTM; elementwise work (norms, activations, Snake,
 * STFT arithmetic) is left out: it is memory-bound and under 1% of the MACs.
 */
export function kokoroMacs(ids: number, frames: number): number {
  const T = ids;
  const L = frames;
  const lstm = (steps: number, input: number, hidden = 256) => 2 * steps * 4 * hidden * (input + hidden);
  const conv = (length: number, cin: number, cout: number, k: number) => length * cin * cout * k;

  const albertLayer = 4 * T * 768 * 768 + 2 * T * T * 768 + 2 * T * 768 * 2048;
  const bert = T * 128 * 768 + 12 * albertLayer + T * 768 * 512;
  const predictor = 4 * lstm(T, 640) + T * 512 * 50 + 3 * T * 128 * 1024;
  const alignment = 640 * T * L + 512 * T * L;
  const curve =
    2 * conv(L, 512, 512, 3) +
    conv(2 * L, 512, 256, 1) +
    conv(2 * L, 512, 256, 3) +
    conv(2 * L, 256, 256, 3) +
    2 * conv(2 * L, 256, 256, 3) +
    2 * L * 256;
  const f0n = lstm(L, 640) + 2 * curve;
  const textEncoder = 3 * conv(T, 512, 512, 5) + lstm(T, 512);
  const block = (cin: number, cout: number) =>
    conv(L, cin, cout, 3) + conv(L, cout, cout, 3) + conv(L, cin, cout, 1);
  const decoder =
    block(514, 1024) +
    conv(L, 512, 64, 1) +
    3 * block(1090, 1024) +
    conv(2 * L, 1090, 512, 1) +
    conv(2 * L, 1090, 512, 3) +
    conv(2 * L, 512, 512, 3);
  // MRF resblocks: three dilated pairs of convs of kernel k; kernels 3, 7, 11 → Σ 6k = 126.
  const mrf = (length: number, channels: number, kernelSum: number) =>
    length * channels * channels * kernelSum;
  const F = 120 * L + 1;
  const generator =
    conv(20 * L, 22, 256, 12) +
    mrf(20 * L, 256, 42) + // noise_res[0], k 7
    conv(2 * L, 512, 256, 20) + // ups[0]
    mrf(20 * L, 256, 126) +
    conv(20 * L, 256, 128, 12) + // ups[1]
    conv(F, 22, 128, 1) +
    mrf(F, 128, 66) + // noise_res[1], k 11
    mrf(F, 128, 126) +
    conv(F, 128, 22, 7) + // conv_post
    2 * conv(F, 22, 1, 20); // STFT and inverse STFT
  return bert + predictor + alignment + f0n + textEncoder + decoder + generator;
}

/** Floating-point operations (2 per MAC) of one forward pass. */
export function kokoroFlops(ids: number, frames: number): number {
  return 2 * kokoroMacs(ids, frames);
}
