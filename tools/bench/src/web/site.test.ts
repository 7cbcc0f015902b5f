import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lexiconAsset } from '@kokoro-kit/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kokoroJsSite, localVoiceFile, oursSite, resolveSitePath, SITE_PATHS } from './site';

describe('site layouts', () => {
  let ortDist: string;
  beforeAll(async () => {
    ortDist = await mkdtemp(join(tmpdir(), 'bench-ort-'));
    for (const name of [
      'ort-wasm-simd-threaded.jsep.mjs',
      'ort-wasm-simd-threaded.jsep.wasm',
      'ort.bundle.min.mjs',
    ])
      await writeFile(join(ortDist, name), '');
  });
  afterAll(() => rm(ortDist, { recursive: true, force: true }));

  it("serves kokoro-js's model folder where transformers.js looks locally, and onnxruntime-web's wasm files", () => {
    const site = kokoroJsSite({
      bundleDir: '/b',
      modelFolder: '/m/Kokoro',
      modelId: 'Kokoro',
      ortDistDir: ortDist,
    });
    expect(resolveSitePath(site, '/models/Kokoro/onnx/model_quantized.onnx')).toBe(
      '/m/Kokoro/onnx/model_quantized.onnx',
    );
    expect(resolveSitePath(site, '/models/Kokoro/tokenizer_config.json')).toBe(
      '/m/Kokoro/tokenizer_config.json',
    );
    expect(resolveSitePath(site, '/ort/ort-wasm-simd-threaded.jsep.wasm')).toBe(
      join(ortDist, 'ort-wasm-simd-threaded.jsep.wasm'),
    );
    // Only the wasm runtime files come from onnxruntime-web's dist (the rest is the bundle folder).
    expect(resolveSitePath(site, '/ort/ort.bundle.min.mjs')).toBe('/b/ort/ort.bundle.min.mjs');
    expect(resolveSitePath(site, '/page.js')).toBe('/b/page.js');
    expect(resolveSitePath(site, '/chunk-X.js')).toBe('/b/chunk-X.js');
  });

  it('serves our model, voices, lexicons at the hub lexicon paths and the web assets', () => {
    const site = oursSite({
      bundleDir: '/b',
      modelPath: '/m/model.onnx',
      voicesDir: '/v',
      lexiconDir: '/lex',
      assets: [{ path: 'ort/ort-wasm-simd-threaded.jsep.wasm', source: '/o/x.wasm' }],
    });
    expect(resolveSitePath(site, SITE_PATHS.model)).toBe('/m/model.onnx');
    expect(resolveSitePath(site, '/voices/af_heart.bin')).toBe('/v/af_heart.bin');
    expect(resolveSitePath(site, `/lexicons${lexiconAsset('us_gold.json').urlPath}`)).toBe(
      '/lex/us_gold.json',
    );
    expect(resolveSitePath(site, '/kokoro-assets/ort/ort-wasm-simd-threaded.jsep.wasm')).toBe('/o/x.wasm');
    expect(resolveSitePath(site, '/worker.js')).toBe('/b/worker.js');
  });

  it('never leaves a served folder', () => {
    const site = oursSite({
      bundleDir: '/b',
      modelPath: '/m',
      voicesDir: '/v',
      lexiconDir: '/l',
      assets: [],
    });
    for (const path of ['/voices/../etc/passwd', '/../x', '/voices/', '/a//b', '/voices/./x'])
      expect(resolveSitePath(site, path), path).toBeUndefined();
  });
});

describe('localVoiceFile', () => {
  it("answers kokoro-js's Hugging Face voice URL from a local folder, nothing else", () => {
    const url = 'https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/af_heart.bin';
    expect(localVoiceFile(url, '/voices')).toBe('/voices/af_heart.bin');
    expect(localVoiceFile(url.replace('af_heart', '../x'), '/voices')).toBeUndefined();
    expect(localVoiceFile(url.replace('main', 'dev'), '/voices')).toBeUndefined();
    expect(localVoiceFile('https://cdn.jsdelivr.net/npm/x/ort.wasm', '/voices')).toBeUndefined();
  });
});
