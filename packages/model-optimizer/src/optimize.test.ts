import { KokoroError } from '@kokoro-kit/core';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { floatTensor, node, onnx } from './onnx';
import { optimizeModel } from './optimize';

interface ConvCase {
  cin: number;
  cout: number;
  kernel: number;
  dilation?: number;
  pads?: [number, number];
  bias?: boolean;
  group?: number;
  stride?: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** x [1, Cin, L] → Conv → Relu → y: the Relu checks that the rewritten output feeds on correctly. */
function convModel(c: ConvCase, seed = 1): Uint8Array {
  const rand = random(seed);
  const group = c.group ?? 1;
  const dilation = c.dilation ?? 1;
  const pad = (dilation * (c.kernel - 1)) / 2;
  const weight = Float32Array.from({ length: c.cout * (c.cin / group) * c.kernel }, () => rand() * 0.2);
  const initializer = [floatTensor('w', [c.cout, c.cin / group, c.kernel], weight)];
  const inputs = ['x', 'w'];
  if (c.bias !== false) {
    initializer.push(floatTensor('b', [c.cout], Float32Array.from({ length: c.cout }, rand)));
    inputs.push('b');
  }
  const conv = node('conv', 'Conv', inputs, ['conv_out'], {
    kernel_shape: [c.kernel],
    dilations: [dilation],
    pads: c.pads ?? [pad, pad],
    strides: [c.stride ?? 1],
    group,
  });
  const valueInfo = (name: string, channels: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: [{ dimValue: 1 }, { dimValue: channels }, { dimParam: 'L' }] },
        },
      },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'conv',
      node: [conv, node('relu', 'Relu', ['conv_out'], ['y'])],
      initializer,
      input: [valueInfo('x', c.cin)],
      output: [valueInfo('y', c.cout)],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

async function run(bytes: Uint8Array, x: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x, dims) });
    return out.y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function relativeError(expected: Float32Array, actual: Float32Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(expected[i]! - actual[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return worst / scale;
}

const everyConv = { spectralConv: { minChannels: 1, minSpeedup: 0 } };

describe('optimizeModel on onnxruntime', () => {
  const cases: [string, ConvCase][] = [
    ['k11, 16 channels', { cin: 16, cout: 16, kernel: 11 }],
    ['k7, dilation 5, no bias', { cin: 8, cout: 8, kernel: 7, dilation: 5, bias: false }],
    ['k7, more outputs than inputs', { cin: 4, cout: 12, kernel: 7, dilation: 3 }],
    ['k5, unpadded (shorter output)', { cin: 6, cout: 6, kernel: 5, pads: [0, 0] }],
    ['k9, asymmetric padding', { cin: 6, cout: 5, kernel: 9, pads: [7, 2] }],
  ];
  for (const [name, c] of cases) {
    it(`gives the direct convolution's output: ${name}`, async () => {
      const original = convModel(c);
      const result = optimizeModel(original, everyConv);
      expect(result.rewrites).toHaveLength(1);
      expect(result.rewrites[0]).toMatchObject({ node: 'conv', inChannels: c.cin, outChannels: c.cout });
      // Lengths around block boundaries and one shorter than a block (when the conv accepts it).
      const span = (c.dilation ?? 1) * (c.kernel - 1) + 1;
      const pads = c.pads ?? [span >> 1, span >> 1];
      for (const length of [3, 97, 1000, 1001].filter((l) => l + pads[0] + pads[1] >= span)) {
        const rand = random(length);
        const x = Float32Array.from({ length: c.cin * length }, rand);
        const expected = await run(original, x, [1, c.cin, length]);
        const actual = await run(result.bytes, x, [1, c.cin, length]);
        expect(actual.length).toBe(expected.length);
        expect(relativeError(expected, actual)).toBeLessThan(2e-6);
      }
    });
  }

  it('drops the direct kernel and bias, adds the spectra', () => {
    const result = optimizeModel(convModel({ cin: 16, cout: 16, kernel: 11 }), everyConv);
    const names = (onnx.ModelProto.decode(result.bytes).graph?.initializer ?? []).map((t) => t.name ?? '');
    expect(names).not.toContain('w');
    expect(names).not.toContain('b');
    expect(names.some((n) => n.endsWith('kernel_spectra'))).toBe(true);
    expect(result.extraBytes).toBe(result.rewrites[0]!.extraBytes);
  });

  it('fails loudly, not silently, on a batch of two', async () => {
    const result = optimizeModel(convModel({ cin: 4, cout: 4, kernel: 7 }), everyConv);
    const x = new Float32Array(2 * 4 * 50);
    await expect(run(result.bytes, x, [2, 4, 50])).rejects.toThrow();
  });

  it('leaves grouped, strided, short-kernel and narrow convolutions alone', () => {
    for (const c of [
      { cin: 16, cout: 16, kernel: 11, group: 2 },
      { cin: 16, cout: 16, kernel: 11, stride: 2 },
      { cin: 256, cout: 256, kernel: 3 },
    ]) {
      const bytes = convModel(c);
      const result = optimizeModel(bytes, { spectralConv: { minChannels: 1 } });
      expect(result.rewrites).toEqual([]);
      expect(result.bytes).toBe(bytes);
    }
    const narrow = convModel({ cin: 16, cout: 16, kernel: 11 });
    expect(optimizeModel(narrow).rewrites).toEqual([]);
    expect(optimizeModel(narrow, { spectralConv: { minChannels: 1, maxChannels: 8 } }).rewrites).toEqual([]);
    expect(optimizeModel(narrow, { spectralConv: false }).bytes).toBe(narrow);
  });

  it('keeps within a byte budget, best first', () => {
    const bytes = convModel({ cin: 32, cout: 32, kernel: 11 });
    const all = optimizeModel(bytes, everyConv);
    expect(all.extraBytes).toBeGreaterThan(0);
    expect(
      optimizeModel(bytes, { spectralConv: { ...everyConv.spectralConv, maxExtraBytes: all.extraBytes - 1 } })
        .rewrites,
    ).toEqual([]);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => optimizeModel(Uint8Array.of(0xff, 0xff, 0xff))).toThrow(KokoroError);
    expect(() => optimizeModel('model.onnx' as unknown as Uint8Array)).toThrow(/bytes/);
    expect(() => optimizeModel(new Uint8Array(), { spectralConv: { minSpeedup: -1 } })).toThrow(/minSpeedup/);
  });
});
