import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KokoroError, type ModelRuntime, STYLE_DIM } from '@kokoro-kit/core';
import { testModelRuntime } from '@kokoro-kit/core/testing';
import {
  buildIdentityModel,
  buildSyntheticModel,
  type SyntheticModelOptions,
  syntheticDurations,
  writeSyntheticModel,
} from '@kokoro-kit/synthetic-model/node';
import * as realOrt from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRuntime, type NodeRuntimeWarning, type OrtModule } from './index';

const ort = realOrt as unknown as OrtModule;

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
    name: 'kokoro-onnx naming, no durations',
    options: { preset: 'tiny', naming: 'kokoro-onnx' },
    durations: false,
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
  testModelRuntime(`runtime-node on synthetic ${variant.name}`, {
    create: () => createNodeRuntime({ model: bytes, ort }),
    durations: variant.durations,
    exactFrames: true,
  });
}

const ids = Int32Array.from([0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0]);
const style = (seed = 1) =>
  Float32Array.from({ length: STYLE_DIM }, (_, i) => Math.sin(i * 0.37 + seed) * 0.3);

async function errorOf(promise: Promise<unknown>): Promise<KokoroError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!KokoroError.isInstance(error)) throw new Error(`expected a KokoroError, got ${String(error)}`);
  return error;
}

async function using<T>(runtime: Promise<ModelRuntime & T>, body: (r: ModelRuntime & T) => Promise<void>) {
  const r = await runtime;
  try {
    await body(r);
  } finally {
    await r.dispose();
  }
}

describe('interface detection', () => {
  const cases: Array<[SyntheticModelOptions, object]> = [
    [
      { preset: 'tiny' },
      {
        kind: 'onnx-community',
        inputs: { ids: 'input_ids', style: 'style', speed: 'speed' },
        outputs: { waveform: 'waveform' },
        idsType: 'int64',
        speedType: 'float32',
        typesDeclared: true,
      },
    ],
    [
      { preset: 'tiny', durations: true },
      {
        kind: 'onnx-community',
        inputs: { ids: 'input_ids', style: 'style', speed: 'speed' },
        outputs: { waveform: 'waveform', durations: 'durations' },
        idsType: 'int64',
        speedType: 'float32',
        durationsType: 'float32',
        typesDeclared: true,
      },
    ],
    [
      { preset: 'tiny', naming: 'kokoro-onnx', durations: true },
      {
        kind: 'kokoro-onnx',
        inputs: { ids: 'tokens', style: 'style', speed: 'speed' },
        outputs: { waveform: 'audio', durations: 'durations' },
        idsType: 'int64',
        speedType: 'float32',
        durationsType: 'float32',
        typesDeclared: true,
      },
    ],
    [
      // The names say nothing about the speed type; only the declaration does (spec §3.3).
      { preset: 'tiny', naming: 'kokoro-onnx', speedDtype: 'int32' },
      {
        kind: 'kokoro-onnx',
        inputs: { ids: 'tokens', style: 'style', speed: 'speed' },
        outputs: { waveform: 'audio' },
        idsType: 'int64',
        speedType: 'int32',
        typesDeclared: true,
      },
    ],
    [
      { preset: 'tiny', naming: 'hexgrad', durations: true },
      {
        kind: 'onnx-community',
        inputs: { ids: 'input_ids', style: 'style', speed: 'speed' },
        outputs: { waveform: 'waveform', durations: 'duration' },
        idsType: 'int64',
        speedType: 'int32',
        durationsType: 'int64',
        typesDeclared: true,
      },
    ],
  ];
  for (const [options, expected] of cases) {
    it(`detects ${JSON.stringify(options)}`, async () => {
      await using(createNodeRuntime({ model: buildSyntheticModel(options), ort }), async (runtime) => {
        expect(runtime.interface).toEqual(expected);
        expect(runtime.outputs.durations).toBe(options.durations === true);
      });
    });
  }
});

describe('outputs', () => {
  it('returns durations equal to the synthetic reference, and 600 samples per frame', async () => {
    for (const options of [
      { preset: 'tiny', durations: true },
      { preset: 'tiny', durations: true, naming: 'kokoro-onnx' },
    ] as const) {
      await using(createNodeRuntime({ model: buildSyntheticModel(options), ort }), async (runtime) => {
        for (const speed of [0.6, 1, 1.25, 2.2]) {
          const s = style(speed);
          const out = await runtime.run({ ids, style: s, speed });
          const expected = syntheticDurations(ids, s, speed);
          expect(out.durations).toEqual(expected);
          expect(out.waveform.length).toBe(600 * expected.reduce((a, b) => a + b, 0));
        }
      });
    }
  });

  it('converts int64 `duration` (hexgrad export) to float32 frames', async () => {
    const model = buildSyntheticModel({ preset: 'tiny', naming: 'hexgrad', durations: true });
    await using(createNodeRuntime({ model, ort }), async (runtime) => {
      const out = await runtime.run({ ids, style: style(), speed: 2 });
      expect(out.durations).toBeInstanceOf(Float32Array);
      expect(out.durations).toEqual(syntheticDurations(ids, style(), 2, { speedDtype: 'int32' }));
    });
  });

  it('feeds a whole int32 speed to int32-speed models, and warns when it truncates', async () => {
    const warnings: NodeRuntimeWarning[] = [];
    const fed: Array<{ type: string; data: number[] }> = [];
    const model = buildSyntheticModel({ preset: 'tiny', speedDtype: 'int32', durations: true });
    const runtime = await createNodeRuntime({
      model,
      ort: spyOrt({
        onRun: (feeds) =>
          fed.push({ type: feeds.speed!.type, data: Array.from(feeds.speed!.data as Int32Array) }),
      }),
      onWarning: (w) => warnings.push(w),
    });
    try {
      const out = await runtime.run({ ids, style: style(), speed: 2.7 });
      expect(fed).toEqual([{ type: 'int32', data: [2] }]);
      expect(out.durations).toEqual(syntheticDurations(ids, style(), 2, { speedDtype: 'float32' }));
      expect(warnings.map((w) => w.kind)).toEqual(['speed-truncated']);
      expect(warnings[0]!.message).toMatch(/2\.7.*2/);

      await runtime.run({ ids, style: style(), speed: 3 });
      expect(warnings).toHaveLength(1);

      // Truncating below 1 would divide by zero inside the model.
      const error = await errorOf(runtime.run({ ids, style: style(), speed: 0.5 }));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(/int32/);
    } finally {
      await runtime.dispose();
    }
  });

  it('feeds float32 speeds unchanged to float32-speed models', async () => {
    const fed: Array<{ type: string; data: number[] }> = [];
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny' }),
      ort: spyOrt({
        onRun: (feeds) =>
          fed.push({ type: feeds.speed!.type, data: Array.from(feeds.speed!.data as Float32Array) }),
      }),
    });
    try {
      await runtime.run({ ids, style: style(), speed: 1.25 });
      expect(fed).toEqual([{ type: 'float32', data: [1.25] }]);
    } finally {
      await runtime.dispose();
    }
  });

  it('disposes the input tensors it creates', async () => {
    let feeds: Record<string, realOrt.Tensor> = {};
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny' }),
      ort: spyOrt({ onRun: (f) => (feeds = f) }),
    });
    try {
      await runtime.run({ ids, style: style(), speed: 1 });
      expect(Object.keys(feeds).sort()).toEqual(['input_ids', 'speed', 'style']);
      for (const tensor of Object.values(feeds)) expect(() => tensor.data).toThrow(/disposed/);
    } finally {
      await runtime.dispose();
    }
  });

  it('copies the style, so a view into a voice pack works', async () => {
    const pack = new Float32Array(STYLE_DIM * 3);
    pack.set(style(4), STYLE_DIM);
    const view = pack.subarray(STYLE_DIM, 2 * STYLE_DIM);
    await using(
      createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny', durations: true }), ort }),
      async (runtime) => {
        const a = await runtime.run({ ids, style: view, speed: 1 });
        const b = await runtime.run({ ids, style: style(4), speed: 1 });
        expect(a.waveform).toEqual(b.waveform);
      },
    );
  });

  it('gives different audio for different styles', async () => {
    await using(
      createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny' }), ort }),
      async (runtime) => {
        const a = await runtime.run({ ids, style: style(1), speed: 1 });
        const b = await runtime.run({ ids, style: style(2), speed: 1 });
        expect(a.waveform).not.toEqual(b.waveform);
      },
    );
  });

  it('flattens a waveform of any rank and selects outputs by name', async () => {
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny', durations: true }),
      ort: spyOrt({
        // Like some exports: waveform [1, N], an extra output listed first.
        transform: (out) => ({
          num_samples: new realOrt.Tensor('int64', BigInt64Array.of(BigInt(out.waveform!.data.length)), [1]),
          waveform: new realOrt.Tensor('float32', out.waveform!.data as Float32Array, [
            1,
            out.waveform!.data.length,
          ]),
          durations: out.durations!,
        }),
      }),
    });
    try {
      const out = await runtime.run({ ids, style: style(), speed: 1 });
      expect(out.waveform.length).toBe(600 * syntheticDurations(ids, style(), 1).reduce((a, b) => a + b, 0));
    } finally {
      await runtime.dispose();
    }
  });

  it('reports onnxruntime failures during a run as MODEL_RUN_FAILED with the cause', async () => {
    const cause = new Error('native failure');
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny' }),
      ort: spyOrt({
        onRun: () => {
          throw cause;
        },
      }),
    });
    try {
      const error = await errorOf(runtime.run({ ids, style: style(), speed: 1 }));
      expect(error.code).toBe('MODEL_RUN_FAILED');
      expect(error.message).toMatch(/native failure/);
      expect(error.cause).toBe(cause);
    } finally {
      await runtime.dispose();
    }
  });
});

describe('input validation', () => {
  it('rejects each bad input with INVALID_ARGUMENT and a message naming the field', async () => {
    await using(
      createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny' }), ort }),
      async (runtime) => {
        const good = { ids, style: style(), speed: 1 };
        const bad: Array<[object, RegExp]> = [
          [{ ...good, ids: Int32Array.of(0) }, /ids.*1 values.*2\.\.512/],
          [{ ...good, ids: new Int32Array(513) }, /513 values/],
          [{ ...good, ids: Int32Array.of(0, 178, 0) }, /ids\[1\].*178.*0\.\.177/],
          [{ ...good, ids: Int32Array.of(0, -3, 0) }, /ids\[1\].*-3/],
          [{ ...good, ids: Float32Array.of(0, 1.5, 0) }, /ids\[1\].*1\.5/],
          [{ ...good, ids: 'abc' }, /Int32Array/],
          [{ ...good, style: new Float32Array(255) }, /style.*256.*255/],
          [
            { ...good, style: Float32Array.from({ length: 256 }, (_, i) => (i === 7 ? Number.NaN : 0)) },
            /style\[7\].*NaN/,
          ],
          [
            {
              ...good,
              style: Float32Array.from({ length: 256 }, (_, i) => (i === 9 ? Number.POSITIVE_INFINITY : 0)),
            },
            /style\[9\]/,
          ],
          [{ ...good, speed: 0 }, /speed/],
          [{ ...good, speed: -1 }, /speed/],
          [{ ...good, speed: Number.POSITIVE_INFINITY }, /speed/],
          [{ ...good, speed: '1' }, /speed/],
        ];
        for (const [input, message] of bad) {
          const error = await errorOf(runtime.run(input as never));
          expect(error.code).toBe('INVALID_ARGUMENT');
          expect(error.message).toMatch(message);
        }
        // The limits themselves are fine.
        await expect(runtime.run({ ...good, ids: Int32Array.of(0, 0) })).resolves.toBeDefined();
        await expect(
          runtime.run({ ...good, ids: Int32Array.from({ length: 512 }, (_, i) => i % 178) }),
        ).resolves.toBeDefined();
      },
    );
  });
});

describe('loading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runtime-node-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads from a path as from bytes, through the default onnxruntime-node import', async () => {
    const path = join(dir, 'model.onnx');
    await writeSyntheticModel(path, { preset: 'tiny', naming: 'kokoro-onnx', durations: true });
    const fromPath = await createNodeRuntime({ model: path });
    const fromBytes = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny', naming: 'kokoro-onnx', durations: true }),
    });
    try {
      expect(fromPath.interface).toEqual(fromBytes.interface);
      const input = { ids, style: style(), speed: 1.1 };
      expect((await fromPath.run(input)).waveform).toEqual((await fromBytes.run(input)).waveform);
    } finally {
      await fromPath.dispose();
      await fromBytes.dispose();
    }
  });

  it('reports a missing file as MODEL_NOT_FOUND naming the path', async () => {
    const path = join(dir, 'nope', 'model.onnx');
    const error = await errorOf(createNodeRuntime({ model: path, ort }));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.name).toBe('ModelError');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/download/);
  });

  it('reports garbage, empty or directory models as INVALID_MODEL', async () => {
    const garbage = new TextEncoder().encode('this is not an onnx file at all');
    const garbagePath = join(dir, 'garbage.onnx');
    await writeFile(garbagePath, garbage);
    const folder = join(dir, 'folder.onnx');
    await mkdir(folder);
    const truncated = buildSyntheticModel({ preset: 'tiny' }).subarray(0, 500);
    for (const model of [garbage, garbagePath, new Uint8Array(0), folder, truncated]) {
      const error = await errorOf(createNodeRuntime({ model, ort }));
      expect(error.code, String(model)).toBe('INVALID_MODEL');
    }
    const fromPath = await errorOf(createNodeRuntime({ model: garbagePath, ort }));
    expect(fromPath.message).toContain(garbagePath);
    expect(fromPath.cause).toBeDefined();
  });

  it('reports a graph with unrelated names as INVALID_MODEL listing found and expected names', async () => {
    const error = await errorOf(
      createNodeRuntime({ model: buildIdentityModel({ input: 'pixels', output: 'logits' }), ort }),
    );
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toContain('inputs [pixels]');
    expect(error.message).toContain('outputs [logits]');
    for (const expected of ['input_ids', 'tokens', 'style', 'speed', 'waveform', 'audio']) {
      expect(error.message).toContain(expected);
    }
  });

  it('reports a graph with one wrong name as INVALID_MODEL saying which role is missing', async () => {
    const model = buildSyntheticModel({ preset: 'tiny', names: { waveform: 'wav' } });
    const error = await errorOf(createNodeRuntime({ model, ort }));
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(/lacks an audio output/);
    expect(error.message).toContain('outputs [wav]');
  });

  it('rejects bad options with INVALID_ARGUMENT', async () => {
    const model = buildSyntheticModel({ preset: 'tiny' });
    const bad: unknown[] = [
      undefined,
      { model: 42 },
      { model: '' },
      { model, sessionOptions: { intraOpNumThreads: -1 } },
      { model, sessionOptions: { interOpNumThreads: 1.5 } },
      { model, sessionOptions: { graphOptimizationLevel: 'max' } },
      { model, sessionOptions: { executionMode: 'fast' } },
    ];
    for (const options of bad) {
      const error = await errorOf(createNodeRuntime({ ort, ...(options as object) } as never));
      expect(error.code, JSON.stringify(options)).toBe('INVALID_ARGUMENT');
    }
  });

  it('uses all available cores by default and passes session options through', async () => {
    const seen: object[] = [];
    const model = buildSyntheticModel({ preset: 'tiny' });
    const spy = spyOrt({ onCreate: (options) => seen.push(options) });
    const a = await createNodeRuntime({ model, ort: spy });
    const b = await createNodeRuntime({
      model,
      ort: spy,
      sessionOptions: {
        intraOpNumThreads: 1,
        interOpNumThreads: 2,
        graphOptimizationLevel: 'basic',
        enableCpuMemArena: false,
        enableMemPattern: false,
        executionMode: 'parallel',
      },
    });
    try {
      expect(seen[0]).toMatchObject({
        intraOpNumThreads: availableParallelism(),
        graphOptimizationLevel: 'all',
      });
      expect(a.sessionOptions.intraOpNumThreads).toBe(availableParallelism());
      expect(seen[1]).toMatchObject({
        intraOpNumThreads: 1,
        interOpNumThreads: 2,
        graphOptimizationLevel: 'basic',
        enableCpuMemArena: false,
        enableMemPattern: false,
        executionMode: 'parallel',
      });
      // Both still run.
      expect((await b.run({ ids, style: style(), speed: 1 })).waveform.length).toBeGreaterThan(0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('honours an already-aborted signal when loading', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const error = await errorOf(
      createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny' }), ort, signal: controller.signal }),
    );
    expect(error.code).toBe('ABORTED');
  });
});

describe('lifecycle', () => {
  it('discards the result when the signal aborts during a run', async () => {
    await using(
      createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny' }), ort }),
      async (runtime) => {
        const controller = new AbortController();
        const pending = runtime.run({ ids, style: style(), speed: 1 }, { signal: controller.signal });
        controller.abort();
        expect((await errorOf(pending)).code).toBe('ABORTED');
        // The runtime is still usable.
        await expect(runtime.run({ ids, style: style(), speed: 1 })).resolves.toBeDefined();
      },
    );
  });

  it('lets runs in flight finish before releasing the session; dispose is idempotent', async () => {
    let released = 0;
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny', durations: true }),
      ort: spyOrt({ onRelease: () => released++ }),
    });
    const pending = runtime.run({ ids, style: style(), speed: 1 });
    const first = runtime.dispose();
    const second = runtime.dispose();
    const out = await pending;
    expect(out.durations).toEqual(syntheticDurations(ids, style(), 1));
    await Promise.all([first, second, runtime.dispose()]);
    expect(released).toBe(1);
    expect((await errorOf(runtime.run({ ids, style: style(), speed: 1 }))).code).toBe('DISPOSED');
  });
});

/**
 * The real onnxruntime-node module with its sessions wrapped, to observe what the runtime feeds
 * and to inject what a real export might return. Everything still runs in onnxruntime.
 */
function spyOrt(hooks: {
  onCreate?: (options: object) => void;
  onRun?: (feeds: Record<string, realOrt.Tensor>) => void;
  transform?: (out: Record<string, realOrt.Tensor>) => Record<string, realOrt.Tensor>;
  onRelease?: () => void;
}): OrtModule {
  const create = async (model: string | Uint8Array, options: realOrt.InferenceSession.SessionOptions) => {
    hooks.onCreate?.(options);
    const session =
      typeof model === 'string'
        ? await realOrt.InferenceSession.create(model, options)
        : await realOrt.InferenceSession.create(model, options);
    return new Proxy(session, {
      get(target, key) {
        if (key === 'run') {
          return async (feeds: Record<string, realOrt.Tensor>, fetches: string[]) => {
            hooks.onRun?.(feeds);
            const out = (await target.run(feeds, fetches)) as Record<string, realOrt.Tensor>;
            return hooks.transform ? hooks.transform(out) : out;
          };
        }
        if (key === 'release') {
          return async () => {
            hooks.onRelease?.();
            await target.release();
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return { ...realOrt, InferenceSession: { create } } as unknown as OrtModule;
}

describe('older onnxruntime-node without metadata', () => {
  it('assumes float32 speed and warns', async () => {
    const warnings: NodeRuntimeWarning[] = [];
    const base = spyOrt({});
    const noMetadata = {
      ...base,
      InferenceSession: {
        create: async (...args: Parameters<typeof realOrt.InferenceSession.create>) => {
          const session = await (base.InferenceSession.create as typeof realOrt.InferenceSession.create)(
            ...args,
          );
          return new Proxy(session, {
            get: (target, key) =>
              key === 'inputMetadata' || key === 'outputMetadata'
                ? undefined
                : Reflect.get(target, key, target),
          });
        },
      },
    } as unknown as OrtModule;
    const runtime = await createNodeRuntime({
      model: buildSyntheticModel({ preset: 'tiny', durations: true }),
      ort: noMetadata,
      onWarning: (w) => warnings.push(w),
    });
    try {
      expect(runtime.interface.typesDeclared).toBe(false);
      expect(runtime.interface.speedType).toBe('float32');
      expect(warnings.map((w) => w.kind)).toEqual(['undeclared-types']);
      const out = await runtime.run({ ids, style: style(), speed: 1.5 });
      expect(out.durations).toEqual(syntheticDurations(ids, style(), 1.5));
    } finally {
      await runtime.dispose();
    }
  });
});
