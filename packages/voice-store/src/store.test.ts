import { getEventListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KokoroError, STYLE_DIM } from '@kokoro-kit/core';
import { testVoiceStore } from '@kokoro-kit/core/testing';
import { realVoicesDir } from '@kokoro-kit/test-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { npyBytes, rejection, zipBytes } from './__fixtures__/build';
import { createBundleVoiceLoader } from './bundle-loader';
import { createVoiceStore, type VoiceLoader } from './store';
import { createVoicePack, VOICE_PACK_FLOATS } from './voice-pack';

const NAMES = ['af_heart', 'af_bella', 'bm_george'] as const;
const bins = new Map<string, Uint8Array>();
let npz: Uint8Array;

beforeAll(async () => {
  for (const name of NAMES)
    bins.set(name, new Uint8Array(await readFile(join(realVoicesDir, `${name}.bin`))));
  npz = zipBytes(
    NAMES.map((name) => ({ name: `${name}.npy`, data: npyBytes(bins.get(name)!), deflate: true })),
  );
});

/** An in-memory loader that counts loads and can be slowed down to test sharing and aborts. */
function memoryLoader(options: { delayMs?: number } = {}) {
  const loads: string[] = [];
  const aborted: string[] = [];
  const loader: VoiceLoader = {
    async list() {
      return [...bins.keys()];
    },
    async load(name, { signal }) {
      loads.push(name);
      if (options.delayMs) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, options.delayMs);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            aborted.push(name);
            reject(signal.reason);
          });
        });
      }
      return bins.get(name);
    },
  };
  return { loader, loads, aborted };
}

testVoiceStore('createVoiceStore over an in-memory loader', {
  create: () => createVoiceStore({ loader: memoryLoader().loader }),
  voices: ['af_heart', 'af_bella'],
});

testVoiceStore('createVoiceStore over an np.savez_compressed bundle (createBundleVoiceLoader)', {
  create: () =>
    createVoiceStore({ loader: createBundleVoiceLoader({ open: async () => npz, source: 'voices.npz' }) }),
  voices: ['af_heart', 'bm_george'],
});

describe('caching', () => {
  it('loads each plain voice once, even for concurrent and blended requests', async () => {
    const { loader, loads } = memoryLoader({ delayMs: 20 });
    const store = createVoiceStore({ loader });
    const [a, b, blend] = await Promise.all([
      store.get('af_heart'),
      store.get('af_heart'),
      store.get('af_heart(2)+af_bella(1)'),
    ]);
    expect(a).toBe(b);
    expect(await store.get('af_heart')).toBe(a);
    expect(blend.name).toBe('af_heart*0.666666666667+af_bella*0.333333333333');
    expect(loads.sort()).toEqual(['af_bella', 'af_heart']);
  });

  it('equivalent expressions hit the same cached blend', async () => {
    const { loader, loads } = memoryLoader();
    const store = createVoiceStore({ loader });
    const first = await store.get('af_heart(2)+af_bella(1)');
    for (const same of [
      'af_heart:2,af_bella:1',
      ' af_heart ( 4 ) + af_bella ( 2 ) ',
      'af_heart+af_bella+af_heart',
    ]) {
      expect(await store.get(same), same).toBe(first);
    }
    expect(await store.get('af_heart(1)+af_bella(2)')).not.toBe(first);
    // A single weighted voice is the plain pack itself.
    expect(await store.get('af_heart(5)')).toBe(await store.get('af_heart'));
    expect(loads.length).toBe(2);
  });

  it('drops the least recently used blends past maxCachedBlends, and clearCache forgets everything', async () => {
    const { loader, loads } = memoryLoader();
    const store = createVoiceStore({ loader, maxCachedBlends: 2 });
    const ab = await store.get('af_heart+af_bella');
    const ag = await store.get('af_heart+bm_george');
    expect(await store.get('af_heart+af_bella')).toBe(ab); // refreshes ab
    await store.get('af_bella+bm_george'); // evicts ag
    expect(await store.get('af_heart+af_bella')).toBe(ab);
    expect(await store.get('af_heart+bm_george')).not.toBe(ag);
    expect(loads.length).toBe(3);
    store.clearCache();
    await store.get('af_heart');
    expect(loads.length).toBe(4);
  });
});

describe('aborting', () => {
  it('rejects at once with ABORTED for an aborted signal', async () => {
    const store = createVoiceStore({ loader: memoryLoader().loader });
    const error = await rejection(store.get('af_heart', { signal: AbortSignal.abort() }));
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });

  it('one caller aborting does not cancel a load another caller still waits for', async () => {
    const { loader, aborted } = memoryLoader({ delayMs: 50 });
    const store = createVoiceStore({ loader });
    const controller = new AbortController();
    const first = store.get('af_heart', { signal: controller.signal });
    const second = store.get('af_heart');
    controller.abort();
    expect(KokoroError.hasCode(await rejection(first), 'ABORTED')).toBe(true);
    expect((await second).name).toBe('af_heart');
    expect(aborted).toEqual([]);
  });

  it('the load is cancelled when every caller has aborted, and a later get loads again', async () => {
    const { loader, aborted, loads } = memoryLoader({ delayMs: 50 });
    const store = createVoiceStore({ loader });
    const controller = new AbortController();
    const first = store.get('af_heart', { signal: controller.signal });
    controller.abort();
    expect(KokoroError.hasCode(await rejection(first), 'ABORTED')).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(aborted).toEqual(['af_heart']);
    expect((await store.get('af_heart')).name).toBe('af_heart');
    expect(loads).toEqual(['af_heart', 'af_heart']);
  });
});

describe('loader failures', () => {
  it('wraps a loader error in VOICE_LOAD_FAILED naming the voice', async () => {
    const store = createVoiceStore({
      loader: {
        list: async () => ['af_heart'],
        load: async () => {
          throw new Error('network down');
        },
      },
    });
    const error = await rejection(store.get('af_heart'));
    expect(KokoroError.hasCode(error, 'VOICE_LOAD_FAILED')).toBe(true);
    expect((error as Error).message).toContain("'af_heart': network down");
  });

  it('an unknown voice lists the closest names', async () => {
    const store = createVoiceStore({ loader: memoryLoader().loader });
    const error = await rejection(store.get('af_hart'));
    expect(KokoroError.hasCode(error, 'UNKNOWN_VOICE')).toBe(true);
    expect((error as Error).message).toMatch(/Unknown voice 'af_hart'\. Available voices include af_heart, /);
  });

  it('a loader that returns a whole .npz for each name works (the store takes the named entry)', async () => {
    const store = createVoiceStore({ loader: { list: async () => [...NAMES], load: async () => npz } });
    const pack = await store.get('bm_george');
    const expected = await createVoiceStore({ loader: memoryLoader().loader }).get('bm_george');
    expect(Array.from(pack.styleFor(100))).toEqual(Array.from(expected.styleFor(100)));
  });

  it('a bad file names the source the loader describes', async () => {
    const store = createVoiceStore({
      loader: {
        list: async () => ['af_heart'],
        load: async () => new Uint8Array(12),
        describeSource: (name) => `https://example.invalid/voices/${name}.bin`,
      },
    });
    const error = await rejection(store.get('af_heart'));
    expect(KokoroError.hasCode(error, 'INVALID_VOICE_FILE')).toBe(true);
    expect((error as Error).message).toContain('https://example.invalid/voices/af_heart.bin is 12 bytes');
  });
});

describe('VoicePack.styleFor', () => {
  it('returns a copy-free view of row count − 1, clamped', async () => {
    const pack = await createVoiceStore({ loader: memoryLoader().loader }).get('af_heart');
    const style = pack.styleFor(10);
    expect(style.buffer).toBe(pack.data.buffer);
    expect(style.byteOffset - pack.data.byteOffset).toBe(9 * STYLE_DIM * 4);
    expect(pack.styleFor(-5).byteOffset).toBe(pack.data.byteOffset);
    expect(pack.styleFor(10.7).byteOffset).toBe(style.byteOffset);
    expect(pack.styleFor(Number.POSITIVE_INFINITY).byteOffset - pack.data.byteOffset).toBe(
      509 * STYLE_DIM * 4,
    );
    expect(() => pack.styleFor(Number.NaN)).toThrow(/NaN/);
  });
});

describe('packs must hold finite numbers', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])(
    'a .bin full of %s is rejected with INVALID_VOICE_FILE, naming the first bad value',
    async (_, value) => {
      const bad = new Float32Array(VOICE_PACK_FLOATS).fill(value);
      const store = createVoiceStore({
        loader: { list: async () => ['af_bad'], load: async () => new Uint8Array(bad.buffer) },
      });
      const error = await rejection(store.get('af_bad'));
      expect(KokoroError.hasCode(error, 'INVALID_VOICE_FILE')).toBe(true);
      expect((error as Error).message).toMatch(/af_bad.*row 0, column 0/);
    },
  );

  it('one NaN anywhere is enough', () => {
    const data = new Float32Array(VOICE_PACK_FLOATS);
    data[3 * STYLE_DIM + 7] = Number.NaN;
    expect(() => createVoicePack('af_one', data)).toThrow(/row 3, column 7/);
  });
});

describe('many blends at once', () => {
  it('20 distinct blends waiting on one signal add one abort listener to it, not 20', async () => {
    const { loader } = memoryLoader({ delayMs: 20 });
    const store = createVoiceStore({ loader });
    const signal = new AbortController().signal;
    const gets = Array.from({ length: 20 }, (_, i) =>
      store.get(`af_heart(${i + 1})+af_bella(1)`, { signal }),
    );
    expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
    await Promise.all(gets);
    expect(getEventListeners(signal, 'abort').length).toBe(0);
  });
});
