import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticModel } from '@kokoro-kit/synthetic-model/node';
import { KOKORO_V1_VOCAB, PAD_ID } from '@kokoro-kit/tokenizer';
import { makeVariant } from './quantize';

/**
 * The `tokenizer.json` kokoro-js (through transformers.js `AutoTokenizer`) needs, authored from
 * the v1.0 vocabulary (spec kokoro.md §6–§7) instead of downloaded: one token per code point,
 * `$` (id 0) as pad/unknown, characters outside the vocabulary removed by the normalizer (as
 * the reference drops them), and `$ … $` around every sequence.
 */
export function kokoroJsTokenizerJson(vocab: ReadonlyMap<string, number> = KOKORO_V1_VOCAB): string {
  const entries = [['$', PAD_ID] as const, ...[...vocab.entries()].sort((a, b) => a[1] - b[1])];
  const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, (m) => `\\${m}`);
  const allowed = entries.map(([symbol]) => escapeClass(symbol)).join('');
  const pad = { id: '$', type_id: 0 };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: PAD_ID,
        content: '$',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: { type: 'Replace', pattern: { Regex: `[^${allowed}]` }, content: '' },
    pre_tokenizer: { type: 'Split', pattern: { Regex: '' }, behavior: 'Isolated', invert: false },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: pad }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: pad }],
      pair: [
        { SpecialToken: pad },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: pad },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: pad },
      ],
      special_tokens: { $: { id: '$', ids: [PAD_ID], tokens: ['$'] } },
    },
    decoder: null,
    model: { vocab: Object.fromEntries(entries) },
  });
}

/** What transformers.js reads besides the model (spec §2.2). */
export const KOKORO_JS_CONFIG = `${JSON.stringify({ model_type: 'style_text_to_speech_2' }, null, 2)}\n`;
export const KOKORO_JS_TOKENIZER_CONFIG = JSON.stringify({
  model_max_length: 512,
  pad_token: '$',
  tokenizer_class: 'PreTrainedTokenizer',
  unk_token: '$',
});

/**
 * Lays out a local model folder the way onnx-community/Kokoro-82M-v1.0-ONNX is laid out
 * (`onnx/model.onnx`, `config.json`, `tokenizer.json`, `tokenizer_config.json`), with the full
 * synthetic Kokoro-82M as the model. Both sides of the benchmark load `onnx/model.onnx`.
 */
export async function prepareModelFolder(
  dir: string,
): Promise<{ modelPath: string; bytes: number; buildMs: number }> {
  const modelPath = join(dir, 'onnx', 'model.onnx');
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const started = performance.now();
  await writeSyntheticModel(modelPath, { preset: 'full' });
  const buildMs = performance.now() - started;
  await writeFile(join(dir, 'config.json'), KOKORO_JS_CONFIG);
  await writeFile(join(dir, 'tokenizer.json'), kokoroJsTokenizerJson());
  await writeFile(join(dir, 'tokenizer_config.json'), KOKORO_JS_TOKENIZER_CONFIG);
  return { modelPath, bytes: (await stat(modelPath)).size, buildMs };
}

/**
 * kokoro-js's `q8` file, `onnx/model_quantized.onnx`, made from the folder's `onnx/model.onnx` by
 * `quantize.ts` (as onnxruntime's `quantize_dynamic` makes the `q8` exports: MatMul and Conv).
 * Remade only when the fp32 model changed: its sha256 is kept beside the quantized file.
 */
export async function prepareQuantizedModel(
  dir: string,
): Promise<{ path: string; bytes: number; ms: number; reused: boolean }> {
  const started = performance.now();
  const fp32 = new Uint8Array(await readFile(join(dir, 'onnx', 'model.onnx')));
  const source = createHash('sha256').update(fp32).digest('hex');
  const path = join(dir, 'onnx', 'model_quantized.onnx');
  const stamp = `${path}.source-sha256`;
  const reused = (await readFile(stamp, 'utf8').catch(() => '')) === source;
  if (!reused) {
    await writeFile(path, makeVariant(fp32, 'q8').bytes);
    await writeFile(stamp, source);
  }
  return { path, bytes: (await stat(path)).size, ms: performance.now() - started, reused };
}
