import onnxProto from 'onnx-proto';

/**
 * Quantized stand-ins for the dtype comparison (`pnpm bench:dtypes`), made the way
 * onnxruntime's `quantize_dynamic` makes the `q8` Kokoro exports (spec kokoro.md §3.6):
 * weights quantized once to 8 bits per tensor, activations quantized at run time by
 * `DynamicQuantizeLinear`, integer MatMul / Conv, then rescaled to float. Also an fp16-weights
 * variant (weights stored as float16, cast to float32 in the graph). For measurement only: these
 * change the model's arithmetic (they are not exact), so nothing else uses them.
 */
const { onnx } = onnxProto;
type ModelProto = InstanceType<typeof onnx.ModelProto>;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

const { FLOAT, FLOAT16, UINT8, INT8 } = onnx.TensorProto.DataType;

export type Variant = 'q8-matmul' | 'q8' | 'fp16-weights';

export interface VariantResult {
  bytes: Uint8Array;
  /** Nodes rewritten, by op type. */
  rewritten: Record<string, number>;
}

export function makeVariant(model: Uint8Array, variant: Variant): VariantResult {
  const proto = onnx.ModelProto.decode(model);
  const rewritten =
    variant === 'fp16-weights'
      ? storeWeightsAsFp16(proto)
      : quantizeDynamic(proto, variant === 'q8' ? ['MatMul', 'Conv'] : ['MatMul']);
  const out = onnx.ModelProto.encode(proto).finish();
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), rewritten };
}

function floats(t: TensorProto): Float32Array | undefined {
  if (t.dataType !== FLOAT || !t.rawData || t.rawData.length === 0) return undefined;
  const copy = new Uint8Array(t.rawData);
  return new Float32Array(copy.buffer, 0, copy.length / 4);
}

function tensor(name: string, dataType: number, dims: number[], raw: Uint8Array): TensorProto {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: raw });
}

function make(
  opType: string,
  input: string[],
  output: string[],
  attribute: NodeProto['attribute'] = [],
): NodeProto {
  return onnx.NodeProto.create({ opType, input, output, attribute, name: output[0] });
}

/** MatMul (B a 2-D weight) → MatMulInteger with int8 symmetric weights; Conv → ConvInteger (uint8). */
function quantizeDynamic(model: ModelProto, ops: string[]): Record<string, number> {
  const graph = model.graph!;
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name as string, t as TensorProto]));
  const counts: Record<string, number> = {};
  const nodes: NodeProto[] = [];
  // ALBERT's 12 layers share one layer's weights: quantize each weight once.
  const quantized = new Map<string, QuantizedWeight>();
  for (const n of graph.node as NodeProto[]) {
    const replaced = ops.includes(n.opType)
      ? quantizeNode(n, inits, graph.initializer as TensorProto[], quantized)
      : undefined;
    if (replaced === undefined) {
      nodes.push(n);
      continue;
    }
    counts[n.opType] = (counts[n.opType] ?? 0) + 1;
    nodes.push(...replaced);
  }
  graph.node = nodes;
  const used = new Set(nodes.flatMap((n) => n.input));
  graph.initializer = (graph.initializer ?? []).filter((t) => used.has(t.name as string));
  return counts;
}

interface QuantizedWeight {
  name: string;
  zeroPoint: string;
  scale: string;
}

function quantizeNode(
  n: NodeProto,
  inits: Map<string, TensorProto>,
  out: TensorProto[],
  quantized: Map<string, QuantizedWeight>,
): NodeProto[] | undefined {
  const w = inits.get(n.input[1]!);
  if (w === undefined || w.dataType !== FLOAT) return undefined;
  const dims = w.dims.map(Number);
  if (n.opType === 'MatMul' && dims.length !== 2) return undefined;
  if (n.opType === 'Conv' && dims.length !== 3) return undefined;
  const q = quantized.get(w.name as string) ?? quantizeWeight(w, n.opType, out);
  if (q === undefined) return undefined;
  quantized.set(w.name as string, q);
  const p = `${n.output[0]}/q8`;
  const x = n.input[0]!;
  const integerOp = n.opType === 'MatMul' ? 'MatMulInteger' : 'ConvInteger';
  const nodes = [
    make('DynamicQuantizeLinear', [x], [`${p}/x`, `${p}/x_scale`, `${p}/x_zp`]),
    make(
      integerOp,
      [`${p}/x`, q.name, `${p}/x_zp`, q.zeroPoint],
      [`${p}/y_int`],
      n.opType === 'Conv' ? n.attribute : [],
    ),
  ];
  const scale = q.scale;
  const to = onnx.AttributeProto.create({
    name: 'to',
    type: onnx.AttributeProto.AttributeType.INT,
    i: FLOAT,
  });
  nodes.push(make('Cast', [`${p}/y_int`], [`${p}/y_f`], [to]));
  nodes.push(make('Mul', [`${p}/x_scale`, scale], [`${p}/scale`]));
  const bias = n.opType === 'Conv' && n.input.length > 2 && n.input[2] ? n.input[2] : undefined;
  if (bias === undefined) {
    nodes.push(make('Mul', [`${p}/y_f`, `${p}/scale`], [n.output[0]!]));
  } else {
    const b = inits.get(bias)!;
    out.push(tensor(`${p}/bias`, FLOAT, [b.dims.map(Number)[0]!, 1], b.rawData as Uint8Array));
    nodes.push(make('Mul', [`${p}/y_f`, `${p}/scale`], [`${p}/y`]));
    nodes.push(make('Add', [`${p}/y`, `${p}/bias`], [n.output[0]!]));
  }
  return nodes;
}

/** MatMul weights: int8 symmetric (onnxruntime's default); Conv weights: uint8 asymmetric (its CPU ConvInteger). */
function quantizeWeight(w: TensorProto, opType: string, out: TensorProto[]): QuantizedWeight | undefined {
  const values = floats(w);
  if (values === undefined) return undefined;
  const dims = w.dims.map(Number);
  const p = `${w.name}/q8`;
  let scale: number;
  if (opType === 'MatMul') {
    const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    scale = max / 127;
    const q = Int8Array.from(values, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
    out.push(tensor(`${p}/w`, INT8, dims, new Uint8Array(q.buffer)));
    out.push(tensor(`${p}/w_zp`, INT8, [], Uint8Array.of(0)));
  } else {
    const min = values.reduce((m, v) => Math.min(m, v), 0);
    const max = values.reduce((m, v) => Math.max(m, v), 0);
    scale = (max - min) / 255 || 1;
    const zp = Math.round(-min / scale);
    const q = Uint8Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v / scale) + zp)));
    out.push(tensor(`${p}/w`, UINT8, dims, q));
    out.push(tensor(`${p}/w_zp`, UINT8, [], Uint8Array.of(zp)));
  }
  out.push(tensor(`${p}/w_scale`, FLOAT, [], new Uint8Array(Float32Array.of(scale).buffer)));
  return { name: `${p}/w`, zeroPoint: `${p}/w_zp`, scale: `${p}/w_scale` };
}

/** Every float initializer of ≥ 1,024 values stored as float16 and cast back to float32 in the graph. */
function storeWeightsAsFp16(model: ModelProto): Record<string, number> {
  const graph = model.graph!;
  const casts: NodeProto[] = [];
  let count = 0;
  const to = onnx.AttributeProto.create({
    name: 'to',
    type: onnx.AttributeProto.AttributeType.INT,
    i: FLOAT,
  });
  for (const t of graph.initializer as TensorProto[]) {
    const values = floats(t);
    if (values === undefined || values.length < 1024) continue;
    const half = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) half[i] = toHalf(values[i]!);
    const name = t.name as string;
    t.name = `${name}/fp16`;
    t.dataType = FLOAT16;
    t.rawData = new Uint8Array(half.buffer);
    casts.push(make('Cast', [t.name], [name], [to]));
    count++;
  }
  graph.node = [...casts, ...(graph.node as NodeProto[])];
  return { Cast: count };
}

/** float32 → IEEE half, round to nearest even (finite inputs; overflow to ±Inf). */
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

export function toHalf(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    const half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && half & 1) ? 1 : 0));
  }
  const half = (exponent << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}
