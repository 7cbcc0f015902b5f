import onnxProto from 'onnx-proto';

// onnx-proto is CommonJS (`module.exports = { onnx }`); Node's ESM loader only exposes it as the
// default export, so named imports would fail at run time.
const { onnx } = onnxProto;

/** The ONNX element types the synthetic graphs use. */
export type ElementType = 'float32' | 'int32' | 'int64' | 'bool';

const DATA_TYPE: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

/** A dimension: a fixed size or a symbolic name (`dim_param`). */
export type Dim = number | string;

export interface ValueSpec {
  name: string;
  type: ElementType;
  shape: readonly Dim[];
}

type AttributeValue = number | readonly number[] | { float: number };

/** ONNX IR version 8 pairs with opsets ≤ 18; onnxruntime 1.30 runs both. */
export const IR_VERSION = 8;
export const OPSET = 17;

/**
 * A tiny, append-only ONNX graph builder. Node and tensor names come from a counter, so the same
 * sequence of calls always yields the same bytes.
 */
export class GraphBuilder {
  readonly #nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly #initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  #counter = 0;

  #fresh(prefix: string): string {
    this.#counter += 1;
    return `${prefix}_${this.#counter}`;
  }

  /** A constant tensor (stored as raw little-endian bytes); returns its name. */
  constant(
    type: ElementType,
    values: readonly number[] | Float32Array,
    dims: readonly number[] = [values.length],
  ): string {
    const name = this.#fresh('const');
    this.#initializers.push(
      onnx.TensorProto.create({
        name,
        dataType: DATA_TYPE[type],
        dims: [...dims],
        rawData: rawBytes(type, values),
      }),
    );
    return name;
  }

  /** A 0-d constant. */
  scalar(type: ElementType, value: number): string {
    return this.constant(type, [value], []);
  }

  /** Appends one node; returns the names of its outputs (fresh unless given). */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    outputs: readonly string[] = [this.#fresh(opType.toLowerCase())],
  ): string[] {
    this.#nodes.push(
      onnx.NodeProto.create({
        name: this.#fresh(`node_${opType}`),
        opType,
        input: [...inputs],
        output: [...outputs],
        attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
      }),
    );
    return [...outputs];
  }

  /** Appends a one-output node and returns that output's name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
    output?: string,
  ): string {
    const [name] = this.node(opType, inputs, attributes, output === undefined ? undefined : [output]);
    return name!;
  }

  /** Serializes the graph to ONNX model bytes. */
  build(options: {
    name: string;
    inputs: readonly ValueSpec[];
    outputs: readonly ValueSpec[];
    docString?: string;
  }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
      producerName: '@kokoro-kit/synthetic-model',
      producerVersion: '0.1.0',
      docString: options.docString ?? '',
      graph: onnx.GraphProto.create({
        name: options.name,
        node: this.#nodes,
        initializer: this.#initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      }),
    });
    // protobufjs returns a Node Buffer in Node; callers get a plain Uint8Array everywhere.
    return new Uint8Array(onnx.ModelProto.encode(model).finish());
  }
}

function rawBytes(type: ElementType, values: readonly number[] | Float32Array): Uint8Array {
  switch (type) {
    case 'float32':
      return new Uint8Array(Float32Array.from(values).buffer);
    case 'int32':
      return new Uint8Array(Int32Array.from(values).buffer);
    case 'int64':
      return new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer);
    case 'bool':
      return Uint8Array.from(values, (v) => (v ? 1 : 0));
  }
}

function attribute(name: string, value: AttributeValue): InstanceType<typeof onnx.AttributeProto> {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'number')
    return onnx.AttributeProto.create({ name, type: AttributeType.INT, i: value });
  if ('float' in value)
    return onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: value.float });
  return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: [...value] });
}

function valueInfo(spec: ValueSpec): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name: spec.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: DATA_TYPE[spec.type],
        shape: onnx.TensorShapeProto.create({
          dim: spec.shape.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}
