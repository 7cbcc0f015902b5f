import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  BASE_DURATIONS,
  buildIdentityModel,
  buildSyntheticModel,
  describeSyntheticModel,
  FREQUENCIES,
  N_TOKEN,
  type SyntheticModelOptions,
  syntheticDurations,
  syntheticSampleCount,
} from './index';

type Speed = 'float32' | 'int32';

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so failures reproduce. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const styleOf = (seed: number, amplitude = 0.3) => {
  const next = lcg(seed);
  return Float32Array.from({ length: 256 }, () => (next() * 2 - 1) * amplitude);
};

async function session(options: SyntheticModelOptions) {
  return ort.InferenceSession.create(buildSyntheticModel(options));
}

async function run(
  s: ort.InferenceSession,
  ids: readonly number[],
  style: Float32Array,
  speed: number,
  opts: { names?: { ids: string; speed: string }; speedDtype?: Speed } = {},
) {
  const names = opts.names ?? { ids: 'input_ids', speed: 'speed' };
  const speedTensor =
    opts.speedDtype === 'int32'
      ? new ort.Tensor('int32', Int32Array.of(Math.trunc(speed)), [1])
      : new ort.Tensor('float32', Float32Array.of(speed), [1]);
  return s.run({
    [names.ids]: new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (id) => BigInt(id)),
      [1, ids.length],
    ),
    style: new ort.Tensor('float32', style, [1, 256]),
    [names.speed]: speedTensor,
  });
}

const utterance = [0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0];

describe('declared interface', () => {
  const variants: Array<{
    options: SyntheticModelOptions;
    inputs: Array<[string, string]>;
    outputs: Array<[string, string, Array<number | string>]>;
  }> = [
    {
      options: { preset: 'tiny' },
      inputs: [
        ['input_ids', 'int64'],
        ['style', 'float32'],
        ['speed', 'float32'],
      ],
      outputs: [['waveform', 'float32', ['num_samples']]],
    },
    {
      options: { preset: 'tiny', durations: true },
      inputs: [
        ['input_ids', 'int64'],
        ['style', 'float32'],
        ['speed', 'float32'],
      ],
      outputs: [
        ['waveform', 'float32', ['num_samples']],
        ['durations', 'float32', [1, 'num_tokens']],
      ],
    },
    {
      options: { preset: 'tiny', naming: 'kokoro-onnx', durations: true },
      inputs: [
        ['tokens', 'int64'],
        ['style', 'float32'],
        ['speed', 'float32'],
      ],
      outputs: [
        ['audio', 'float32', ['num_samples']],
        ['durations', 'float32', [1, 'num_tokens']],
      ],
    },
    {
      options: { preset: 'tiny', speedDtype: 'int32' },
      inputs: [
        ['input_ids', 'int64'],
        ['style', 'float32'],
        ['speed', 'int32'],
      ],
      outputs: [['waveform', 'float32', ['num_samples']]],
    },
    {
      options: { preset: 'tiny', naming: 'hexgrad', durations: true },
      inputs: [
        ['input_ids', 'int64'],
        ['style', 'float32'],
        ['speed', 'int32'],
      ],
      outputs: [
        ['waveform', 'float32', ['num_samples']],
        ['duration', 'int64', ['num_tokens']],
      ],
    },
  ];

  for (const { options, inputs, outputs } of variants) {
    it(`declares the expected names and types: ${JSON.stringify(options)}`, async () => {
      const s = await session(options);
      try {
        expect(s.inputMetadata.map((m) => [m.name, m.isTensor ? m.type : 'none'])).toEqual(inputs);
        expect(s.inputMetadata[0]).toMatchObject({ shape: [1, 'num_tokens'] });
        expect(s.inputMetadata[1]).toMatchObject({ shape: [1, 256] });
        expect(s.inputMetadata[2]).toMatchObject({ shape: [1] });
        expect(
          s.outputMetadata.map((m) => [m.name, m.isTensor ? m.type : 'none', m.isTensor ? m.shape : []]),
        ).toEqual(outputs);
      } finally {
        await s.release();
      }
    });
  }

  it('describeSyntheticModel reports the same names', () => {
    expect(describeSyntheticModel({ preset: 'tiny', naming: 'kokoro-onnx', durations: true })).toEqual({
      ids: 'tokens',
      style: 'style',
      speed: 'speed',
      speedDtype: 'float32',
      waveform: 'audio',
      durations: { name: 'durations', type: 'float32' },
    });
  });

  it('applies name overrides', async () => {
    const s = await session({ preset: 'tiny', names: { ids: 'phonemes', waveform: 'wav' } });
    try {
      expect(s.inputNames).toEqual(['phonemes', 'style', 'speed']);
      expect(s.outputNames).toEqual(['wav']);
    } finally {
      await s.release();
    }
  });
});

describe('durations', () => {
  it('equal the TypeScript reference exactly over many random inputs', async () => {
    const s = await session({ preset: 'tiny', durations: true });
    const next = lcg(7);
    try {
      for (let trial = 0; trial < 60; trial++) {
        const length = 2 + Math.floor(next() * 120);
        const ids = Array.from({ length }, (_, i) =>
          i === 0 || i === length - 1 ? 0 : Math.floor(next() * N_TOKEN),
        );
        // Amplitudes up to 1.5 push the prosody factor into its clip limits too.
        const style = styleOf(trial + 1, 0.05 + next() * 1.5);
        const speed = [0.5, 0.8, 1, 1.1, 1.37, 2, 3.3][trial % 7]!;
        const out = await run(s, ids, style, speed);
        const expected = syntheticDurations(ids, style, speed);
        expect(out.durations!.dims).toEqual([1, length]);
        expect(Array.from(out.durations!.data as Float32Array)).toEqual(Array.from(expected));
        expect(out.waveform!.dims).toEqual([syntheticSampleCount(expected)]);
      }
    } finally {
      await s.release();
    }
  });

  it('cover every id in the table', async () => {
    const s = await session({ preset: 'tiny', durations: true });
    try {
      const ids = Array.from({ length: N_TOKEN }, (_, i) => i);
      const style = styleOf(3, 0.2);
      const out = await run(s, ids, style, 1);
      expect(Array.from(out.durations!.data as Float32Array)).toEqual(
        Array.from(syntheticDurations(ids, style, 1)),
      );
    } finally {
      await s.release();
    }
  });

  it('round halves to even, like ONNX Round and torch.round', async () => {
    // With an all-zero style the prosody factor is exactly 1, so durations are the base values.
    const half = [...BASE_DURATIONS.keys()].filter((id) => BASE_DURATIONS[id]! % 1 === 0.5);
    expect(half.length).toBeGreaterThan(0);
    const s = await session({ preset: 'tiny', durations: true });
    try {
      const out = await run(s, half, new Float32Array(256), 1);
      const got = Array.from(out.durations!.data as Float32Array);
      expect(got).toEqual(half.map((id) => 2 * Math.round(BASE_DURATIONS[id]! / 2)));
    } finally {
      await s.release();
    }
  });

  it('depend on the prosody half of the style only', async () => {
    const s = await session({ preset: 'tiny', durations: true });
    try {
      const style = styleOf(11, 0.2);
      const timbreChanged = style.slice();
      const prosodyChanged = style.slice();
      for (let i = 0; i < 128; i++) timbreChanged[i] = timbreChanged[i]! + 0.3;
      for (let i = 128; i < 256; i++) prosodyChanged[i] = prosodyChanged[i]! + 0.1;
      const base = await run(s, utterance, style, 1);
      const timbre = await run(s, utterance, timbreChanged, 1);
      const prosody = await run(s, utterance, prosodyChanged, 1);
      expect(timbre.durations!.data).toEqual(base.durations!.data);
      expect(prosody.durations!.data).not.toEqual(base.durations!.data);
      expect(syntheticSampleCount(prosody.durations!.data as Float32Array)).toBeGreaterThan(
        syntheticSampleCount(base.durations!.data as Float32Array),
      );
    } finally {
      await s.release();
    }
  });

  it('are never below one frame', async () => {
    const s = await session({ preset: 'tiny', durations: true });
    try {
      const out = await run(s, utterance, styleOf(2, 2), 50);
      expect(Array.from(out.durations!.data as Float32Array)).toEqual(utterance.map(() => 1));
      expect(out.waveform!.dims).toEqual([utterance.length * 600]);
    } finally {
      await s.release();
    }
  });

  it('come out as int64 [T] under hexgrad naming', async () => {
    const s = await session({ preset: 'tiny', naming: 'hexgrad', durations: true });
    try {
      const style = styleOf(5);
      const out = await run(s, utterance, style, 2, { speedDtype: 'int32' });
      expect(out.duration!.type).toBe('int64');
      expect(out.duration!.dims).toEqual([utterance.length]);
      const expected = syntheticDurations(utterance, style, 2, { speedDtype: 'int32' });
      expect(Array.from(out.duration!.data as BigInt64Array, Number)).toEqual(Array.from(expected));
    } finally {
      await s.release();
    }
  });
});

describe('speed', () => {
  it('about halves the length at speed 2', async () => {
    const s = await session({ preset: 'tiny' });
    try {
      const next = lcg(99);
      const ids = [0, ...Array.from({ length: 300 }, () => 1 + Math.floor(next() * 177)), 0];
      const style = styleOf(4);
      const slow = (await run(s, ids, style, 1)).waveform!.data.length;
      const fast = (await run(s, ids, style, 2)).waveform!.data.length;
      expect(fast / slow).toBeGreaterThan(0.45);
      expect(fast / slow).toBeLessThan(0.55);
    } finally {
      await s.release();
    }
  });

  it('is cast from int32 inside the int32 variant', async () => {
    const s = await session({ preset: 'tiny', speedDtype: 'int32', durations: true });
    try {
      const style = styleOf(6);
      for (const speed of [1, 2, 3]) {
        const out = await run(s, utterance, style, speed, { speedDtype: 'int32' });
        expect(Array.from(out.durations!.data as Float32Array)).toEqual(
          Array.from(syntheticDurations(utterance, style, speed, { speedDtype: 'int32' })),
        );
      }
      // A float32 tensor is refused: the declared type is int32.
      await expect(run(s, utterance, style, 1.5)).rejects.toThrow();
    } finally {
      await s.release();
    }
  });
});

describe('waveform', () => {
  it('has 600 samples per frame, a bounded peak, and follows the style timbre', async () => {
    const s = await session({ preset: 'tiny', naming: 'kokoro-onnx', durations: true });
    try {
      const style = styleOf(8);
      const names = { ids: 'tokens', speed: 'speed' };
      const a = await run(s, utterance, style, 1, { names });
      const louder = style.slice();
      for (let i = 0; i < 128; i++) louder[i] = louder[i]! + 0.2;
      const b = await run(s, utterance, louder, 1, { names });
      const wa = a.audio!.data as Float32Array;
      const wb = b.audio!.data as Float32Array;
      expect(wa.length).toBe(600 * (a.durations!.data as Float32Array).reduce((x, y) => x + y, 0));
      expect(wb.length).toBe(wa.length);
      expect(wa.every(Number.isFinite)).toBe(true);
      const peak = (w: Float32Array) => w.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(peak(wa)).toBeGreaterThan(0.1);
      expect(peak(wa)).toBeLessThanOrEqual(0.5);
      expect(peak(wb)).toBeGreaterThan(peak(wa));
      expect(peak(wb)).toBeLessThanOrEqual(0.5);
    } finally {
      await s.release();
    }
  });

  it('is a tone at each id’s frequency', async () => {
    // mean(style[0:64]) − mean(style[64:128]) = −2 makes the harmonic weight sigmoid(−16) ≈ 1e-7,
    // and mean(style[0:128]) = −1 makes the amplitude 0.3 + 0.1·tanh(−4).
    const style = new Float32Array(256);
    style.fill(-2, 0, 64);
    const amp = 0.3 + 0.1 * Math.tanh(-4);
    const s = await session({ preset: 'tiny', durations: true });
    try {
      const ids = [0, 42, 120, 0];
      const out = await run(s, ids, style, 1);
      const durations = out.durations!.data as Float32Array;
      const wave = out.waveform!.data as Float32Array;
      let n = 0;
      for (let k = 0; k < ids.length; k++) {
        const freq = FREQUENCIES[ids[k]!]!;
        for (let j = 0; j < durations[k]! * 600; j++, n++) {
          expect(wave[n]).toBeCloseTo(amp * Math.sin((2 * Math.PI * freq * (n % 24000)) / 24000), 3);
        }
      }
      expect(n).toBe(wave.length);
    } finally {
      await s.release();
    }
  });
});

describe('determinism and errors', () => {
  it('gives the same bytes on every call, and different bytes per variant', () => {
    const options: SyntheticModelOptions = { preset: 'tiny', durations: true, naming: 'kokoro-onnx' };
    const first = buildSyntheticModel(options);
    expect(first).toBeInstanceOf(Uint8Array);
    expect(buildSyntheticModel({ ...options })).toEqual(first);
    expect(buildSyntheticModel({ preset: 'tiny', durations: true })).not.toEqual(first);
  });

  it('gives the same outputs on every run', async () => {
    const s1 = await session({ preset: 'tiny' });
    const s2 = await session({ preset: 'tiny' });
    try {
      const style = styleOf(10);
      const a = await run(s1, utterance, style, 1.2);
      const b = await run(s2, utterance, style, 1.2);
      expect(a.waveform!.data).toEqual(b.waveform!.data);
    } finally {
      await s1.release();
      await s2.release();
    }
  });

  it('fails in Gather for ids outside 0..177', async () => {
    const s = await session({ preset: 'tiny' });
    try {
      await expect(run(s, [0, 177, 0], styleOf(1), 1)).resolves.toBeDefined();
      for (const bad of [178, 999, -1, -178]) {
        await expect(run(s, [0, bad, 0], styleOf(1), 1)).rejects.toThrow(/Gather|out of|bounds/i);
      }
    } finally {
      await s.release();
    }
  });

  it('refuses unknown options with INVALID_ARGUMENT (marked as a kokoro-kit error)', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        const marked = (error as Record<symbol, unknown>)[Symbol.for('kokoro-kit.error')] === true;
        return [marked, (error as { code?: string }).code, (error as Error).message];
      }
      return undefined;
    };
    const huge = codeOf(() => buildSyntheticModel({ preset: 'huge' } as never));
    expect(huge?.slice(0, 2)).toEqual([true, 'INVALID_ARGUMENT']);
    expect(huge?.[2]).toMatch(/use 'tiny' or 'full'/);
    expect(codeOf(() => buildSyntheticModel({ preset: 'full', naming: 'other' } as never))?.[1]).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => buildSyntheticModel({ preset: 'tiny', naming: 'other' } as never))?.[1]).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => buildSyntheticModel({ preset: 'tiny', speedDtype: 'int8' } as never))?.[1]).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => buildSyntheticModel({ preset: 'tiny', names: { style: 'input_ids' } }))?.[1]).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('builds an unrelated identity model', async () => {
    const s = await ort.InferenceSession.create(buildIdentityModel({ input: 'a', output: 'b' }));
    try {
      expect(s.inputNames).toEqual(['a']);
      expect(s.outputNames).toEqual(['b']);
      const out = await s.run({ a: new ort.Tensor('float32', Float32Array.of(1, 2), [2]) });
      expect(Array.from(out.b!.data as Float32Array)).toEqual([1, 2]);
    } finally {
      await s.release();
    }
  });
});
