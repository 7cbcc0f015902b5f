import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORT_WASM_FILES, ortWasmAssetPaths } from './node';

describe('ortWasmAssetPaths', () => {
  it('finds both files of the default onnxruntime-web build in the installed package', async () => {
    const paths = ortWasmAssetPaths();
    expect(basename(paths.mjs)).toBe(ORT_WASM_FILES.mjs);
    expect(basename(paths.wasm)).toBe(ORT_WASM_FILES.wasm);
    expect((await stat(paths.mjs)).size).toBeGreaterThan(10_000);
    expect((await stat(paths.wasm)).size).toBeGreaterThan(10_000_000);
  });

  it('names the files the default entry actually loads', async () => {
    // The default (bundled) entry embeds the loader and names the .wasm it fetches.
    const entry = await readFile(join(dirname(ortWasmAssetPaths().wasm), 'ort.bundle.min.mjs'), 'utf8');
    expect(entry).toContain(ORT_WASM_FILES.wasm);
    expect(entry).toContain(ORT_WASM_FILES.mjs);
  });
});
