import onnxProto from 'onnx-proto';

// onnx-proto is CommonJS (`module.exports = { onnx }`): Node's ESM loader exposes it only as the
// default export.
export const { onnx } = onnxProto;

export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
type AttributeProto = InstanceType<typeof onnx.AttributeProto>;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** The values of a float32 initializer, or undefined when it is not one we can read in place. */
export function floatValues(tensor: TensorProto): Float32Array | undefined {
  if (tensor.dataType !== FLOAT) return undefined;
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) return undefined;
  const count = tensor.dims.reduce((n, d) => n * Number(d), 1);
  if (tensor.rawData && tensor.rawData.length > 0) {
    if (tensor.rawData.length !== count * 4) return undefined;
    // Copy: raw bytes inside the decoded buffer are not necessarily 4-byte aligned.
    const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.length);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  if (tensor.floatData.length === count) return Float32Array.from(tensor.floatData);
  return undefined;
}

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): TensorProto {
  return onnx.TensorProto.create({
    name,
    dataType: FLOAT,
    dims: [...dims],
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  });
}

export function int64Tensor(name: string, values: readonly number[]): TensorProto {
  return onnx.TensorProto.create({
    name,
    dataType: INT64,
    dims: [values.length],
    rawData: new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer),
  });
}

export function node(
  name: string,
  opType: string,
  input: readonly string[],
  output: readonly string[],
  attributes: Record<string, number | readonly number[]> = {},
): NodeProto {
  return onnx.NodeProto.create({
    name,
    opType,
    input: [...input],
    output: [...output],
    attribute: Object.entries(attributes).map(([key, value]) =>
      typeof value === 'number'
        ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: value })
        : onnx.AttributeProto.create({
            name: key,
            type: onnx.AttributeProto.AttributeType.INTS,
            ints: [...value],
          }),
    ),
  });
}

function attributeOf(target: NodeProto, name: string): AttributeProto | undefined {
  return target.attribute.find((a) => a.name === name) as AttributeProto | undefined;
}

export function intsAttribute(target: NodeProto, name: string): number[] | undefined {
  const found = attributeOf(target, name);
  return found === undefined ? undefined : found.ints.map(Number);
}

export function intAttribute(target: NodeProto, name: string): number | undefined {
  const found = attributeOf(target, name);
  return found === undefined ? undefined : Number(found.i);
}

export function stringAttribute(target: NodeProto, name: string): string | undefined {
  const found = attributeOf(target, name);
  return found === undefined ? undefined : new TextDecoder().decode(found.s);
}

/** The default-domain opset the model imports (0 when absent). */
export function defaultOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry === undefined ? 0 : Number(entry.version);
}
