import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { floatTensor, node, onnx } from './onnx';
import { optimizeModel } from './optimize';

/** y = Pow(Pow(Pow(x, 2 as an initializer), 2 as a Constant node), 3): two squares, one cube. */
function powModel(): Uint8Array {
  const info = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'n' }] } },
      },
    });
  const constantTwo = onnx.NodeProto.create({
    name: 'two_node',
    opType: 'Constant',
    output: ['two_const'],
    attribute: [
      onnx.AttributeProto.create({
        name: 'value',
        type: onnx.AttributeProto.AttributeType.TENSOR,
        t: floatTensor('', [], Float32Array.of(2)),
      }),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'pow',
      node: [
        constantTwo,
        node('square_a', 'Pow', ['x', 'two'], ['a']),
        node('square_b', 'Pow', ['a', 'two_const'], ['b']),
        node('cube', 'Pow', ['b', 'three'], ['y']),
      ],
      initializer: [
        floatTensor('two', [], Float32Array.of(2)),
        floatTensor('three', [1], Float32Array.of(3)),
      ],
      input: [info('x')],
      output: [info('y')],
    },
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

async function run(bytes: Uint8Array, x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return (await session.run({ x: new ort.Tensor('float32', x, [x.length]) })).y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('Pow(x, 2) → Mul(x, x)', () => {
  it('rewrites squares (initializer or Constant exponent), leaves other powers, same output', async () => {
    const original = powModel();
    const result = optimizeModel(original);
    expect(result.squares).toEqual(['square_a', 'square_b']);
    const ops = (onnx.ModelProto.decode(result.bytes).graph?.node ?? []).map((n) => n.opType);
    expect(ops.filter((o) => o === 'Pow')).toHaveLength(1);
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1.5);
    const expected = await run(original, x);
    const actual = await run(result.bytes, x);
    for (let i = 0; i < x.length; i++) {
      expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(Math.abs(expected[i]!) * 1e-6);
    }
  });

  it('can be turned off', () => {
    const original = powModel();
    const result = optimizeModel(original, { squares: false });
    expect(result.squares).toEqual([]);
    expect(result.bytes).toBe(original);
  });
});
