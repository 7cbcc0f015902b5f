import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { makeVariant, toHalf } from './quantize';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

function floatTensor(name: string, dims: number[], values: Float32Array) {
  return onnx.TensorProto.create({ name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer) });
}

/** x [1, 32, 64] → Conv (k 3, bias) → Transpose → MatMul [32, 32] (weight shared by two nodes) → y. */
function microModel(): Uint8Array {
  let state = 7;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const ints = (name: string, value: number[]) =>
    onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: value });
  const io = (name: string, dims: number[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
    });
  const w = Float32Array.from({ length: 32 * 32 * 3 }, rand);
  const m = Float32Array.from({ length: 32 * 32 }, rand);
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'micro',
      node: [
        {
          opType: 'Conv',
          input: ['x', 'w', 'b'],
          output: ['c'],
          attribute: [ints('kernel_shape', [3]), ints('pads', [1, 1])],
        },
        { opType: 'Transpose', input: ['c'], output: ['t'], attribute: [ints('perm', [0, 2, 1])] },
        { opType: 'MatMul', input: ['t', 'm'], output: ['u'] },
        { opType: 'MatMul', input: ['u', 'm'], output: ['y'] },
      ],
      initializer: [
        floatTensor('w', [32, 32, 3], w),
        floatTensor('b', [32], Float32Array.from({ length: 32 }, rand)),
        floatTensor('m', [32, 32], m),
      ],
      input: [io('x', [1, 32, 64])],
      output: [io('y', [1, 64, 32])],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

async function run(bytes: Uint8Array, x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return (await session.run({ x: new ort.Tensor('float32', x, [1, 32, 64]) })).y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('toHalf', () => {
  it('rounds float32 to IEEE half, to nearest even', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.1)).toBe(0x2e66);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toHalf(1e-9)).toBe(0);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
  });
});

describe('makeVariant', () => {
  const original = microModel();
  const x = Float32Array.from({ length: 32 * 64 }, (_, i) => Math.sin(i));

  for (const [variant, tolerance] of [
    ['q8-matmul', 0.05],
    ['q8', 0.08],
    ['fp16-weights', 0.002],
  ] as const) {
    it(`${variant}: runs on onnxruntime and stays close to fp32`, async () => {
      const made = makeVariant(original, variant);
      const expected = await run(original, x);
      const actual = await run(made.bytes, x);
      const scale = Math.max(...expected.map(Math.abs));
      const worst = Math.max(...expected.map((v, i) => Math.abs(v - actual[i]!)));
      expect(worst / scale).toBeLessThan(tolerance);
      expect(worst).toBeGreaterThan(0); // it did change the arithmetic
    });
  }

  it('quantizes a shared weight once and drops the float copies', () => {
    const made = makeVariant(original, 'q8');
    expect(made.rewritten).toEqual({ MatMul: 2, Conv: 1 });
    const names = (onnx.ModelProto.decode(made.bytes).graph?.initializer ?? []).map((t) => t.name);
    expect(names).not.toContain('m');
    expect(names).not.toContain('w');
    expect(names.filter((n) => n?.startsWith('m/q8/w'))).toHaveLength(3); // weight, zero point, scale
  });
});
