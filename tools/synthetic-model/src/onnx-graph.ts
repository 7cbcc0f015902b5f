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

type AttributeValue = number | readonly number[] | { float: number } | { string: string };

/** A float32 initializer whose bytes are produced only when the model is serialized. */
interface LazyInitializer {
  name: string;
  dims: readonly number[];
  fill: (out: Float32Array) => void;
}

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
  readonly #lazy: LazyInitializer[] = [];
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

  /**
   * A float32 initializer filled by `fill` at serialization time (large weights: they are never
   * held as JS arrays, and `chunks()` streams them one tensor at a time). Returns its name.
   */
  lazyFloat(dims: readonly number[], fill: (out: Float32Array) => void): string {
    const name = this.#fresh('weight');
    this.#lazy.push({ name, dims, fill });
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

  /**
   * The model bytes as a sequence of pieces whose concatenation is a valid ONNX ModelProto, with
   * the lazy initializers generated one at a time. Protobuf allows a message's fields in any order
   * and repeated fields to be split, so the graph (field 7) is written as its small part encoded
   * by protobufjs followed by one `initializer` field (5) per lazy tensor, each a TensorProto
   * header followed by its `raw_data` (field 9).
   */
  *chunks(options: {
    name: string;
    inputs: readonly ValueSpec[];
    outputs: readonly ValueSpec[];
    docString?: string;
  }): Generator<Uint8Array> {
    const model = onnx.ModelProto.encode(
      onnx.ModelProto.create({
        irVersion: IR_VERSION,
        opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
        producerName: '@kokoro-kit/synthetic-model',
        producerVersion: '0.1.0',
        docString: options.docString ?? '',
      }),
    ).finish();
    const graph = onnx.GraphProto.encode(
      onnx.GraphProto.create({
        name: options.name,
        node: this.#nodes,
        initializer: this.#initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      }),
    ).finish();
    const headers = this.#lazy.map((t) => {
      const header = onnx.TensorProto.encode(
        onnx.TensorProto.create({ name: t.name, dataType: DATA_TYPE.float32, dims: [...t.dims] }),
      ).finish();
      const rawLength = 4 * t.dims.reduce((a, b) => a * b, 1);
      const prefix = concat([header, Uint8Array.of(0x4a), varint(rawLength)]);
      const tensorLength = prefix.length + rawLength;
      return { prefix: concat([Uint8Array.of(0x2a), varint(tensorLength), prefix]), rawLength };
    });
    const graphLength = headers.reduce((sum, h) => sum + h.prefix.length + h.rawLength, graph.length);
    yield new Uint8Array(model);
    yield concat([Uint8Array.of(0x3a), varint(graphLength)]);
    yield new Uint8Array(graph);
    for (const [i, t] of this.#lazy.entries()) {
      yield headers[i]!.prefix;
      const values = new Float32Array(t.dims.reduce((a, b) => a * b, 1));
      t.fill(values);
      yield new Uint8Array(values.buffer);
    }
  }

  /** Number of elements in the lazy (weight) initializers. */
  lazyElementCount(): number {
    return this.#lazy.reduce((sum, t) => sum + t.dims.reduce((a, b) => a * b, 1), 0);
  }
}

function varint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
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
  if ('string' in value)
    return onnx.AttributeProto.create({
      name,
      type: AttributeType.STRING,
      s: new TextEncoder().encode(value.string),
    });
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
