import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KokoroError, STYLE_DIM } from '@kokoro-kit/core';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRuntime, type ModelTransform, type NodeRuntimeWarning } from './index';

/** The optimized-model cache with real onnxruntime-node and a synthetic Kokoro-interface model. */
let dir: string;
let modelPath: string;
const input = {
  ids: Int32Array.from([0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0]),
  style: Float32Array.from({ length: STYLE_DIM }, (_, i) => Math.sin(i) * 0.2),
  speed: 1,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokoro-ort-cache-'));
  modelPath = join(dir, 'model.onnx');
  await writeFile(modelPath, buildSyntheticModel({ preset: 'tiny', durations: true }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(cacheDir?: string, warnings: NodeRuntimeWarning[] = [], transform?: ModelTransform) {
  const runtime = await createNodeRuntime({
    model: modelPath,
    ...(cacheDir === undefined ? {} : { optimizedCacheDir: cacheDir }),
    ...(transform === undefined ? {} : { transform }),
    onWarning: (w) => warnings.push(w),
  });
  try {
    const output = await runtime.run(input);
    return { outcome: runtime.optimizedCache, output };
  } finally {
    await runtime.dispose();
  }
}

describe('optimized model cache', () => {
  it('saves the optimized model on the first load, uses it after, with identical output', async () => {
    const cache = join(dir, 'cache-a');
    const plain = await run();
    expect(plain.outcome).toBe('off');
    const first = await run(cache);
    expect(first.outcome).toBe('miss');
    expect((await readdir(cache)).filter((f) => f.endsWith('.ort'))).toHaveLength(1);
    const second = await run(cache);
    expect(second.outcome).toBe('hit');
    for (const result of [first, second]) {
      expect(Array.from(result.output.waveform)).toEqual(Array.from(plain.output.waveform));
      expect(Array.from(result.output.durations!)).toEqual(Array.from(plain.output.durations!));
    }
    expect((await readdir(cache)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rebuilds a damaged cache file, and a changed model gets a new entry', async () => {
    const cache = join(dir, 'cache-b');
    await run(cache);
    const [file] = (await readdir(cache)).filter((f) => f.endsWith('.ort'));
    await writeFile(join(cache, file!), 'not an ort model');
    const warnings: NodeRuntimeWarning[] = [];
    const rebuilt = await run(cache, warnings);
    expect(rebuilt.outcome).toBe('miss');
    expect(warnings.map((w) => w.kind)).toEqual(['optimized-cache']);
    expect((await run(cache)).outcome).toBe('hit');
    const later = new Date(Date.now() + 60_000);
    await utimes(modelPath, later, later);
    expect((await run(cache)).outcome).toBe('miss');
    expect((await readdir(cache)).filter((f) => f.endsWith('.ort'))).toHaveLength(2);
  });

  it('is not used for model bytes or with optimization disabled', async () => {
    const cache = join(dir, 'cache-c');
    const bytes = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny' }),
      optimizedCacheDir: cache,
    });
    expect(bytes.optimizedCache).toBe('off');
    await bytes.dispose();
    const disabled = await createNodeRuntime({
      model: modelPath,
      optimizedCacheDir: cache,
      sessionOptions: { graphOptimizationLevel: 'disabled' },
    });
    expect(disabled.optimizedCache).toBe('off');
    await disabled.dispose();
  });

  it('runs a model transform once per cache entry, and its id is part of the key', async () => {
    const cache = join(dir, 'cache-d');
    const calls: number[] = [];
    // A transform whose effect is visible: it swaps in the same model without the durations output.
    const withoutDurations = buildSyntheticModel({ preset: 'tiny' });
    const transform = (id: string): ModelTransform => ({
      id,
      apply: (bytes) => {
        calls.push(bytes.byteLength);
        return withoutDurations;
      },
    });
    const first = await run(cache, [], transform('drop-durations-1'));
    expect(first.outcome).toBe('miss');
    expect(first.output.durations).toBeUndefined();
    expect(calls).toHaveLength(1);
    const second = await run(cache, [], transform('drop-durations-1'));
    expect(second.outcome).toBe('hit');
    expect(second.output.durations).toBeUndefined();
    expect(Array.from(second.output.waveform)).toEqual(Array.from(first.output.waveform));
    expect(calls).toHaveLength(1);
    expect((await run(cache, [], transform('drop-durations-2'))).outcome).toBe('miss');
    expect(calls).toHaveLength(2);
    // Without a cache folder the transform runs at every load.
    expect((await run(undefined, [], transform('drop-durations-1'))).output.durations).toBeUndefined();
    expect(calls).toHaveLength(3);
    // The untransformed model still has its durations.
    expect((await run(cache)).output.durations).toBeDefined();
  });

  it('falls back to the model as it is when a transform fails, with a warning naming it', async () => {
    const cache = join(dir, 'cache-e');
    const failing: ModelTransform = {
      id: 'broken-rewrite',
      apply: () => {
        throw new Error('no graph');
      },
    };
    const warnings: NodeRuntimeWarning[] = [];
    const plain = await run();
    const fallback = await run(cache, warnings, failing);
    expect(Array.from(fallback.output.waveform)).toEqual(Array.from(plain.output.waveform));
    expect(warnings.map((w) => w.kind)).toEqual(['transform-failed']);
    expect(warnings[0]!.message).toMatch(/broken-rewrite failed: no graph\. Loaded the model as it is\./);
    expect((await readdir(cache).catch(() => [])).filter((f) => f.endsWith('.onnx'))).toEqual([]);
    // Output onnxruntime cannot load counts as a failure too; without a cache folder as well.
    const garbage: ModelTransform = { id: 'garbage', apply: () => Uint8Array.of(1, 2, 3) };
    const noCache: NodeRuntimeWarning[] = [];
    expect((await run(undefined, noCache, garbage)).output.waveform.length).toBe(
      plain.output.waveform.length,
    );
    expect(noCache.map((w) => w.kind)).toEqual(['transform-failed']);
    // A missing model file is still that error, not a transform failure.
    const missing = await createNodeRuntime({ model: join(dir, 'nope.onnx'), transform: garbage }).catch(
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(missing, 'MODEL_NOT_FOUND')).toBe(true);
    await expect(run(undefined, [], { id: 'x' } as unknown as ModelTransform)).rejects.toThrow(/transform/);
  });
});
