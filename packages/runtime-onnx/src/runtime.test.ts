import { KokoroError, ModelError, STYLE_DIM } from '@kokoro-kit/core';
import { testModelRuntime } from '@kokoro-kit/core/testing';
import {
  buildSyntheticModel,
  type SyntheticModelOptions,
  syntheticDurations,
} from '@kokoro-kit/synthetic-model';
import * as onnxruntimeNode from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  createOnnxRuntime,
  type ModelTransform,
  type OrtApi,
  type OrtSession,
  openSession,
  openTransformed,
  type RuntimeWarning,
} from './index';

/** Any onnxruntime module fits; onnxruntime-node is the one that runs under Node. */
const ort: OrtApi = onnxruntimeNode;

async function runtimeFor(options: SyntheticModelOptions, onWarning?: (w: RuntimeWarning) => void) {
  const session = await openSession(ort, buildSyntheticModel(options), {});
  return createOnnxRuntime({
    ort,
    session,
    ortPackage: 'onnxruntime-node',
    factoryName: 'createOnnxRuntime()',
    ...(onWarning ? { onWarning } : {}),
  });
}

const variants: Array<[string, SyntheticModelOptions, boolean]> = [
  ['onnx-community', { preset: 'tiny' }, false],
  ['onnx-community + durations', { preset: 'tiny', durations: true }, true],
  ['kokoro-onnx + durations', { preset: 'tiny', naming: 'kokoro-onnx', durations: true }, true],
  ['hexgrad (int32 speed, int64 duration)', { preset: 'tiny', naming: 'hexgrad', durations: true }, true],
];
for (const [name, options, durations] of variants) {
  testModelRuntime(`runtime-onnx over onnxruntime-node, ${name}`, {
    create: () => runtimeFor(options),
    durations,
    exactFrames: true,
  });
}

const ids = Int32Array.from([0, 50, 83, 54, 156, 31, 16, 65, 0]);
const style = Float32Array.from({ length: STYLE_DIM }, (_, i) => Math.cos(i * 0.21) * 0.25);

describe('createOnnxRuntime', () => {
  it('matches the synthetic reference durations for every speed type', async () => {
    for (const speedDtype of ['float32', 'int32'] as const) {
      const runtime = await runtimeFor({ preset: 'tiny', durations: true, speedDtype });
      try {
        const out = await runtime.run({ ids, style, speed: 2 });
        expect(out.durations).toEqual(syntheticDurations(ids, style, 2));
      } finally {
        await runtime.dispose();
      }
    }
  });

  it('releases the session and names the factory after dispose()', async () => {
    let released = 0;
    const runtime = await createOnnxRuntime({
      ort,
      session: await openSession(ort, buildSyntheticModel({ preset: 'tiny' }), {}),
      ortPackage: 'onnxruntime-node',
      factoryName: 'createWebRuntime()',
      onReleased: () => released++,
    });
    await Promise.all([runtime.dispose(), runtime.dispose()]);
    expect(released).toBe(1);
    await expect(runtime.run({ ids, style, speed: 1 })).rejects.toThrow(/createWebRuntime\(\)/);
  });

  it('releases the session when the model is not a Kokoro model', async () => {
    const session = await openSession(
      ort,
      buildSyntheticModel({ preset: 'tiny', names: { style: 'ref_s' } }),
      {},
    );
    let released = false;
    const watched = new Proxy(session, {
      get: (target, key) =>
        key === 'release'
          ? async () => {
              released = true;
              return target.release();
            }
          : Reflect.get(target, key, target),
    }) as OrtSession;
    const error = await createOnnxRuntime({
      ort,
      session: watched,
      ortPackage: 'x',
      factoryName: 'x()',
    }).catch((e: unknown) => e);
    expect(ModelError.hasCode(error, 'INVALID_MODEL')).toBe(true);
    expect(released).toBe(true);
  });

  it('warns, naming the onnxruntime package, when the session declares no types', async () => {
    const session = await openSession(ort, buildSyntheticModel({ preset: 'tiny' }), {});
    const bare = new Proxy(session, {
      get: (target, key) =>
        key === 'inputMetadata' || key === 'outputMetadata' ? undefined : Reflect.get(target, key, target),
    }) as OrtSession;
    const warnings: RuntimeWarning[] = [];
    const runtime = await createOnnxRuntime({
      ort,
      session: bare,
      ortPackage: 'onnxruntime-web',
      factoryName: 'x()',
      onWarning: (w) => warnings.push(w),
    });
    await runtime.dispose();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('undeclared-types');
    expect(warnings[0]?.message).toContain('onnxruntime-web');
  });
});

describe('openSession', () => {
  it('turns empty and garbage bytes into INVALID_MODEL', async () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(1, 2, 3, 4)]) {
      const error = await openSession(ort, bytes, {}).catch((e: unknown) => e);
      expect(KokoroError.hasCode(error, 'INVALID_MODEL')).toBe(true);
    }
  });
});

describe('openTransformed', () => {
  const model = buildSyntheticModel({ preset: 'tiny', durations: true });
  const steps = (transform: ModelTransform, fallbacks: string[]) => ({
    transform,
    readOriginal: async () => model,
    openBytes: (bytes: Uint8Array) => openSession(ort, bytes, {}),
    openOriginal: () => openSession(ort, model, {}),
    onFallback: (message: string) => fallbacks.push(message),
  });

  it('opens the transformed bytes and returns them', async () => {
    const smaller = buildSyntheticModel({ preset: 'tiny' });
    const fallbacks: string[] = [];
    const opened = await openTransformed(steps({ id: 'drop', apply: () => smaller }, fallbacks));
    expect(opened.bytes).toBe(smaller);
    expect(opened.session.outputNames).toEqual(['waveform']);
    expect(fallbacks).toEqual([]);
    await opened.session.release();
  });

  it('falls back to the model as it is when the transform throws or its output does not load', async () => {
    for (const transform of [
      {
        id: 'throws',
        apply: () => {
          throw new Error('boom');
        },
      },
      { id: 'garbage', apply: () => Uint8Array.of(9, 9, 9) },
    ]) {
      const fallbacks: string[] = [];
      const opened = await openTransformed(steps(transform, fallbacks));
      expect(opened.bytes).toBeUndefined();
      expect(opened.session.outputNames).toContain('durations');
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]).toMatch(/Loaded the model as it is/);
      await opened.session.release();
    }
  });
});
