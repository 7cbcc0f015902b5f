import { type ElementType, GraphBuilder } from './onnx-graph';

export interface IdentityModelOptions {
  /** Input name (default `x`). */
  input?: string;
  /** Output name (default `y`). */
  output?: string;
  /** Element type of both (default float32). */
  type?: 'float32' | 'int32' | 'int64';
}

/**
 * A valid ONNX model unrelated to Kokoro: one `Identity` node from `input` to `output`, shape
 * `[n]`. Adapters use it to test how they reject a graph whose names match no Kokoro interface.
 */
export function buildIdentityModel(options: IdentityModelOptions = {}): Uint8Array {
  const input = options.input ?? 'x';
  const output = options.output ?? 'y';
  const type: ElementType = options.type ?? 'float32';
  const g = new GraphBuilder();
  g.op('Identity', [input], {}, output);
  return g.build({
    name: 'identity',
    inputs: [{ name: input, type, shape: ['n'] }],
    outputs: [{ name: output, type, shape: ['n'] }],
  });
}
