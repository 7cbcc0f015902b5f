import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, KokoroError, type VoicePack } from '@kokoro-kit/core';
import { testVoiceStore } from '@kokoro-kit/core/testing';
import { ptVoicesDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npyBytes, rejection, zipBytes } from './__fixtures__/build';
import {
  createDirectoryVoiceLoader,
  createDirectoryVoiceStore,
  createFileVoiceLoader,
  createFileVoiceStore,
} from './node';

testVoiceStore('createDirectoryVoiceStore over the kokoro-js voices', {
  create: () => createDirectoryVoiceStore({ dir: realVoicesDir }),
  voices: ['af_heart', 'af_bella'],
});

testVoiceStore('createDirectoryVoiceStore over .pt voices', {
  create: () => createDirectoryVoiceStore({ dir: ptVoicesDir }),
  voices: ['af_heart', 'bm_george'],
});

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'voice-store-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(dir);
  return dir;
}

async function errorOf(promise: Promise<unknown>, code: string): Promise<KokoroError> {
  const error = await rejection(promise);
  expect(KokoroError.hasCode(error, code), String(error)).toBe(true);
  return error as KokoroError;
}

function sameData(a: VoicePack, b: VoicePack): boolean {
  return a.data.length === b.data.length && a.data.every((v, i) => Object.is(v, b.data[i]));
}

describe('the 54 real voices (spec §8.5)', () => {
  it('are listed with their languages and genders', async () => {
    const voices = await createDirectoryVoiceStore({ dir: realVoicesDir }).list();
    expect(voices.length).toBe(54);
    const byLanguage: Record<string, number> = {};
    const byGender: Record<string, number> = {};
    for (const v of voices) {
      byLanguage[v.language ?? '?'] = (byLanguage[v.language ?? '?'] ?? 0) + 1;
      byGender[`${v.name[0]}${v.gender ?? '?'}`] = (byGender[`${v.name[0]}${v.gender ?? '?'}`] ?? 0) + 1;
    }
    expect(byLanguage).toEqual({
      'en-US': 20,
      'en-GB': 8,
      es: 3,
      fr: 1,
      hi: 4,
      it: 2,
      ja: 5,
      'pt-BR': 3,
      zh: 8,
    });
    expect(byGender).toEqual({
      afemale: 11,
      amale: 9,
      bfemale: 4,
      bmale: 4,
      efemale: 1,
      emale: 2,
      ffemale: 1,
      hfemale: 2,
      hmale: 2,
      ifemale: 1,
      imale: 1,
      jfemale: 4,
      jmale: 1,
      pfemale: 1,
      pmale: 2,
      zfemale: 4,
      zmale: 4,
    });
    expect(voices.find((v) => v.name === 'af_heart')).toEqual({
      name: 'af_heart',
      language: 'en-US',
      gender: 'female',
    });
  });

  it('.pt and .bin directories give identical packs', async () => {
    const bin = createDirectoryVoiceStore({ dir: realVoicesDir });
    const pt = createDirectoryVoiceStore({ dir: ptVoicesDir });
    expect((await pt.list()).map((v) => v.name)).toEqual(['af_heart', 'bm_george']);
    for (const name of ['af_heart', 'bm_george'])
      expect(sameData(await bin.get(name), await pt.get(name))).toBe(true);
  });
});

describe('blending the real packs, element by element', () => {
  const store = createDirectoryVoiceStore({ dir: realVoicesDir });
  const cases: Array<[string, Array<[string, number]>]> = [
    [
      'af_heart(2)+af_bella(1)',
      [
        ['af_heart', 2 / 3],
        ['af_bella', 1 / 3],
      ],
    ],
    [
      'af_heart:60,af_bella:40',
      [
        ['af_heart', 0.6],
        ['af_bella', 0.4],
      ],
    ],
    [
      'af_heart,af_bella',
      [
        ['af_heart', 0.5],
        ['af_bella', 0.5],
      ],
    ],
    [
      'af_heart,af_bella,am_adam',
      [
        ['af_heart', 1 / 3],
        ['af_bella', 1 / 3],
        ['am_adam', 1 / 3],
      ],
    ],
    [
      'af_heart*0.7+af_bella*0.3',
      [
        ['af_heart', 0.7],
        ['af_bella', 0.3],
      ],
    ],
    [
      'af_heart(1)-af_bella(0.2)',
      [
        ['af_heart', 1 / 1.2],
        ['af_bella', -0.2 / 1.2],
      ],
    ],
    [
      'af_heart(3)-af_bella(1)+bm_george(1)',
      [
        ['af_heart', 0.6],
        ['af_bella', -0.2],
        ['bm_george', 0.2],
      ],
    ],
  ];
  for (const [expression, weights] of cases) {
    it(expression, async () => {
      const blend = await store.get(expression);
      const packs = await Promise.all(weights.map(([name]) => store.get(name)));
      let maxError = 0;
      for (let i = 0; i < blend.data.length; i++) {
        let expected = 0;
        weights.forEach(([, w], k) => {
          expected += packs[k]!.data[i]! * w;
        });
        maxError = Math.max(maxError, Math.abs(blend.data[i]! - Math.fround(expected)));
      }
      // float32 rounding of the sum is the only allowed difference.
      expect(maxError).toBeLessThan(1e-7);
      // …and it differs from each ingredient (the weights were really applied).
      for (const pack of packs) expect(sameData(pack, blend)).toBe(false);
      // Style rows of a blend are rows of the blended pack.
      expect(Array.from(blend.styleFor(42))).toEqual(Array.from(blend.data.subarray(41 * 256, 42 * 256)));
    });
  }

  it('a single plain name is the voice unchanged', async () => {
    expect(await store.get('af_heart(0.4)')).toBe(await store.get('af_heart'));
  });
});

describe('bundles and priorities in a directory', () => {
  it('reads an np.savez bundle named voices-v1.0.bin; a single file wins over a bundle entry', async () => {
    const dir = await freshDir('bundle');
    const read = (name: string) => readFile(join(realVoicesDir, `${name}.bin`));
    const bundle = zipBytes(
      await Promise.all(
        ['af_heart', 'bm_george', 'af_sky'].map(async (name) => ({
          name: `${name}.npy`,
          data: npyBytes(new Uint8Array(await read(name))),
          deflate: name === 'bm_george',
        })),
      ),
    );
    await writeFile(join(dir, 'voices-v1.0.bin'), bundle);
    // af_sky.bin holds af_bella's bytes: the single file must win over the bundle's af_sky.
    await writeFile(join(dir, 'af_sky.bin'), await read('af_bella'));
    await writeFile(join(dir, 'notes.txt'), 'not a voice');
    const store = createDirectoryVoiceStore({ dir });
    expect((await store.list()).map((v) => v.name).sort()).toEqual(['af_heart', 'af_sky', 'bm_george']);
    const real = createDirectoryVoiceStore({ dir: realVoicesDir });
    expect(sameData(await store.get('af_heart'), await real.get('af_heart'))).toBe(true);
    expect(sameData(await store.get('bm_george'), await real.get('bm_george'))).toBe(true);
    expect(sameData(await store.get('af_sky'), await real.get('af_bella'))).toBe(true);
  });

  it('.bin wins over .pt for the same name', async () => {
    const dir = await freshDir('priority');
    await copyFile(join(ptVoicesDir, 'bm_george.pt'), join(dir, 'af_heart.pt'));
    await copyFile(join(realVoicesDir, 'af_heart.bin'), join(dir, 'af_heart.bin'));
    const pack = await createDirectoryVoiceStore({ dir }).get('af_heart');
    expect(sameData(pack, await createDirectoryVoiceStore({ dir: realVoicesDir }).get('af_heart'))).toBe(
      true,
    );
  });

  it('a broken file fails on get with INVALID_VOICE_FILE naming its path', async () => {
    const dir = await freshDir('broken');
    await writeFile(
      join(dir, 'af_heart.bin'),
      (await readFile(join(realVoicesDir, 'af_heart.bin'))).subarray(0, 4096),
    );
    const error = await errorOf(createDirectoryVoiceStore({ dir }).get('af_heart'), 'INVALID_VOICE_FILE');
    expect(error.message).toContain(join(dir, 'af_heart.bin'));
    expect(error.message).toContain('522,240 bytes');
  });

  it('a broken bundle entry names the bundle and the entry', async () => {
    const dir = await freshDir('broken-bundle');
    const wrong = npyBytes(new Uint8Array(522_240 * 2), { descr: '<f8' });
    await writeFile(join(dir, 'voices.npz'), zipBytes([{ name: 'af_heart.npy', data: wrong }]));
    const error = await errorOf(createDirectoryVoiceStore({ dir }).get('af_heart'), 'INVALID_VOICE_FILE');
    expect(error.message).toContain(`${join(dir, 'voices.npz')}: entry 'af_heart.npy'`);
    expect(error.message).toContain("dtype '<f8'");
  });

  it('a missing directory is a clear error', async () => {
    const error = await errorOf(
      createDirectoryVoiceStore({ dir: join(tmp, 'nope') }).list(),
      'VOICE_DIR_NOT_FOUND',
    );
    expect(error.message).toContain(join(tmp, 'nope'));
  });
});

describe('names never escape the directory', () => {
  const bad = [
    '../../etc/passwd',
    '/etc/passwd',
    'af_heart/../x',
    '..\\af_heart',
    '../voices/af_heart',
    '..',
  ];

  it('the store refuses traversal names with INVALID_VOICE_NAME', async () => {
    const store = createDirectoryVoiceStore({ dir: realVoicesDir });
    for (const name of bad) await errorOf(store.get(name), 'INVALID_VOICE_NAME');
    await errorOf(store.get(join(realVoicesDir, 'af_heart')), 'INVALID_VOICE_NAME');
  });

  it('the loader refuses them too when called directly', async () => {
    const loader = createDirectoryVoiceLoader({ dir: realVoicesDir });
    for (const name of bad) await errorOf(loader.load(name, {}), 'INVALID_VOICE_NAME');
  });

  it('refuses a symlink pointing outside the directory, and allows one pointing inside', async () => {
    const dir = await freshDir('links');
    await copyFile(join(realVoicesDir, 'af_heart.bin'), join(dir, 'af_heart.bin'));
    await symlink(join(realVoicesDir, 'af_bella.bin'), join(dir, 'evil.bin'));
    await symlink('af_heart.bin', join(dir, 'alias.bin'));
    await symlink(join(dir, 'missing.bin'), join(dir, 'dangling.bin'));
    const store = createDirectoryVoiceStore({ dir });
    expect((await store.list()).map((v) => v.name).sort()).toEqual(['af_heart', 'alias']);
    const error = await errorOf(store.get('evil'), 'INVALID_VOICE_NAME');
    expect(error.message).toContain('outside the voice directory');
    await errorOf(store.get('af_heart+evil'), 'INVALID_VOICE_NAME');
    expect(sameData(await store.get('alias'), await store.get('af_heart'))).toBe(true);
    await errorOf(store.get('dangling'), 'UNKNOWN_VOICE');
  });

  it('works when the directory itself is reached through a symlink', async () => {
    const link = join(tmp, 'voices-link');
    await symlink(realVoicesDir, link);
    const store = createDirectoryVoiceStore({ dir: link });
    expect((await store.list()).length).toBe(54);
    expect((await store.get('af_heart')).rows).toBe(510);
  });

  it('unknown voices list a few available names', async () => {
    const error = await errorOf(
      createDirectoryVoiceStore({ dir: realVoicesDir }).get('af_hearth'),
      'UNKNOWN_VOICE',
    );
    expect(error.message).toMatch(
      /Unknown voice 'af_hearth'\. Available voices include af_heart, .* and 49 more\./,
    );
  });
});

describe('createFileVoiceStore', () => {
  it('names single files by their basename and adds every voice of a bundle; the first file wins', async () => {
    const dir = await freshDir('files');
    const bundlePath = join(dir, 'voices-v1.0.bin');
    const read = async (name: string) => new Uint8Array(await readFile(join(realVoicesDir, `${name}.bin`)));
    await writeFile(
      bundlePath,
      zipBytes([
        { name: 'af_heart.npy', data: npyBytes(await read('am_adam')) },
        { name: 'af_nicole.npy', data: npyBytes(await read('af_nicole')) },
      ]),
    );
    const store = createFileVoiceStore({
      files: [join(realVoicesDir, 'af_heart.bin'), join(ptVoicesDir, 'bm_george.pt'), bundlePath],
    });
    expect((await store.list()).map((v) => v.name)).toEqual(['af_heart', 'bm_george', 'af_nicole']);
    const real = createDirectoryVoiceStore({ dir: realVoicesDir });
    // af_heart comes from af_heart.bin (listed first), not from the bundle entry holding am_adam.
    expect(sameData(await store.get('af_heart'), await real.get('af_heart'))).toBe(true);
    expect(sameData(await store.get('bm_george'), await real.get('bm_george'))).toBe(true);
    expect(sameData(await store.get('af_nicole'), await real.get('af_nicole'))).toBe(true);
    await errorOf(store.get('af_bella'), 'UNKNOWN_VOICE');
  });

  it('refuses unsupported extensions and bad basenames up front', async () => {
    expect(() => createFileVoiceStore({ files: ['voice.wav'] })).toThrow(InvalidArgumentError);
    expect(() => createFileVoiceStore({ files: [] })).toThrow(/at least one/);
    const loader = createFileVoiceLoader({ files: [join(tmp, 'bad name.bin')] });
    await writeFile(join(tmp, 'bad name.bin'), new Uint8Array(522_240));
    await errorOf(loader.list(), 'INVALID_VOICE_NAME');
  });

  it('a missing file is VOICE_FILE_NOT_FOUND', async () => {
    const error = await errorOf(
      createFileVoiceStore({ files: [join(tmp, 'gone.bin')] }).list(),
      'VOICE_FILE_NOT_FOUND',
    );
    expect(error.message).toContain(join(tmp, 'gone.bin'));
  });
});
