import { GraphBuilder, type ValueSpec } from './onnx-graph';
import { fillUniform } from './prng';
import type { TinyModelSpec } from './tiny';

/**
 * Kokoro-82M v1.0's graph (spec §5.1 hyperparameters, §5.2 forward pass) with pseudo-random
 * weights. Module names in comments follow `kokoro/model.py`, `modules.py` and `istftnet.py`.
 * Weight norm is folded (one weight per conv, as in the ONNX exports), ALBERT's unused pooler is
 * left out, and the vocoder's random harmonic phases and noise are left out (so the model is
 * deterministic); none of these changes the graph's cost by more than a fraction of a percent.
 */

/**
 * Bias of `duration_proj`, calibrated so `Σ sigmoid(logits)` averages about 3 frames (75 ms) per
 * id, as in real speech: measured on this graph with four English sentences (misaki phonemes)
 * and six real voices, 3.03 frames per id (per voice 2.5–3.4, per id 1–7). Untrained weights
 * with a zero bias give Σ ≈ 25 (50 bins × ½). See full.test.ts.
 */
export const FULL_DURATION_BIAS = -2.8;
/** Gain of `duration_proj`'s shared direction, so durations vary with the ids (1 to ~7 frames). */
const DURATION_GAIN = 4;
/**
 * Gain of the DurationEncoder's AdaLayerNorm style projections: at full gain untrained weights let
 * the voice, not the text, decide the pace (one voice 1 frame per id, another 13).
 */
const STYLE_GAIN = 0.3;
/** Gain of ALBERT's attention-output and FFN-output projections (see the layer below). */
const RESIDUAL_GAIN = 0.25;
/** `F0_proj`'s bias: a speaking pitch in Hz, so the harmonic source is voiced (F0 > 10 Hz). */
const F0_BIAS = 150;

const TOKENS = 'num_tokens';
const SAMPLES = 'num_samples';

/** The full graph's ONNX pieces (see `GraphBuilder.chunks`) and its learned parameter count. */
export interface FullModel {
  chunks: () => Generator<Uint8Array>;
  parameterCount: number;
}

export function buildFullModel(spec: TinyModelSpec): FullModel {
  const g = new GraphBuilder();
  let seed = 0;
  const f = (v: number) => g.scalar('float32', v);
  const two = f(2);
  const i64s = (...v: number[]) => g.constant('int64', v);
  /** A learned weight, uniform with the given standard deviation around `offset`. */
  const weight = (dims: number[], std: number, offset = 0) => {
    const s = ++seed;
    return g.lazyFloat(dims, (out) => fillUniform(out, s, std * Math.sqrt(3), offset));
  };
  const op = (type: string, inputs: string[], attrs: Parameters<GraphBuilder['op']>[2] = {}) =>
    g.op(type, inputs, attrs);
  const slice = (x: string, from: number, to: number, axis: number) =>
    op('Slice', [x, i64s(from), i64s(to), i64s(axis)]);
  const transpose = (x: string, perm: number[]) => op('Transpose', [x], { perm });
  const reshape = (x: string, ...shape: number[]) => op('Reshape', [x, i64s(...shape)]);
  const leaky = (x: string, alpha: number) => op('LeakyRelu', [x], { alpha: { float: alpha } });

  /** Linear(in → out) on the last axis. */
  const linear = (x: string, inF: number, outF: number, gain = 1, bias?: string) =>
    op('Add', [op('MatMul', [x, weight([inF, outF], gain / Math.sqrt(inF))]), bias ?? weight([outF], 0.02)]);

  interface ConvOptions {
    stride?: number;
    pad?: number;
    dilation?: number;
    bias?: boolean;
    gain?: number;
    biasOffset?: number;
  }
  /** Conv1d on [1, C, L]; weight norm folded. */
  const conv = (x: string, cin: number, cout: number, k: number, o: ConvOptions = {}) => {
    const d = o.dilation ?? 1;
    const pad = o.pad ?? (d * (k - 1)) / 2;
    const inputs = [x, weight([cout, cin, k], (o.gain ?? 1) / Math.sqrt(cin * k))];
    if (o.bias !== false) inputs.push(weight([cout], 0.02, o.biasOffset ?? 0));
    return op('Conv', inputs, {
      kernel_shape: [k],
      strides: [o.stride ?? 1],
      pads: [pad, pad],
      dilations: [d],
    });
  };
  const convTranspose = (
    x: string,
    cin: number,
    cout: number,
    k: number,
    stride: number,
    pad: number,
    extra: { group?: number; outputPadding?: number } = {},
  ) => {
    const group = extra.group ?? 1;
    return op(
      'ConvTranspose',
      [x, weight([cin, cout / group, k], 1 / Math.sqrt((cin / group) * k)), weight([cout], 0.02)],
      {
        kernel_shape: [k],
        strides: [stride],
        pads: [pad, pad],
        group,
        output_padding: [extra.outputPadding ?? 0],
      },
    );
  };

  /** Bidirectional LSTM(in → 2 × hidden) on a batch-1 sequence; x and result are [seq, 1, C]. */
  const biLstm = (x: string, inF: number, hidden: number) => {
    const std = 1 / Math.sqrt(hidden) / Math.sqrt(3); // PyTorch: U(−1/√H, 1/√H)
    const y = op(
      'LSTM',
      [
        x,
        weight([2, 4 * hidden, inF], std),
        weight([2, 4 * hidden, hidden], std),
        weight([2, 8 * hidden], std),
      ],
      { direction: { string: 'bidirectional' }, hidden_size: hidden },
    );
    // Y is [seq, 2, 1, hidden] → [seq, 1, 2, hidden] → [seq, 1, 2·hidden].
    return reshape(transpose(y, [0, 2, 1, 3]), 0, 1, 2 * hidden);
  };

  /** AdaIN1d: (1 + γ(s)) · InstanceNorm(x) + β(s), with the export's affine instance norm. */
  const adain = (x: string, s: string, channels: number) => {
    const h = reshape(linear(s, 128, 2 * channels), 1, 2 * channels, 1);
    const norm = op('InstanceNormalization', [x, weight([channels], 0.02, 1), weight([channels], 0.02)], {
      epsilon: { float: 1e-5 },
    });
    const gamma = op('Add', [slice(h, 0, channels, 1), f(1)]);
    return op('Add', [op('Mul', [norm, gamma]), slice(h, channels, 2 * channels, 1)]);
  };

  /** Nearest ×2 upsampling along the last axis of [1, C, L]. */
  const upsample2 = (x: string, channels: number) =>
    reshape(op('Expand', [op('Unsqueeze', [x, i64s(3)]), i64s(1, 1, 1, 2)]), 1, channels, -1);

  /** AdainResBlk1d (istftnet.py). */
  const adainResBlk = (x: string, s: string, cin: number, cout: number, up = false) => {
    let shortcut = up ? upsample2(x, cin) : x;
    if (cin !== cout) {
      shortcut = op('Conv', [shortcut, weight([cout, cin, 1], 1 / Math.sqrt(cin))], { kernel_shape: [1] });
    }
    let r = leaky(adain(x, s, cin), 0.2);
    if (up) r = convTranspose(r, cin, cin, 3, 2, 1, { group: cin, outputPadding: 1 });
    r = conv(r, cin, cout, 3);
    r = leaky(adain(r, s, cout), 0.2);
    r = conv(r, cout, cout, 3);
    return op('Mul', [op('Add', [r, shortcut]), f(Math.SQRT1_2)]);
  };

  /**
   * Snake: x + sin²(αx) / α, α learned per channel — written as torch.onnx exports istftnet.py's
   * `xt + (1 / a) * (torch.sin(a * xt) ** 2)`: `Pow(·, 2)` for the square and `1 / a` as a
   * reciprocal of the parameter (folded to a constant at load; an exporter folds it in the file).
   */
  const snake = (x: string, channels: number) => {
    const alpha = weight([1, channels, 1], 0.05, 1);
    const square = op('Pow', [op('Sin', [op('Mul', [alpha, x])]), two]);
    return op('Add', [x, op('Mul', [op('Reciprocal', [alpha]), square])]);
  };

  /** AdaINResBlock1 (istftnet.py): three dilated conv pairs with AdaIN and Snake. */
  const adainResBlock1 = (x: string, s: string, channels: number, k: number) => {
    let out = x;
    for (const d of [1, 3, 5]) {
      let t = snake(adain(out, s, channels), channels);
      t = conv(t, channels, channels, k, { dilation: d });
      t = snake(adain(t, s, channels), channels);
      t = conv(t, channels, channels, k);
      out = op('Add', [t, out]);
    }
    return out;
  };

  // ---- Inputs -----------------------------------------------------------------------------
  // Negative ids would wrap around in Gather; map them out of range so they fail as in Kokoro.
  const ids = op('Where', [
    op('Less', [spec.ids, g.scalar('int64', 0)]),
    g.scalar('int64', 1_000_000),
    spec.ids,
  ]);
  const numTokens = op('Shape', [spec.ids], { start: 1, end: 2 });
  const sDecoder = slice(spec.style, 0, 128, 1); // [1, 128] timbre half (§1.5)
  const sProsody = slice(spec.style, 128, 256, 1); // [1, 128] prosody half
  const speed = spec.speedDtype === 'int32' ? op('Cast', [spec.speed], { to: 1 }) : spec.speed;

  // ---- bert: ALBERT, 12 layers sharing one layer's weights ----------------------------------
  const word = op('Gather', [weight([178, 128], 0.02), ids], { axis: 0 }); // [1, T, 128]
  const position = op('Slice', [weight([512, 128], 0.02), i64s(0), numTokens, i64s(0)]);
  const tokenType = op('Gather', [weight([2, 128], 0.02), g.scalar('int64', 0)], { axis: 0 });
  let h = op(
    'LayerNormalization',
    [op('Add', [op('Add', [word, position]), tokenType]), weight([128], 0.02, 1), weight([128], 0.02)],
    {
      axis: -1,
      epsilon: { float: 1e-12 },
    },
  );
  h = linear(h, 128, 768); // embedding_hidden_mapping_in
  const layer = {
    q: [weight([768, 768], 1 / Math.sqrt(768)), weight([768], 0.02)],
    k: [weight([768, 768], 1 / Math.sqrt(768)), weight([768], 0.02)],
    v: [weight([768, 768], 1 / Math.sqrt(768)), weight([768], 0.02)],
    // Small output gains keep each token's identity in the residual stream through the 12 shared
    // layers (untrained attention averages tokens together; trained ALBERT does not).
    dense: [weight([768, 768], RESIDUAL_GAIN / Math.sqrt(768)), weight([768], 0.02)],
    ln1: [weight([768], 0.02, 1), weight([768], 0.02)],
    ffn: [weight([768, 2048], 1 / Math.sqrt(768)), weight([2048], 0.02)],
    ffnOut: [weight([2048, 768], RESIDUAL_GAIN / Math.sqrt(2048)), weight([768], 0.02)],
    ln2: [weight([768], 0.02, 1), weight([768], 0.02)],
  };
  const shared = (x: string, [w, b]: string[]) => op('Add', [op('MatMul', [x, w!]), b!]);
  const heads = (x: string) => transpose(reshape(x, 0, -1, 12, 64), [0, 2, 1, 3]); // [1, 12, T, 64]
  for (let i = 0; i < 12; i++) {
    const q = heads(shared(h, layer.q));
    const kT = transpose(reshape(shared(h, layer.k), 0, -1, 12, 64), [0, 2, 3, 1]); // [1, 12, 64, T]
    const v = heads(shared(h, layer.v));
    const scores = op('Softmax', [op('Mul', [op('MatMul', [q, kT]), f(1 / 8)])], { axis: -1 });
    const context = reshape(transpose(op('MatMul', [scores, v]), [0, 2, 1, 3]), 0, -1, 768);
    const attention = op('LayerNormalization', [op('Add', [h, shared(context, layer.dense)]), ...layer.ln1], {
      axis: -1,
      epsilon: { float: 1e-12 },
    });
    // gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const x = shared(attention, layer.ffn);
    const inner = op('Mul', [
      op('Add', [x, op('Mul', [op('Mul', [op('Mul', [x, x]), x]), f(0.044715)])]),
      f(Math.sqrt(2 / Math.PI)),
    ]);
    const gelu = op('Mul', [op('Mul', [x, f(0.5)]), op('Add', [op('Tanh', [inner]), f(1)])]);
    h = op('LayerNormalization', [op('Add', [shared(gelu, layer.ffnOut), attention]), ...layer.ln2], {
      axis: -1,
      epsilon: { float: 1e-12 },
    });
  }
  const dEn = linear(h, 768, 512); // bert_encoder → [1, T, 512]

  // ---- predictor.text_encoder: DurationEncoder, 3 × (BiLSTM, AdaLayerNorm) -------------------
  const styleSeq = op('Expand', [
    reshape(sProsody, 1, 1, 128),
    op('Concat', [i64s(1), numTokens, i64s(128)], { axis: 0 }),
  ]);
  const ones512 = g.constant('float32', new Float32Array(512).fill(1));
  const zeros512 = g.constant('float32', new Float32Array(512));
  let d = op('Concat', [dEn, styleSeq], { axis: -1 }); // [1, T, 640]
  for (let i = 0; i < 3; i++) {
    // Batch 1: [1, T, C] and [T, 1, C] are the same bytes, so the LSTM needs only a Reshape.
    const y = reshape(biLstm(reshape(d, -1, 1, 640), 640, 256), 1, -1, 512);
    const ada = reshape(linear(sProsody, 128, 1024, STYLE_GAIN), 1, 1, 1024);
    const norm = op('LayerNormalization', [y, ones512, zeros512], { axis: -1, epsilon: { float: 1e-5 } });
    const x = op('Add', [
      op('Mul', [norm, op('Add', [slice(ada, 0, 512, 2), f(1)])]),
      slice(ada, 512, 1024, 2),
    ]);
    d = op('Concat', [x, styleSeq], { axis: -1 });
  }

  // ---- durations: lstm, duration_proj, Σ sigmoid / speed, round, ≥ 1 (§11) -------------------
  const lstmOut = reshape(biLstm(reshape(d, -1, 1, 640), 640, 256), 1, -1, 512);
  // duration_proj's weights share one direction across the 50 bins (plus noise), so a token's
  // bins move together and Σ sigmoid varies with the token instead of averaging out.
  const durationSeed = ++seed;
  const durationWeight = g.lazyFloat([512, 50], (out) => {
    const common = new Float32Array(512);
    fillUniform(common, durationSeed, Math.sqrt(3) * (DURATION_GAIN / Math.sqrt(512)));
    fillUniform(out, durationSeed + 1_000_003, Math.sqrt(3) / Math.sqrt(512));
    for (let i = 0; i < out.length; i++) out[i]! += common[Math.floor(i / 50)]!;
  });
  const logits = op('Add', [op('MatMul', [lstmOut, durationWeight]), weight([50], 0.1, FULL_DURATION_BIAS)]);
  const raw = op('Div', [op('ReduceSum', [op('Sigmoid', [logits]), i64s(-1)], { keepdims: 0 }), speed]);
  const durations = op('Max', [op('Round', [raw]), f(1)]); // [1, T]
  const frames = op('Cast', [reshape(durations, -1)], { to: 7 }); // int64 [T]

  const outputs: ValueSpec[] = [{ name: spec.waveform, type: 'float32', shape: [SAMPLES] }];
  if (spec.durations?.type === 'float32') {
    g.op('Identity', [durations], {}, spec.durations.name);
    outputs.push({ name: spec.durations.name, type: 'float32', shape: [1, TOKENS] });
  } else if (spec.durations?.type === 'int64') {
    g.op('Identity', [frames], {}, spec.durations.name);
    outputs.push({ name: spec.durations.name, type: 'int64', shape: [TOKENS] });
  }

  // ---- alignment: one-hot [T, L], token i repeated durations[i] times -------------------------
  const ends = op('CumSum', [frames, g.scalar('int64', 0)]);
  const total = op('ReduceSum', [frames], { keepdims: 0 });
  const frameIndex = op('Unsqueeze', [
    op('Range', [g.scalar('int64', 0), total, g.scalar('int64', 1)]),
    i64s(1),
  ]);
  const tokenOfFrame = op(
    'ReduceSum',
    [op('Cast', [op('GreaterOrEqual', [frameIndex, op('Unsqueeze', [ends, i64s(0)])])], { to: 7 }), i64s(1)],
    {
      keepdims: 0,
    },
  );
  const tokenIndex = op('Unsqueeze', [
    op('Range', [g.scalar('int64', 0), op('Squeeze', [numTokens, i64s(0)]), g.scalar('int64', 1)]),
    i64s(1),
  ]);
  const alignment = op('Cast', [op('Equal', [tokenIndex, op('Unsqueeze', [tokenOfFrame, i64s(0)])])], {
    to: 1,
  }); // [T, L]
  const en = op('MatMul', [transpose(d, [0, 2, 1]), alignment]); // [1, 640, L]

  // ---- predictor.F0Ntrain: shared BiLSTM, F0 and N AdaIN residual stacks ----------------------
  const sharedOut = transpose(biLstm(transpose(en, [2, 0, 1]), 640, 256), [1, 2, 0]); // [1, 512, L]
  const curve = (biasOffset: number) => {
    let x = adainResBlk(sharedOut, sProsody, 512, 512);
    x = adainResBlk(x, sProsody, 512, 256, true);
    x = adainResBlk(x, sProsody, 256, 256);
    return conv(x, 256, 1, 1, { biasOffset }); // [1, 1, 2L]
  };
  const f0 = curve(F0_BIAS);
  const energy = curve(0);

  // ---- text_encoder: embedding, 3 × (conv k5, LayerNorm, LeakyReLU 0.2), BiLSTM --------------
  let t = transpose(op('Gather', [weight([178, 512], 1), ids], { axis: 0 }), [0, 2, 1]); // [1, 512, T]
  for (let i = 0; i < 3; i++) {
    const c = transpose(conv(t, 512, 512, 5), [0, 2, 1]);
    const n = op('LayerNormalization', [c, weight([512], 0.02, 1), weight([512], 0.02)], {
      axis: -1,
      epsilon: { float: 1e-5 },
    });
    t = transpose(leaky(n, 0.2), [0, 2, 1]);
  }
  const tEn = transpose(biLstm(transpose(t, [2, 0, 1]), 512, 256), [1, 2, 0]); // [1, 512, T]
  const asr = op('MatMul', [tEn, alignment]); // [1, 512, L]

  // ---- decoder ----------------------------------------------------------------------------------
  const f0Down = conv(f0, 1, 1, 3, { stride: 2, pad: 1 }); // [1, 1, L]
  const nDown = conv(energy, 1, 1, 3, { stride: 2, pad: 1 });
  let x = adainResBlk(op('Concat', [asr, f0Down, nDown], { axis: 1 }), sDecoder, 514, 1024); // encode
  const asrRes = conv(asr, 512, 64, 1);
  for (let i = 0; i < 4; i++) {
    const input = op('Concat', [x, asrRes, f0Down, nDown], { axis: 1 }); // 1090 channels
    x = i < 3 ? adainResBlk(input, sDecoder, 1090, 1024) : adainResBlk(input, sDecoder, 1090, 512, true);
  }

  // ---- generator: harmonic-plus-noise source (SourceModuleHnNSF, 9 harmonics) ----------------
  const harmonicsK = g.constant('float32', [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 9, 1]);
  const rad = op('Mod', [op('Div', [op('Mul', [f0, harmonicsK]), f(24000)]), f(1)], { fmod: 1 }); // [1, 9, 2L]
  const phase = op('Mul', [op('CumSum', [rad, g.scalar('int64', 2)]), f(2 * Math.PI * 300)]);
  const phaseUp = op('Resize', [reshape(phase, 1, 9, 1, -1), '', g.constant('float32', [1, 1, 1, 300])], {
    mode: { string: 'linear' },
  }); // [1, 9, 1, 600L]
  const voiced = op('Cast', [op('Greater', [f0, f(10)])], { to: 1 }); // [1, 1, 2L]
  const voicedUp = reshape(op('Expand', [op('Unsqueeze', [voiced, i64s(3)]), i64s(1, 1, 1, 300)]), 1, 1, -1);
  const sines = op('Mul', [op('Mul', [reshape(op('Sin', [phaseUp]), 1, 9, -1), f(0.1)]), voicedUp]);
  const source = op('Tanh', [linear(transpose(sines, [0, 2, 1]), 9, 1)]); // [1, 600L, 1]

  // Forward STFT (n_fft 20, hop 5, periodic Hann, centred with reflection) as a Conv1d.
  const nFft = 20;
  const hann = Array.from({ length: nFft }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / nFft));
  const forwardKernel = new Float32Array(22 * nFft);
  const inverseKernel = new Float32Array(22 * nFft);
  for (let k = 0; k <= 10; k++) {
    const weightK = (k === 0 || k === 10 ? 1 : 2) / (nFft * 1.5); // irfft weights ÷ Σ hann² overlap
    for (let n = 0; n < nFft; n++) {
      const angle = (2 * Math.PI * k * n) / nFft;
      forwardKernel[k * nFft + n] = Math.cos(angle) * hann[n]!;
      forwardKernel[(11 + k) * nFft + n] = -Math.sin(angle) * hann[n]!;
      inverseKernel[k * nFft + n] = weightK * Math.cos(angle) * hann[n]!;
      inverseKernel[(11 + k) * nFft + n] = -weightK * Math.sin(angle) * hann[n]!;
    }
  }
  const padded = op('Pad', [reshape(source, 1, 1, -1), i64s(0, 0, 10, 0, 0, 10)], {
    mode: { string: 'reflect' },
  });
  const spectrum = op('Conv', [padded, g.constant('float32', forwardKernel, [22, 1, nFft])], {
    kernel_shape: [nFft],
    strides: [5],
  }); // [1, 22, 120L + 1]
  const re = slice(spectrum, 0, 11, 1);
  const im = slice(spectrum, 11, 22, 1);
  const magnitude = op('Sqrt', [
    op('Add', [op('Add', [op('Mul', [re, re]), op('Mul', [im, im])]), f(1e-14)]),
  ]);
  // atan2(im, re) = 2·atan(im / (|z| + re)); the ε keeps the negative real axis finite.
  const angle = op('Mul', [
    op('Atan', [op('Div', [im, op('Add', [op('Add', [magnitude, re]), f(1e-9)])])]),
    f(2),
  ]);
  const harmonic = op('Concat', [magnitude, angle], { axis: 1 }); // [1, 22, 120L + 1]

  // ---- generator: upsampling 10 × 6, MRF resblocks 3/7/11, noise branch ---------------------
  const stages = [
    { cin: 512, cout: 256, rate: 10, kernel: 20 },
    { cin: 256, cout: 128, rate: 6, kernel: 12 },
  ];
  for (const [i, stage] of stages.entries()) {
    x = leaky(x, 0.1);
    let xSource =
      i === 0
        ? conv(harmonic, 22, stage.cout, 12, { stride: 6, pad: 3 }) // noise_convs[0]
        : conv(harmonic, 22, stage.cout, 1); // noise_convs[1]
    xSource = adainResBlock1(xSource, sDecoder, stage.cout, i === 0 ? 7 : 11); // noise_res
    x = convTranspose(x, stage.cin, stage.cout, stage.kernel, stage.rate, (stage.kernel - stage.rate) / 2);
    if (i === stages.length - 1) {
      x = op('Pad', [x, i64s(0, 0, 1, 0, 0, 0)], { mode: { string: 'reflect' } }); // reflection_pad (1, 0)
    }
    x = op('Add', [x, xSource]);
    const branches = [3, 7, 11].map((k) => adainResBlock1(x, sDecoder, stage.cout, k));
    x = op('Mul', [op('Sum', branches), f(1 / 3)]);
  }
  x = conv(leaky(x, 0.01), 128, 22, 7, { gain: 0.1 }); // conv_post → [1, 22, 120L + 1]
  const magnitudeOut = op('Exp', [slice(x, 0, 11, 1)]);
  const phaseOut = op('Sin', [slice(x, 11, 22, 1)]);
  const stft = op(
    'Concat',
    [op('Mul', [magnitudeOut, op('Cos', [phaseOut])]), op('Mul', [magnitudeOut, op('Sin', [phaseOut])])],
    {
      axis: 1,
    },
  );
  // Inverse STFT as a ConvTranspose1d (length 5·(F − 1) + 20), trimmed n_fft / 2 at both ends.
  const wave = op('ConvTranspose', [stft, g.constant('float32', inverseKernel, [22, 1, nFft])], {
    kernel_shape: [nFft],
    strides: [5],
  });
  g.op('Reshape', [op('Slice', [wave, i64s(10), i64s(-10), i64s(2)]), i64s(-1)], {}, spec.waveform);

  const build = {
    name: 'kokoro_synthetic_full',
    docString:
      'kokoro-kit synthetic stand-in with the Kokoro-82M v1.0 architecture and pseudo-random weights. ' +
      'It produces noise-like sound, not speech; use it to measure speed, never quality.',
    inputs: [
      { name: spec.ids, type: 'int64' as const, shape: [1, TOKENS] },
      { name: spec.style, type: 'float32' as const, shape: [1, 256] },
      { name: spec.speed, type: spec.speedDtype, shape: [1] },
    ],
    outputs,
  };
  return { chunks: () => g.chunks(build), parameterCount: g.lazyElementCount() };
}
