import { floatValues, type GraphProto, type NodeProto, node, onnx, type TensorProto } from './onnx';

/**
 * `Pow(x, 2)` → `Mul(x, x)`.
 *
 * A PyTorch export writes Snake's `sin(αx) ** 2` (istftnet.py, in every generator block) as `Pow`
 * with a constant exponent. onnxruntime's CPU `Pow` computes it element by element through the
 * general power function: 19 ms for 7.4 M values against 6.4 ms for `Mul(x, x)` on a 2-core EPYC
 * (onnxruntime-node 1.30). `x·x` is the correctly rounded square, so the rewrite is exact to the
 * last bit wherever `pow` itself is correctly rounded, and within one ulp elsewhere.
 *
 * Returns the names of the rewritten nodes.
 */
export function rewriteSquares(graph: GraphProto): string[] {
  const constants = constantValues(graph);
  const rewritten: string[] = [];
  graph.node = (graph.node as NodeProto[]).map((n) => {
    if (n.opType !== 'Pow' || (n.domain ?? '') !== '' || n.input.length !== 2) return n;
    const exponent = constants.get(n.input[1]!);
    if (exponent === undefined || exponent.length !== 1 || exponent[0] !== 2) return n;
    const name = n.name !== '' ? n.name : (n.output[0] ?? 'pow');
    rewritten.push(name);
    return node(name, 'Mul', [n.input[0]!, n.input[0]!], [n.output[0]!]);
  });
  return rewritten;
}

/** Float constants of the graph: initializers and `Constant` nodes with a tensor value. */
function constantValues(graph: GraphProto): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const t of graph.initializer as TensorProto[]) {
    const values = floatValues(t);
    if (values !== undefined && t.name) out.set(t.name, values);
  }
  for (const n of graph.node as NodeProto[]) {
    if (n.opType !== 'Constant' || n.output.length !== 1) continue;
    const value = n.attribute.find((a) => a.name === 'value' && a.t != null)?.t;
    const values = value == null ? undefined : floatValues(onnx.TensorProto.create(value));
    if (values !== undefined) out.set(n.output[0]!, values);
  }
  return out;
}
