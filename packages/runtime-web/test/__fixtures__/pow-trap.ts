import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

function scalar(name: string, value: number) {
  return onnx.TensorProto.create({
    name,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims: [1],
    rawData: new Uint8Array(Float32Array.of(value).buffer),
  });
}

/**
 * A real graph whose WebGPU result differs from wasm's: the tiny synthetic model with
 * p − p added to its waveform, where p = pow(1, ∞). onnxruntime's CPU kernel follows C
 * (`pow(1, ∞) = 1`), so wasm adds 0 and the audio is unchanged; WebGPU's `pow` (exp2(y·log2 x)
 * on SwiftShader) does not give 1 there — Inf or NaN — and p − p is NaN in every sample.
 * ∞ is speed · 1e20 · 1e20 (it depends on an input, so graph optimization cannot fold it on the
 * CPU at load time), and p is audio-sized, so onnxruntime keeps the node on the GPU.
 */
export function powTrapModel(): Uint8Array {
  const model = onnx.ModelProto.decode(buildSyntheticModel({ preset: 'tiny', durations: true }));
  const graph = model.graph!;
  const producer = graph.node!.find((n) => n.output?.includes('waveform'))!;
  producer.output = producer.output!.map((o) => (o === 'waveform' ? 'waveform_clean' : o));
  graph.initializer!.push(scalar('trap_0', 0), scalar('trap_1', 1), scalar('trap_1e20', 1e20));
  const node = (opType: string, input: string[], output: string) =>
    onnx.NodeProto.create({ name: `trap_${output}`, opType, input, output: [output] });
  graph.node!.push(
    node('Mul', ['waveform_clean', 'trap_0'], 'trap_zeros'),
    node('Add', ['trap_zeros', 'trap_1'], 'trap_ones'),
    node('Mul', ['speed', 'trap_1e20'], 'trap_big'),
    node('Mul', ['trap_big', 'trap_1e20'], 'trap_infinity'),
    node('Pow', ['trap_ones', 'trap_infinity'], 'trap_power'),
    node('Sub', ['trap_power', 'trap_power'], 'trap_difference'),
    node('Add', ['waveform_clean', 'trap_difference'], 'waveform'),
  );
  return onnx.ModelProto.encode(model).finish();
}
