import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STYLE_DIM } from '@kokoro-kit/core';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import * as ortNode from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORT_WASM_FILES } from '../src/index';
import { ortWasmAssetPaths } from '../src/node';
import type { PageResult, PageRun } from './__fixtures__/page';
import { powTrapModel } from './__fixtures__/pow-trap';
import {
  bundleForBrowser,
  type Chromium,
  launchChromium,
  type StaticServer,
  serveStatic,
} from './browser-harness';

/**
 * runtime-web in Debian's Chromium, driven by playwright-core: the page and onnxruntime-web's
 * files served from 127.0.0.1 (every other host refused and recorded), with and without
 * cross-origin isolation, with and without WebGPU (SwiftShader's fallback adapter).
 */
const here = dirname(fileURLToPath(import.meta.url));
const model = buildSyntheticModel({ preset: 'tiny', durations: true });
const input = {
  ids: [0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0],
  style: Array.from({ length: STYLE_DIM }, (_, i) => Math.sin(i * 0.37 + 1) * 0.3),
  speed: 1,
};
let page: string;
let reference: { waveform: Float32Array; durations: Float32Array };

beforeAll(async () => {
  page = await bundleForBrowser(join(here, '__fixtures__/page.ts'));
  const session = await ortNode.InferenceSession.create(model);
  const out = await session.run({
    input_ids: new ortNode.Tensor('int64', BigInt64Array.from(input.ids, BigInt), [1, input.ids.length]),
    style: new ortNode.Tensor('float32', Float32Array.from(input.style), [1, STYLE_DIM]),
    speed: new ortNode.Tensor('float32', Float32Array.of(input.speed), [1]),
  });
  reference = {
    waveform: out.waveform!.data as Float32Array,
    durations: out.durations!.data as Float32Array,
  };
  await session.release();
});

async function serve(crossOriginIsolated: boolean): Promise<StaticServer> {
  const assets = ortWasmAssetPaths();
  return serveStatic({
    files: {
      '/': '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
      '/page.js': page,
      '/model.onnx': model,
      '/model-plain.onnx': buildSyntheticModel({ preset: 'tiny' }),
      '/pow-trap.onnx': powTrapModel(),
      [`/ort/${ORT_WASM_FILES.mjs}`]: () => readFile(assets.mjs),
      [`/ort/${ORT_WASM_FILES.wasm}`]: () => readFile(assets.wasm),
    },
    headers: { crossOriginIsolated },
  });
}

/** A browser on a served page; checks at the end that nothing left 127.0.0.1 and nothing errored. */
function browserSuite(crossOriginIsolated: boolean, webgpu: boolean) {
  const state = {} as { server: StaticServer; chromium: Chromium; url: string };
  beforeAll(async () => {
    state.server = await serve(crossOriginIsolated);
    state.chromium = await launchChromium({ webgpu });
    state.url = `${state.server.url}/`;
    await state.chromium.page.goto(state.url);
    await state.chromium.page.waitForFunction(() => 'runtimeWeb' in globalThis, undefined, {
      timeout: 30_000,
    });
  }, 120_000);
  afterAll(async () => {
    const { blocked, errors } = state.chromium ?? { blocked: [], errors: [] };
    await state.chromium?.close();
    await state.server?.close();
    expect(blocked, 'requests that tried to leave 127.0.0.1').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  });
  const run = (options: Omit<PageRun, 'input'> = {}) =>
    state.chromium.page.evaluate(
      (o) =>
        (globalThis as unknown as { runtimeWeb: { run(o: PageRun): Promise<PageResult> } }).runtimeWeb.run(o),
      { ...options, input },
    );
  return { state, run };
}

/** The largest sample difference relative to the reference's peak. */
function relativeError(samples: number[], expected: Float32Array): number {
  expect(samples.length).toBe(expected.length);
  let peak = 0;
  let worst = 0;
  expected.forEach((e, i) => {
    peak = Math.max(peak, Math.abs(e));
    worst = Math.max(worst, Math.abs(samples[i]! - e));
  });
  return worst / peak;
}

function expectNodeAudio(result: PageResult, tolerance: number) {
  expect(relativeError(result.waveform, reference.waveform)).toBeLessThan(tolerance);
  expect(result.durations).toEqual(Array.from(reference.durations));
}

describe('Chromium, cross-origin isolated (COOP same-origin + COEP require-corp), no WebGPU', () => {
  const { state, run } = browserSuite(true, false);

  it('runs wasm on 2 threads, reports it, and gives onnxruntime-node’s audio (within 1e-5 of the peak)', async () => {
    const result = await run();
    expect(result.hardwareConcurrency).toBe(2);
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.backend).toEqual({
      name: 'wasm',
      threads: 2,
      crossOriginIsolated: true,
      simd: true,
      reason: 'WebGPU unavailable: the browser offers no WebGPU adapter; using wasm',
    });
    // Independently of the report: one extra Emscripten pthread Worker for the second thread.
    expect(result.pthreadWorkers).toBe(1);
    expectNodeAudio(result, 1e-5);
    expect(result.warnings).toEqual([]);
    // onnxruntime-web's files came from our own server, the loader once more for the thread.
    expect(state.server.requests).toContain(`/ort/${ORT_WASM_FILES.wasm}`);
    expect(state.server.requests.filter((p) => p === `/ort/${ORT_WASM_FILES.mjs}`).length).toBe(2);
  });

  it('keeps the thread count onnxruntime-web started with, and says so when asked for another', async () => {
    const result = await run({ threads: 1 });
    expect(result.backend.threads).toBe(2);
    expect(result.warnings).toEqual([
      {
        kind: 'threads',
        message: expect.stringMatching(/asked for, but onnxruntime-web already started with 2/),
      },
    ]);
  });

  it('applies a transform once, then loads its output from Cache Storage', async () => {
    const first = await run({ transform: 'drop-durations', cacheName: 'transform-test' });
    expect(first.backend.transform).toBe('applied');
    expect(first.durations).toBeUndefined(); // the transformed model ran
    expect(first.transformCalls).toBe(1);
    const second = await run({ transform: 'drop-durations', cacheName: 'transform-test' });
    expect(second.backend.transform).toBe('cached');
    expect(second.durations).toBeUndefined();
    expect(second.transformCalls).toBe(1); // not transformed again
    expect(second.waveform).toEqual(first.waveform);
    expect(relativeError(first.waveform, reference.waveform)).toBeLessThan(1e-5);
  });

  it('runs model-optimizer’s modelTransform() in the browser (a no-op on the tiny model)', async () => {
    const result = await run({ transform: 'optimizer', cacheName: 'optimizer-test' });
    expect(result.backend.transform).toBe('applied');
    expectNodeAudio(result, 1e-5);
  });
});

describe('Chromium, not cross-origin isolated, no WebGPU', () => {
  const { state, run } = browserSuite(false, false);

  it('runs wasm on 1 thread and reports it', async () => {
    const result = await run();
    expect(result.crossOriginIsolated).toBe(false);
    expect(result.backend).toMatchObject({ name: 'wasm', threads: 1, crossOriginIsolated: false });
    expect(result.pthreadWorkers).toBe(0);
    expectNodeAudio(result, 1e-5);
  });

  it('says which files to serve where when onnxruntime-web’s files are missing', async () => {
    // A fresh page: onnxruntime-web starts its wasm module once per page.
    const fresh = await state.chromium.context.newPage();
    const messages: string[] = [];
    fresh.on('console', (m) => messages.push(m.text()));
    try {
      await fresh.goto(state.url);
      await fresh.waitForFunction(() => 'runtimeWeb' in globalThis);
      const error = await fresh.evaluate(
        (o) =>
          (
            globalThis as unknown as {
              runtimeWeb: { fail(o: PageRun): Promise<{ code?: string; message: string }> };
            }
          ).runtimeWeb.fail(o),
        { input, backend: 'wasm' as const, wasmPaths: '/missing/' },
      );
      expect(error.code).toBe('RUNTIME_UNAVAILABLE');
      expect(error.message).toContain(
        `It loads ${ORT_WASM_FILES.mjs} and ${ORT_WASM_FILES.wasm} from \`wasmPaths\` "/missing/"`,
      );
      expect(state.server.requests).toContain(`/missing/${ORT_WASM_FILES.mjs}`);
    } finally {
      await fresh.close();
    }
  });
});

describe('Chromium with WebGPU (--enable-unsafe-webgpu: SwiftShader fallback adapter)', () => {
  const { run } = browserSuite(false, true);

  it('runs the self-test on first use, passes on SwiftShader, and caches the verdict', async () => {
    const first = await run({ cacheName: 'webgpu-ok' });
    expect(first.backend).toMatchObject({
      name: 'webgpu',
      reason: expect.stringMatching(/^WebGPU self-test passed on .*swiftshader.*; using WebGPU$/),
    });
    expect(first.backend.webgpu).toMatchObject({
      verdict: 'passed',
      cached: false,
      detail: expect.stringMatching(/^matches wasm: /),
    });
    // fp32 on SwiftShader vs onnxruntime-node's CPU kernels: measured 3.4e-4 of the peak.
    expectNodeAudio(first, 1e-3);
    const second = await run({ cacheName: 'webgpu-ok' });
    expect(second.backend.webgpu).toMatchObject({ verdict: 'passed', cached: true });
    expect(second.backend.reason).toMatch(/\(cached verdict\); using WebGPU$/);
    expect(second.waveform).toEqual(first.waveform);
  });

  it('catches a model that outputs NaN on WebGPU (pow(1, ∞), a real kernel difference) and falls back to wasm', async () => {
    const first = await run({ model: '/pow-trap.onnx', cacheName: 'webgpu-nan' });
    expect(first.backend.name).toBe('wasm');
    expect(first.backend.webgpu).toMatchObject({
      verdict: 'failed',
      cached: false,
      detail: expect.stringMatching(/^\d+ NaN\/Inf samples in the output$/),
    });
    expect(first.backend.reason).toMatch(
      /^WebGPU self-test failed on .*swiftshader.*: \d+ NaN\/Inf samples in the output; using wasm$/,
    );
    expect(first.warnings.map((w) => w.kind)).toEqual(['backend-fallback']);
    // On wasm the trap adds 0: the audio is the clean model's, as onnxruntime-node computes it.
    expectNodeAudio(first, 1e-5);
    const second = await run({ model: '/pow-trap.onnx', cacheName: 'webgpu-nan' });
    expect(second.backend).toMatchObject({ name: 'wasm', webgpu: { verdict: 'failed', cached: true } });
    expect(second.backend.reason).toMatch(/\(cached verdict\): .*; using wasm$/);
  });
});
