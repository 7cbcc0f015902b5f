import { InvalidArgumentError, ModelError } from '@kokoro-kit/core';
import {
  defaultOpset,
  floatTensor,
  floatValues,
  type GraphProto,
  int64Tensor,
  intAttribute,
  intsAttribute,
  type ModelProto,
  type NodeProto,
  node,
  onnx,
  stringAttribute,
  type TensorProto,
} from './onnx';
import {
  type ConvShape,
  framingFilters,
  inverseRows,
  kernelSpectra,
  planSpectralConv,
  type SpectralPlan,
} from './spectral-conv';
import { rewriteSquares } from './square';

/** Bumped whenever the rewrite's output changes: part of every cache key built on it. */
export const OPTIMIZER_VERSION = 'kokoro-cpu-2';

export interface SpectralConvOptions {
  /** Rewrite only convolutions with at least this many input and output channels. Default 64. */
  minChannels?: number;
  /** Rewrite only convolutions with at most this many input and output channels. Default: no bound. */
  maxChannels?: number;
  /**
   * Rewrite only when the cost model expects at least this speed-up. Default 1.2; 0 rewrites every
   * eligible convolution (group 1, stride 1, float weights), useful for tests and experiments.
   */
  minSpeedup?: number;
  /**
   * Upper bound on the weight bytes the rewrite may add (the spectra are larger than the kernels).
   * Convolutions are taken by estimated speed-up, best first, while they fit. Default: no bound.
   */
  maxExtraBytes?: number;
}

/**
 * The choice for Kokoro-82M on CPUs: the iSTFTNet generator's last stage (128 channels, kernels 7
 * and 11, 4,800 steps per second of audio — six times the rate of the 256-channel stage) holds
 * most of the model's arithmetic; rewriting its 14 largest convolutions adds ≈ 62 MB of spectra
 * and saves 11–15 % of every run (tools/bench). Adding the 256-channel stage's best layers
 * (+288 MB) measured no further gain.
 */
export const KOKORO_CPU: SpectralConvOptions = { minChannels: 128, maxChannels: 128, minSpeedup: 1.2 };

export interface OptimizeOptions {
  /** The spectral rewrite of large Conv1d layers; `false` turns it off. Default `KOKORO_CPU`. */
  spectralConv?: SpectralConvOptions | false;
  /** `Pow(x, 2)` → `Mul(x, x)` (Snake's square in PyTorch exports; exact). Default true. */
  squares?: boolean;
}

/** One convolution the optimizer rewrote. */
export interface ConvRewrite extends ConvShape, SpectralPlan {
  /** The Conv node's name (or its output's name when the node has none). */
  node: string;
}

export interface OptimizeResult {
  /** The rewritten model. The input is returned unchanged when nothing was rewritten. */
  bytes: Uint8Array;
  rewrites: ConvRewrite[];
  /** The `Pow(x, 2)` nodes turned into `Mul(x, x)`. */
  squares: string[];
  /** Total bytes added to the weights. */
  extraBytes: number;
}

/**
 * Rewrites a Kokoro ONNX model for faster CPU inference, exactly (same function, float32
 * rounding aside). Pure: no I/O and no `node:` imports.
 *
 * Throws `ModelError` `INVALID_MODEL` when the bytes are not an ONNX model.
 */
export function optimizeModel(bytes: Uint8Array, options: OptimizeOptions = {}): OptimizeResult {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError('optimizeModel needs the model bytes (Uint8Array).');
  }
  const spectral =
    options.spectralConv === false ? undefined : resolveSpectral(options.spectralConv ?? KOKORO_CPU);
  const model = decodeModel(bytes);
  const unchanged = { bytes, rewrites: [], squares: [], extraBytes: 0 };
  if (model.graph == null || defaultOpset(model) < 11) return unchanged;
  const graph = model.graph as GraphProto;
  const squares = options.squares === false ? [] : rewriteSquares(graph);
  const rewrites = spectral === undefined ? [] : rewriteSpectralConvolutions(graph, spectral);
  if (rewrites.length === 0 && squares.length === 0) return unchanged;
  const out = onnx.ModelProto.encode(model).finish();
  return {
    bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
    rewrites,
    squares,
    extraBytes: rewrites.reduce((sum, r) => sum + r.extraBytes, 0),
  };
}

function resolveSpectral(options: SpectralConvOptions): Required<SpectralConvOptions> {
  const resolved = {
    minChannels: options.minChannels ?? 64,
    maxChannels: options.maxChannels ?? Number.POSITIVE_INFINITY,
    minSpeedup: options.minSpeedup ?? 1.2,
    maxExtraBytes: options.maxExtraBytes ?? Number.POSITIVE_INFINITY,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new InvalidArgumentError(`spectralConv.${name} must be a number ≥ 0, got ${String(value)}.`);
    }
  }
  return resolved;
}

function decodeModel(bytes: Uint8Array): ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelError('INVALID_MODEL', `These bytes are not an ONNX model (${String(error)}).`, {
      cause: error,
    });
  }
}

interface Candidate {
  index: number;
  conv: NodeProto;
  shape: ConvShape;
  plan: SpectralPlan;
  weights: Float32Array;
  bias: Float32Array | undefined;
}

function rewriteSpectralConvolutions(
  graph: GraphProto,
  options: Required<SpectralConvOptions>,
): ConvRewrite[] {
  const initializers = new Map((graph.initializer as TensorProto[]).map((t) => [t.name as string, t]));
  const useCount = countUses(graph);
  const candidates: Candidate[] = [];
  for (const [index, conv] of (graph.node as NodeProto[]).entries()) {
    const candidate = candidateOf(index, conv, initializers, options);
    if (candidate !== undefined) candidates.push(candidate);
  }
  const chosen = chooseWithinBudget(candidates, options.maxExtraBytes);
  if (chosen.length === 0) return [];

  const shared = new SharedConstants(graph);
  const replacement = new Map<number, NodeProto[]>();
  for (const c of chosen) replacement.set(c.index, emitSpectralConv(c, shared, graph));
  graph.node = graph.node.flatMap((n, i) => replacement.get(i) ?? [n]);
  // The direct kernels and biases are dead once no other node reads them.
  const replaced = chosen.flatMap((c) => c.conv.input.slice(1).filter((name): name is string => !!name));
  const dead = new Set(
    replaced.filter((name) => (useCount.get(name) ?? 0) <= 1 && !isGraphOutput(graph, name)),
  );
  graph.initializer = graph.initializer.filter((t) => !dead.has(t.name ?? ''));
  return chosen.map((c) => ({ node: nameOf(c.conv), ...c.shape, ...c.plan }));
}

function candidateOf(
  index: number,
  conv: NodeProto,
  initializers: Map<string, TensorProto>,
  options: Required<SpectralConvOptions>,
): Candidate | undefined {
  if (conv.opType !== 'Conv' || (conv.domain ?? '') !== '' || conv.input.length < 2) return undefined;
  const weight = initializers.get(conv.input[1]!);
  if (weight === undefined || weight.dims.length !== 3) return undefined;
  const [outChannels, inChannels, kernel] = weight.dims.map(Number) as [number, number, number];
  const group = intAttribute(conv, 'group') ?? 1;
  const strides = intsAttribute(conv, 'strides') ?? [1];
  const dilation = (intsAttribute(conv, 'dilations') ?? [1])[0]!;
  const pads = intsAttribute(conv, 'pads') ?? [0, 0];
  const autoPad = stringAttribute(conv, 'auto_pad') ?? 'NOTSET';
  const kernelShape = intsAttribute(conv, 'kernel_shape');
  if (group !== 1 || strides[0] !== 1 || autoPad !== 'NOTSET' || pads.length !== 2) return undefined;
  if (kernelShape !== undefined && kernelShape[0] !== kernel) return undefined;
  if (Math.min(inChannels, outChannels) < options.minChannels) return undefined;
  if (Math.max(inChannels, outChannels) > options.maxChannels) return undefined;
  const shape: ConvShape = {
    inChannels,
    outChannels,
    kernel,
    dilation,
    padBegin: pads[0]!,
    padEnd: pads[1]!,
  };
  const plan = planSpectralConv(shape);
  if (plan === undefined || plan.estimatedSpeedup < options.minSpeedup) return undefined;
  const weights = floatValues(weight);
  if (weights === undefined) return undefined;
  let bias: Float32Array | undefined;
  if (conv.input.length > 2 && conv.input[2] !== '') {
    const biasTensor = initializers.get(conv.input[2]!);
    bias = biasTensor === undefined ? undefined : floatValues(biasTensor);
    if (bias === undefined || bias.length !== outChannels) return undefined;
  }
  return { index, conv, shape, plan, weights, bias };
}

function chooseWithinBudget(candidates: Candidate[], maxExtraBytes: number): Candidate[] {
  if (!Number.isFinite(maxExtraBytes)) return candidates;
  const ranked = [...candidates].sort((a, b) => b.plan.estimatedSpeedup - a.plan.estimatedSpeedup);
  const chosen: Candidate[] = [];
  let used = 0;
  for (const c of ranked) {
    if (used + c.plan.extraBytes > maxExtraBytes) continue;
    used += c.plan.extraBytes;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** Framing filters, inverse rows and shape constants, shared by every rewritten convolution. */
class SharedConstants {
  readonly #graph: GraphProto;
  readonly #names = new Map<string, string>();

  constructor(graph: GraphProto) {
    this.#graph = graph;
  }

  #get(key: string, make: (name: string) => TensorProto): string {
    let name = this.#names.get(key);
    if (name === undefined) {
      name = uniqueName(this.#graph, `spectral_conv/${key}`);
      this.#graph.initializer.push(make(name));
      this.#names.set(key, name);
    }
    return name;
  }

  ints(values: readonly number[]): string {
    return this.#get(`ints_${values.join('_')}`, (name) => int64Tensor(name, values));
  }

  framing(blockSize: number): string {
    const bins = blockSize / 2 + 1;
    return this.#get(`framing_${blockSize}`, (name) =>
      floatTensor(name, [2 * bins, 1, blockSize], framingFilters(blockSize)),
    );
  }

  inverse(blockSize: number, hop: number): string {
    const bins = blockSize / 2 + 1;
    return this.#get(`inverse_${blockSize}_${hop}`, (name) =>
      floatTensor(name, [hop, 2 * bins], inverseRows(blockSize, hop)),
    );
  }
}

function emitSpectralConv(c: Candidate, shared: SharedConstants, graph: GraphProto): NodeProto[] {
  const { conv, shape, plan } = c;
  const { blockSize, hop, bins } = plan;
  const { inChannels: cin, outChannels: cout } = shape;
  const prefix = uniqueName(graph, `${nameOf(conv)}/spectral`);
  const v = (suffix: string) => `${prefix}/${suffix}`;
  const spectra = `${prefix}/kernel_spectra`;
  graph.initializer.push(
    floatTensor(spectra, [bins, 2 * cout, 2 * cin], kernelSpectra(c.weights, shape, blockSize)),
  );
  const x = conv.input[0]!;
  const output = conv.output[0]!;
  // Output length of the original Conv: L + padBegin + padEnd − span + 1.
  const lengthDelta = shape.padBegin + shape.padEnd - (shape.dilation * (shape.kernel - 1) + 1) + 1;
  const nodes = [
    node(v('channels_as_batch'), 'Reshape', [x, shared.ints([cin, 1, 0])], [v('x')]),
    node(v('framing_dft'), 'Conv', [v('x'), shared.framing(blockSize)], [v('frames')], {
      kernel_shape: [blockSize],
      strides: [hop],
      // Enough zeros on the right for ceil(outputs / H) whole blocks.
      pads: [shape.padBegin, shape.padEnd + hop - 1],
    }),
    node(v('bin_major'), 'Transpose', [v('frames')], [v('frames_t')], { perm: [1, 0, 2] }),
    node(v('per_bin'), 'Reshape', [v('frames_t'), shared.ints([bins, 2 * cin, -1])], [v('spectrum')]),
    node(v('mix'), 'MatMul', [spectra, v('spectrum')], [v('product')]),
    node(v('flatten'), 'Reshape', [v('product'), shared.ints([2 * bins, -1])], [v('product_2d')]),
    node(v('inverse_dft'), 'MatMul', [shared.inverse(blockSize, hop), v('product_2d')], [v('blocks')]),
    node(v('split'), 'Reshape', [v('blocks'), shared.ints([hop, cout, -1])], [v('blocks_3d')]),
    node(v('time_major'), 'Transpose', [v('blocks_3d')], [v('blocks_t')], { perm: [1, 2, 0] }),
    node(v('join'), 'Reshape', [v('blocks_t'), shared.ints([1, cout, -1])], [v('joined')]),
  ];
  let full = v('joined');
  if (c.bias !== undefined) {
    const bias = `${prefix}/bias`;
    graph.initializer.push(floatTensor(bias, [1, cout, 1], c.bias));
    nodes.push(node(v('bias'), 'Add', [full, bias], [v('biased')]));
    full = v('biased');
  }
  nodes.push(node(v('shape'), 'Shape', [x], [v('x_shape')]));
  nodes.push(node(v('length'), 'Gather', [v('x_shape'), shared.ints([2])], [v('x_length')], { axis: 0 }));
  let length = v('x_length');
  if (lengthDelta !== 0) {
    nodes.push(node(v('out_length'), 'Add', [length, shared.ints([lengthDelta])], [v('y_length')]));
    length = v('y_length');
  }
  nodes.push(node(v('trim'), 'Slice', [full, shared.ints([0]), length, shared.ints([2])], [output]));
  return nodes;
}

type GraphLike = {
  node?:
    | {
        input?: string[] | null;
        attribute?: { g?: GraphLike | null; graphs?: GraphLike[] | null }[] | null;
      }[]
    | null;
};

/** How many node inputs read each name, subgraphs (If, Loop, Scan bodies) included. */
function countUses(graph: GraphLike, uses = new Map<string, number>()): Map<string, number> {
  for (const n of graph.node ?? []) {
    for (const input of n.input ?? []) uses.set(input, (uses.get(input) ?? 0) + 1);
    for (const a of n.attribute ?? []) {
      if (a.g != null) countUses(a.g, uses);
      for (const sub of a.graphs ?? []) countUses(sub, uses);
    }
  }
  return uses;
}

function isGraphOutput(graph: GraphProto, name: string): boolean {
  return graph.output.some((o) => o.name === name);
}

function nameOf(conv: NodeProto): string {
  return conv.name !== '' ? conv.name : (conv.output[0] ?? 'conv');
}

function uniqueName(graph: GraphProto, base: string): string {
  const taken = (name: string) =>
    graph.initializer.some((t) => t.name === name) || graph.node.some((n) => (n.output ?? []).includes(name));
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}_${i}`;
  return name;
}

/**
 * `optimizeModel` as a model transform for `@kokoro-kit/runtime-node` (`createNodeRuntime({
 * transform })`): its id names the optimizer version and options, so a cached result is rebuilt
 * when either changes.
 */
export function modelTransform(options: OptimizeOptions = {}): {
  readonly id: string;
  apply(bytes: Uint8Array): Uint8Array;
} {
  const settings = {
    spectralConv: options.spectralConv === false ? 'off' : (options.spectralConv ?? KOKORO_CPU),
    squares: options.squares !== false,
  };
  return {
    id: `${OPTIMIZER_VERSION}:${JSON.stringify(settings)}`,
    apply: (bytes) => optimizeModel(bytes, options).bytes,
  };
}
