import { KokoroError, type ModelInput, STYLE_DIM } from '@kokoro-kit/core';
import { testModelRuntime } from '@kokoro-kit/core/testing';
import { buildSyntheticModel, type SyntheticModelOptions } from '@kokoro-kit/synthetic-model';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { createWebRuntime, type RuntimeWarning } from './index';

/**
 * runtime-web under Node with onnxruntime-web's Node build (its wasm backend: the same kernels
 * as in browsers, one thread). The browser-only parts (threads, WebGPU, Cache Storage) are
 * tested in Chromium (test/browser.test.ts).
 */
const variants: Array<{ name: string; options: SyntheticModelOptions; durations: boolean }> = [
  { name: 'onnx-community, waveform only', options: { preset: 'tiny' }, durations: false },
  {
    name: 'onnx-community + float32 durations',
    options: { preset: 'tiny', durations: true },
    durations: true,
  },
  {
    name: 'kokoro-onnx naming + durations',
    options: { preset: 'tiny', naming: 'kokoro-onnx', durations: true },
    durations: true,
  },
  {
    name: 'int32 speed + durations',
    options: { preset: 'tiny', speedDtype: 'int32', durations: true },
    durations: true,
  },
  {
    name: 'hexgrad export (int32 speed, int64 duration)',
    options: { preset: 'tiny', naming: 'hexgrad', durations: true },
    durations: true,
  },
];

for (const variant of variants) {
  const bytes = buildSyntheticModel(variant.options);
  testModelRuntime(`runtime-web (onnxruntime-web, Node build) on synthetic ${variant.name}`, {
    create: () => createWebRuntime({ model: bytes, ort: ortWeb }),
    durations: variant.durations,
    exactFrames: true,
  });
}

const input: ModelInput = {
  ids: Int32Array.from([0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0]),
  style: Float32Array.from({ length: STYLE_DIM }, (_, i) => Math.sin(i * 0.37 + 1) * 0.3),
  speed: 1,
};

/** The same input through onnxruntime-node's CPU provider, as a reference. */
async function nodeReference(model: Uint8Array) {
  const session = await ortNode.InferenceSession.create(model, { executionProviders: ['cpu'] });
  try {
    const out = await session.run({
      input_ids: new ortNode.Tensor('int64', BigInt64Array.from(input.ids, BigInt), [1, input.ids.length]),
      style: new ortNode.Tensor('float32', Float32Array.from(input.style), [1, STYLE_DIM]),
      speed: new ortNode.Tensor('float32', Float32Array.of(input.speed), [1]),
    });
    return {
      waveform: out.waveform!.data as Float32Array,
      durations: out.durations!.data as Float32Array,
    };
  } finally {
    await session.release();
  }
}

/** The largest sample difference, relative to the reference's peak. */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let peak = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    peak = Math.max(peak, Math.abs(b[i]!));
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  return worst / peak;
}

describe('createWebRuntime under Node (onnxruntime-web wasm)', () => {
  const model = buildSyntheticModel({ preset: 'tiny', durations: true });

  it('gives the samples onnxruntime-node gives, within 1e-5 of the peak; durations exactly', async () => {
    const runtime = await createWebRuntime({ model, ort: ortWeb });
    try {
      const web = await runtime.run(input);
      const node = await nodeReference(model);
      expect(relativeError(web.waveform, node.waveform)).toBeLessThan(1e-5);
      expect(Array.from(web.durations!)).toEqual(Array.from(node.durations));
    } finally {
      await runtime.dispose();
    }
  });

  it('reports wasm, one thread, not isolated, and why', async () => {
    const runtime = await createWebRuntime({ model, ort: ortWeb });
    try {
      expect(runtime.backend).toEqual({
        name: 'wasm',
        threads: 1,
        crossOriginIsolated: false,
        simd: true,
        reason: 'WebGPU unavailable: this environment has no WebGPU (navigator.gpu); using wasm',
      });
      const forced = await createWebRuntime({ model, ort: ortWeb, backend: 'wasm' });
      expect(forced.backend.reason).toBe('wasm was requested (backend: "wasm")');
      await forced.dispose();
    } finally {
      await runtime.dispose();
    }
  });

  it('asks for one thread when not cross-origin isolated, and says so', async () => {
    const warnings: RuntimeWarning[] = [];
    const runtime = await createWebRuntime({
      model,
      ort: ortWeb,
      threads: 2,
      onWarning: (w) => warnings.push(w),
    });
    expect(runtime.backend.threads).toBe(1);
    expect(warnings.map((w) => w.kind)).toEqual(['threads']);
    expect(warnings[0]!.message).toMatch(
      /not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin/,
    );
    await runtime.dispose();
  });

  it('applies a transform on wasm (no Cache Storage in Node: transform "applied" every load)', async () => {
    const withoutDurations = buildSyntheticModel({ preset: 'tiny' });
    let calls = 0;
    const runtime = await createWebRuntime({
      model,
      ort: ortWeb,
      transform: {
        id: 'drop-durations',
        apply: () => {
          calls++;
          return withoutDurations;
        },
      },
    });
    expect(runtime.backend.transform).toBe('applied');
    expect(runtime.outputs.durations).toBe(false);
    expect(calls).toBe(1);
    await runtime.dispose();
  });

  it('falls back to the model as it is when the transform fails, reporting "failed"', async () => {
    const warnings: RuntimeWarning[] = [];
    const runtime = await createWebRuntime({
      model,
      ort: ortWeb,
      transform: { id: 'garbage', apply: () => Uint8Array.of(1, 2, 3) },
      onWarning: (w) => warnings.push(w),
    });
    expect(runtime.backend.transform).toBe('failed');
    expect(runtime.outputs.durations).toBe(true);
    expect(warnings.map((w) => w.kind)).toEqual(['transform-failed']);
    await runtime.dispose();
  });

  it('throws typed errors for bad options and non-models', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (KokoroError.isInstance(e) ? e.code : String(e)),
      );
    expect(await codeOf(createWebRuntime({ model: 42 as never, ort: ortWeb }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(createWebRuntime({ model, ort: ortWeb, backend: 'gpu' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await codeOf(createWebRuntime({ model, ort: ortWeb, threads: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(createWebRuntime({ model: Uint8Array.of(1, 2, 3), ort: ortWeb }))).toBe(
      'INVALID_MODEL',
    );
    expect(await codeOf(createWebRuntime({ model, ort: ortWeb, backend: 'webgpu' }))).toBe(
      'RUNTIME_UNAVAILABLE',
    );
    const aborted = AbortSignal.abort();
    expect(await codeOf(createWebRuntime({ model, ort: ortWeb, signal: aborted }))).toBe('ABORTED');
  });
});
