import { describe, expect, it } from 'vitest';
import { KokoroError } from '../errors';
import { type ModelRuntime, SAMPLES_PER_FRAME, STYLE_DIM } from '../types';

export interface ModelRuntimeContractOptions {
  create: () => Promise<ModelRuntime>;
  /** True if the model under test exports per-id durations. */
  durations: boolean;
  /**
   * True if the waveform length must be exactly 600 × Σ durations (synthetic models, PyTorch
   * exports); false for exports whose durations are fractional approximations.
   */
  exactFrames?: boolean;
}

const ids = (...values: number[]) => Int32Array.from([0, ...values, 0]);
const style = (seed = 1) =>
  Float32Array.from({ length: STYLE_DIM }, (_, i) => Math.sin(i * 0.37 + seed) * 0.2);

/** Behaviour every model runtime must have. */
export function testModelRuntime(name: string, options: ModelRuntimeContractOptions): void {
  describe(`ModelRuntime contract: ${name}`, () => {
    it('produces a finite mono waveform', async () => {
      const runtime = await options.create();
      try {
        const out = await runtime.run({ ids: ids(50, 83, 54, 156, 31), style: style(), speed: 1 });
        expect(out.waveform).toBeInstanceOf(Float32Array);
        expect(out.waveform.length).toBeGreaterThan(0);
        expect(out.waveform.every(Number.isFinite)).toBe(true);
      } finally {
        await runtime.dispose();
      }
    });

    it(`reports durations only when the model has them`, async () => {
      const runtime = await options.create();
      try {
        expect(runtime.outputs.durations).toBe(options.durations);
        const input = ids(50, 83, 54, 156, 31);
        const out = await runtime.run({ ids: input, style: style(), speed: 1 });
        if (!options.durations) {
          expect(out.durations).toBeUndefined();
          return;
        }
        expect(out.durations!.length).toBe(input.length);
        for (const d of out.durations!) expect(d).toBeGreaterThanOrEqual(options.exactFrames ? 1 : 0);
        if (options.exactFrames) {
          const frames = out.durations!.reduce((sum, d) => sum + d, 0);
          expect(out.waveform.length).toBe(frames * SAMPLES_PER_FRAME);
        }
      } finally {
        await runtime.dispose();
      }
    });

    it('speaks faster (shorter) at a higher speed', async () => {
      const runtime = await options.create();
      try {
        const input = { ids: ids(50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46), style: style() };
        const slow = await runtime.run({ ...input, speed: 1 });
        const fast = await runtime.run({ ...input, speed: 2 });
        expect(fast.waveform.length).toBeLessThan(slow.waveform.length);
      } finally {
        await runtime.dispose();
      }
    });

    it('rejects bad input with a typed error', async () => {
      const runtime = await options.create();
      try {
        const bad = [
          { ids: ids(50), style: new Float32Array(10), speed: 1 },
          { ids: new Int32Array(600), style: style(), speed: 1 },
          { ids: ids(50), style: style(), speed: 0 },
          { ids: ids(50), style: style(), speed: Number.NaN },
          { ids: Int32Array.from([0, 999, 0]), style: style(), speed: 1 },
        ];
        for (const input of bad) {
          const error = await runtime.run(input).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(
            KokoroError.hasCode(error, 'INVALID_ARGUMENT'),
            JSON.stringify({ ...input, ids: input.ids.length }),
          ).toBe(true);
        }
      } finally {
        await runtime.dispose();
      }
    });

    it('honours an aborted signal and refuses to run after dispose()', async () => {
      const runtime = await options.create();
      const controller = new AbortController();
      controller.abort();
      const aborted = await runtime
        .run({ ids: ids(50), style: style(), speed: 1 }, { signal: controller.signal })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(KokoroError.hasCode(aborted, 'ABORTED')).toBe(true);
      await runtime.dispose();
      await runtime.dispose(); // idempotent
      const disposed = await runtime.run({ ids: ids(50), style: style(), speed: 1 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(KokoroError.hasCode(disposed, 'DISPOSED')).toBe(true);
    });
  });
}
