import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KOKORO_JS_CONFIG, KOKORO_JS_TOKENIZER_CONFIG, kokoroJsTokenizerJson } from './assets';

// transformers.js as kokoro-js resolves it (its own dependency), loading our authored files.
const require = createRequire(import.meta.url);
const transformersEntry = createRequire(require.resolve('kokoro-js')).resolve('@huggingface/transformers');

describe('kokoroJsTokenizerJson', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-tokenizer-'));
    await writeFile(join(dir, 'config.json'), KOKORO_JS_CONFIG);
    await writeFile(join(dir, 'tokenizer.json'), kokoroJsTokenizerJson());
    await writeFile(join(dir, 'tokenizer_config.json'), KOKORO_JS_TOKENIZER_CONFIG);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("makes transformers.js produce @kokoro-kit/tokenizer's ids, unknown symbols dropped", async () => {
    const { AutoTokenizer, env } = await import(transformersEntry);
    env.allowRemoteModels = false;
    env.localModelPath = dirname(dir);
    const tokenizer = await AutoTokenizer.from_pretrained(basename(dir));
    const ours = createTokenizer();
    for (const phonemes of ['həlˈoʊ wˈɜːld!', 'ðə kwˈɪk bɹˈaʊn fˈɑks, ʤˈʌmps.', 'a«b»c — “q” 1']) {
      const { input_ids } = tokenizer(phonemes, { truncation: true });
      const theirs = Array.from(input_ids.data as BigInt64Array, Number);
      expect(theirs).toEqual(Array.from(ours.encode(phonemes).ids));
    }
  });
});
