import { describe, expect, it } from 'vitest';
import { KokoroError } from '../errors';
import { STYLE_DIM, type VoiceStore } from '../types';

export interface VoiceStoreContractOptions {
  create: () => VoiceStore | Promise<VoiceStore>;
  /** Two voices the store holds. */
  voices: [string, string];
}

/** Behaviour every voice store must have. */
export function testVoiceStore(name: string, options: VoiceStoreContractOptions): void {
  const [a, b] = options.voices;
  describe(`VoiceStore contract: ${name}`, () => {
    it('lists the voices it holds', async () => {
      const names = (await (await options.create()).list()).map((v) => v.name);
      expect(names).toContain(a);
      expect(names).toContain(b);
    });

    it('returns packs whose style rows have 256 finite floats', async () => {
      const pack = await (await options.create()).get(a);
      expect(pack.name).toBe(a);
      for (const count of [1, 2, 50, pack.rows, pack.rows + 100]) {
        const style = pack.styleFor(count);
        expect(style.length).toBe(STYLE_DIM);
        expect(style.every(Number.isFinite)).toBe(true);
      }
    });

    it('selects row count − 1 (the PyTorch reference), clamped', async () => {
      const pack = await (await options.create()).get(a);
      expect(Array.from(pack.styleFor(1))).toEqual(Array.from(pack.data.subarray(0, STYLE_DIM)));
      expect(Array.from(pack.styleFor(10))).toEqual(
        Array.from(pack.data.subarray(9 * STYLE_DIM, 10 * STYLE_DIM)),
      );
      const last = (pack.rows - 1) * STYLE_DIM;
      expect(Array.from(pack.styleFor(10_000))).toEqual(
        Array.from(pack.data.subarray(last, last + STYLE_DIM)),
      );
      expect(Array.from(pack.styleFor(0))).toEqual(Array.from(pack.styleFor(1)));
    });

    it('blends: a(1)+b(1) is the element-wise mean', async () => {
      const store = await options.create();
      const [pa, pb, blend] = await Promise.all([store.get(a), store.get(b), store.get(`${a}(1)+${b}(1)`)]);
      for (let i = 0; i < pa.data.length; i += 997) {
        expect(blend.data[i]).toBeCloseTo((pa.data[i]! + pb.data[i]!) / 2, 6);
      }
    });

    it('rejects an unknown voice with a typed error', async () => {
      const error = await (await options.create()).get('zz_nobody').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(KokoroError.hasCode(error, 'UNKNOWN_VOICE')).toBe(true);
    });

    it('never resolves a name outside the store', async () => {
      const store = await options.create();
      for (const bad of ['../../etc/passwd', '/etc/passwd', `..\\${a}`, `${a}/../${a}`]) {
        const error = await store.get(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(KokoroError.isInstance(error), bad).toBe(true);
      }
    });

    it('rejects malformed expressions with a typed error', async () => {
      const store = await options.create();
      for (const bad of [`${a}(`, `${a}(x)`, `${a}++${b}`, '', `${a}:`, `${a}(-1)`]) {
        const error = await store.get(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(KokoroError.hasCode(error, 'INVALID_VOICE_EXPRESSION'), JSON.stringify(bad)).toBe(true);
      }
    });
  });
}
