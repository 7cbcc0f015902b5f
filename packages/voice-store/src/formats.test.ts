import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { ptVoicesDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { concat, npyBytes, ptBytes, rejection, torchPickle, zipBytes } from './__fixtures__/build';
import {
  detectVoiceFileFormat,
  listVoiceBundle,
  parseVoiceBundle,
  parseVoiceBundleEntry,
  parseVoicePack,
} from './formats';

const VOICES = ['af_heart', 'bm_george'] as const;
const bins = new Map<string, Uint8Array>();
const pts = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const voice of VOICES) {
    bins.set(voice, new Uint8Array(await readFile(join(realVoicesDir, `${voice}.bin`))));
    pts.set(voice, new Uint8Array(await readFile(join(ptVoicesDir, `${voice}.pt`))));
  }
});

/** The floats of a real .bin, read independently of the parser (DataView, little-endian). */
function expectedFloats(bytes: Uint8Array): Float32Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => dv.getFloat32(i * 4, true));
}

function expectSameFloats(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let mismatches = 0;
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) mismatches++;
  expect(mismatches).toBe(0);
}

async function errorOf(promise: Promise<unknown>, code: string): Promise<KokoroError> {
  const error = await rejection(promise);
  expect(KokoroError.hasCode(error, code), String(error)).toBe(true);
  return error as KokoroError;
}

describe('format detection', () => {
  it('tells formats apart by their bytes, not their name', () => {
    expect(detectVoiceFileFormat(bins.get('af_heart')!)).toBe('bin');
    expect(detectVoiceFileFormat(pts.get('af_heart')!)).toBe('pt');
    expect(detectVoiceFileFormat(npyBytes(bins.get('af_heart')!))).toBe('npy');
    expect(
      detectVoiceFileFormat(zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!) }])),
    ).toBe('npz');
  });
});

describe('the same voice in every format gives the same pack', () => {
  for (const voice of VOICES) {
    it(`${voice}: .bin, .pt, .npy, .npz (stored and deflated) are float-identical`, async () => {
      const bin = bins.get(voice)!;
      const expected = expectedFloats(bin);
      const fromBin = await parseVoicePack(bin, { name: voice });
      const fromPt = await parseVoicePack(pts.get(voice)!, { name: voice, source: `${voice}.pt` });
      const fromNpy = await parseVoicePack(npyBytes(bin), { name: voice });
      const fromNpy2d = await parseVoicePack(npyBytes(bin, { shape: [510, 256], version: 2 }), {
        name: voice,
      });
      const other = VOICES.find((v) => v !== voice)!;
      const entries = [
        { name: `${voice}.npy`, data: npyBytes(bin) },
        { name: `${other}.npy`, data: npyBytes(bins.get(other)!) },
      ];
      const stored = await parseVoiceBundle(zipBytes(entries));
      const deflated = await parseVoiceBundle(zipBytes(entries.map((e) => ({ ...e, deflate: true }))));
      for (const pack of [fromBin, fromPt, fromNpy, fromNpy2d, stored.get(voice)!, deflated.get(voice)!]) {
        expect(pack.name).toBe(voice);
        expect(pack.rows).toBe(510);
        expectSameFloats(pack.data, expected);
      }
      expectSameFloats(stored.get(other)!.data, expectedFloats(bins.get(other)!));
      expectSameFloats(deflated.get(other)!.data, expectedFloats(bins.get(other)!));
    });
  }

  it('reads one bundle entry without the others, and lists bundle names', async () => {
    const npz = zipBytes(
      VOICES.map((v) => ({ name: `${v}.npy`, data: npyBytes(bins.get(v)!), deflate: true })),
    );
    expect(listVoiceBundle(npz)).toEqual(['af_heart', 'bm_george']);
    const pack = await parseVoiceBundleEntry(npz, 'bm_george');
    expectSameFloats(pack.data, expectedFloats(bins.get('bm_george')!));
    const error = await errorOf(
      parseVoiceBundleEntry(npz, 'af_nobody', { source: 'v.npz' }),
      'UNKNOWN_VOICE',
    );
    expect(error.message).toContain('af_heart, bm_george');
  });

  it('copies the data: changing the input bytes later does not change the pack', async () => {
    const bin = bins.get('af_heart')!.slice();
    const pack = await parseVoicePack(bin, { name: 'af_heart' });
    const before = pack.data[0];
    bin.fill(0);
    expect(pack.data[0]).toBe(before);
  });

  it('reads a .bin from an unaligned buffer', async () => {
    const bin = bins.get('af_heart')!;
    const unaligned = concat([new Uint8Array(1), bin]).subarray(1);
    expect(unaligned.byteOffset % 4).not.toBe(0);
    expectSameFloats((await parseVoicePack(unaligned, { name: 'af_heart' })).data, expectedFloats(bin));
  });
});

describe('.pt details', () => {
  it('honours the storage offset', async () => {
    const bin = bins.get('af_heart')!;
    // 256 junk floats (one fake row) before the tensor, then the real pack.
    const storage = concat([new Uint8Array(1024).fill(0x7f), bin]);
    const pickle = torchPickle({ numel: 130_560 + 256, offset: 256 });
    const pack = await parseVoicePack(ptBytes({ pickle, storage }), { name: 'x' });
    expectSameFloats(pack.data, expectedFloats(bin));
  });

  it('reads [510, 256] tensors and storages with another key', async () => {
    const bin = bins.get('bm_george')!;
    const pickle = torchPickle({ size: [510, 256], stride: [256, 1], key: '7' });
    const pack = await parseVoicePack(ptBytes({ pickle, storage: bin, key: '7' }), { name: 'x' });
    expectSameFloats(pack.data, expectedFloats(bin));
  });

  it('reads archives without a byteorder record (older torch)', async () => {
    const bin = bins.get('af_heart')!;
    const pack = await parseVoicePack(
      ptBytes({ pickle: torchPickle(), storage: bin, byteorder: undefined }),
      {
        name: 'x',
      },
    );
    expectSameFloats(pack.data, expectedFloats(bin));
  });
});

describe('malformed files give typed errors that say what is wrong', () => {
  it('a truncated .bin names the file and the expected size', async () => {
    const error = await errorOf(
      parseVoicePack(bins.get('af_heart')!.subarray(0, 1000), {
        name: 'af_heart',
        source: 'voices/af_heart.bin',
      }),
      'INVALID_VOICE_FILE',
    );
    expect(error.message).toContain('voices/af_heart.bin');
    expect(error.message).toContain('1,000 bytes');
    expect(error.message).toContain('522,240 bytes');
  });

  it('an HTML page saved as a .bin is recognised', async () => {
    const page = new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>');
    const error = await errorOf(parseVoicePack(page, { name: 'x' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain('HTML');
  });

  it('a truncated zip is refused', async () => {
    const pt = pts.get('af_heart')!;
    const error = await errorOf(
      parseVoicePack(pt.subarray(0, 300_000), { name: 'x', source: 'af_heart.pt' }),
      'INVALID_VOICE_FILE',
    );
    expect(error.message).toMatch(/af_heart\.pt: .*truncated/);
  });

  it('a bundle given to parseVoicePack points to parseVoiceBundle', async () => {
    const npz = zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!) }]);
    const error = await errorOf(
      parseVoicePack(npz, { name: 'x', source: 'voices-v1.0.bin' }),
      'INVALID_VOICE_FILE',
    );
    expect(error.message).toContain('voices-v1.0.bin');
    expect(error.message).toContain('parseVoiceBundle');
  });

  it('a zip with a non-.npy entry names the entry', async () => {
    const npz = zipBytes([
      { name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!) },
      { name: 'README.txt', data: new TextEncoder().encode('hello') },
    ]);
    const error = await errorOf(parseVoiceBundle(npz, { source: 'v.npz' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain("'README.txt'");
  });

  it('a zip entry with a bad CRC is refused', async () => {
    const npz = zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!), badCrc: true }]);
    const error = await errorOf(parseVoiceBundle(npz, { source: 'v.npz' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain('CRC-32');
  });

  it('corrupt deflate data is refused', async () => {
    const npz = zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!), deflate: true }]);
    // Overwrite the middle of the compressed stream.
    npz.fill(0xff, 20_000, 20_100);
    const error = await errorOf(parseVoiceBundle(npz, { source: 'v.npz' }), 'INVALID_VOICE_FILE');
    expect(error.message).toMatch(/af_heart\.npy/);
  });

  it('zip64 archives get a clear error', async () => {
    const npz = zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!) }]);
    const dv = new DataView(npz.buffer);
    dv.setUint32(npz.length - 22 + 16, 0xffffffff, true); // central directory offset → zip64 marker
    const error = await errorOf(parseVoiceBundle(npz, { source: 'v.npz' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain('zip64');
  });

  it('unsupported compression methods are named', async () => {
    const npz = zipBytes([{ name: 'af_heart.npy', data: npyBytes(bins.get('af_heart')!) }]);
    const dv = new DataView(npz.buffer);
    const central = npz.length - 22 - (46 + 'af_heart.npy'.length);
    dv.setUint16(central + 10, 12, true); // bzip2
    const error = await errorOf(parseVoiceBundle(npz, { source: 'v.npz' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain('compression method 12');
  });

  const npyCases: Array<[string, Uint8Array, RegExp]> = [];
  beforeAll(() => {
    const bin = bins.get('af_heart')!;
    const f8 = new Uint8Array(bin.length * 2);
    npyCases.push(
      [
        'float64 dtype',
        npyBytes(f8, { descr: '<f8' }),
        /dtype '<f8' \(float64\) is not little-endian float32/,
      ],
      ['big-endian dtype', npyBytes(bin, { descr: '>f4' }), /'>f4' \(big-endian\)/],
      ['Fortran order', npyBytes(bin, { fortranOrder: true }), /Fortran order/],
      ['wrong shape', npyBytes(bin.subarray(0, 1024 * 10), { shape: [10, 256] }), /shape \(10, 256\) is not/],
      ['short data', npyBytes(bin.subarray(0, 1000)), /\.npy data is 1000 bytes/],
      [
        'unknown version',
        (() => {
          const b = npyBytes(bin);
          b[6] = 9;
          return b;
        })(),
        /version 9\.0/,
      ],
    );
  });

  it('npy entries with the wrong dtype, order, shape, size or version name the entry and the problem', async () => {
    expect(npyCases.length).toBe(6);
    for (const [label, npy, pattern] of npyCases) {
      const npz = zipBytes([{ name: 'af_heart.npy', data: npy }]);
      const error = await errorOf(parseVoiceBundle(npz, { source: 'voices.npz' }), 'INVALID_VOICE_FILE');
      expect(error.message, label).toContain("voices.npz: entry 'af_heart.npy'");
      expect(error.message, label).toMatch(pattern);
    }
  });

  const pickleCase = (label: string, options: Parameters<typeof torchPickle>[0], pattern: RegExp) =>
    it(`a .pt with ${label} is refused`, async () => {
      const pt = ptBytes({
        pickle: torchPickle(options),
        storage: bins.get('af_heart')!,
        archive: 'af_heart',
      });
      const error = await errorOf(
        parseVoicePack(pt, { name: 'af_heart', source: 'af_heart.pt' }),
        'INVALID_VOICE_FILE',
      );
      expect(error.message).toContain('af_heart.pt');
      expect(error.message).toMatch(pattern);
    });

  pickleCase('an unknown opcode', { inject: [0xfe] }, /unsupported pickle opcode 0xfe at byte 2/);
  pickleCase('INST (an opcode torch never emits)', { inject: [0x69] }, /opcode 0x69 \(INST\) at byte 2/);
  pickleCase('a float64 storage', { storageClass: 'DoubleStorage' }, /float64; a voice pack is float32/);
  pickleCase('an unknown global', { storageClass: 'os.system' }, /unsupported global 'torch\.os\.system'/);
  pickleCase(
    'non-contiguous strides',
    { stride: [1, 256, 510] },
    /strides \(1, 256, 510\) are not contiguous/,
  );
  pickleCase('the wrong shape', { size: [511, 1, 256] }, /shape \[511, 1, 256\]/);
  pickleCase('a storage too small for its offset', { offset: 10 }, /runs past its storage/);
  pickleCase('a missing storage entry', { key: '3' }, /data\/3' is missing/);

  it('a big-endian .pt is refused', async () => {
    const pt = ptBytes({ pickle: torchPickle(), storage: bins.get('af_heart')!, byteorder: 'big' });
    const error = await errorOf(parseVoicePack(pt, { name: 'x' }), 'INVALID_VOICE_FILE');
    expect(error.message).toContain("byteorder is 'big'");
  });

  it('a truncated pickle is refused', async () => {
    const pickle = torchPickle().subarray(0, 60);
    const pt = ptBytes({ pickle, storage: bins.get('af_heart')! });
    const error = await errorOf(parseVoicePack(pt, { name: 'x' }), 'INVALID_VOICE_FILE');
    expect(error.message).toMatch(/data\.pkl: .*(truncated|past the end)/);
  });
});
