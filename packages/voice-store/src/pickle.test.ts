import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { realVoicesDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { ptBytes } from './__fixtures__/build';
import { parseVoicePack } from './formats';
import { PickleGlobal, PickleTuple, type PickleValue, readPickle } from './pickle';

const text = (s: string) => [...new TextEncoder().encode(s)];
const short = (s: string) => [0x8c, text(s).length, ...text(s)];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const f64be = (x: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, false);
  return [...b];
};

/** Resolves one test global, `test.pair`, that REDUCE may call. */
const options = {
  findClass: (module: string, name: string) =>
    module === 'test' && name === 'pair'
      ? new PickleGlobal(module, name, (args) => ({ pair: args }) as unknown as PickleValue)
      : undefined,
  persistentLoad: (pid: PickleValue) => ({ persisted: pid }) as unknown as PickleValue,
};

const run = (bytes: number[]) => readPickle(new Uint8Array(bytes), options);

describe('readPickle', () => {
  it('reads scalars: ints of every width, LONG1 (negative and big), floats, strings, bytes, booleans, None', () => {
    const program = [
      0x80,
      4,
      0x28, // PROTO 4, MARK
      0x4b,
      7, // BININT1
      0x4d,
      ...[0x34, 0x12], // BININT2 0x1234
      0x4a,
      ...u32(-5 >>> 0), // BININT -5
      0x8a,
      1,
      0xff, // LONG1 -1
      0x8a,
      8,
      ...[0, 0, 0, 0, 0, 0, 0, 0x40], // LONG1 2^62 (a bigint)
      0x47,
      ...f64be(0.1), // BINFLOAT
      ...short('héllo'), // SHORT_BINUNICODE
      0x58,
      ...u32(3),
      ...text('abc'), // BINUNICODE
      0x43,
      2,
      9,
      8, // SHORT_BINBYTES
      0x88,
      0x89,
      0x4e, // NEWTRUE NEWFALSE NONE
      0x6c,
      0x2e, // LIST STOP
    ];
    expect(run(program)).toEqual([
      7,
      0x1234,
      -5,
      -1,
      2n ** 62n,
      0.1,
      'héllo',
      'abc',
      new Uint8Array([9, 8]),
      true,
      false,
      null,
    ]);
  });

  it('builds tuples, lists and dicts; memoizes with BINPUT, LONG_BINPUT and MEMOIZE', () => {
    const program = [
      // {'list': [1, 2, 3], 'tuple': (1, 2), 'again': <memo 2>, 'empty': (), 'self': <memo 0>}
      0x80,
      4,
      0x7d,
      0x94,
      ...short('list'),
      0x5d,
      0x71,
      1,
      0x4b,
      1,
      0x61,
      0x28,
      0x4b,
      2,
      0x4b,
      3,
      0x65,
      0x73,
      ...short('tuple'),
      0x4b,
      1,
      0x4b,
      2,
      0x86,
      0x72,
      ...u32(2),
      0x73,
      0x28,
      ...short('again'),
      0x6a,
      ...u32(2),
      ...short('empty'),
      0x29,
      0x75,
      ...short('self'),
      0x68,
      0,
      0x73, // BINGET 0: the dict itself
      0x2e,
    ];
    const value = run(program) as Map<string, PickleValue>;
    expect(value).toBeInstanceOf(Map);
    expect(value.get('list')).toEqual([1, 2, 3]);
    expect(value.get('tuple')).toBeInstanceOf(PickleTuple);
    expect((value.get('tuple') as PickleTuple).items).toEqual([1, 2]);
    expect(value.get('again')).toBe(value.get('tuple'));
    expect((value.get('empty') as PickleTuple).items).toEqual([]);
    expect(value.get('self')).toBe(value);
  });

  it('resolves globals (GLOBAL and STACK_GLOBAL), calls them with REDUCE and loads persistent ids', () => {
    const viaGlobal = [0x80, 2, 0x63, ...text('test\npair\n'), 0x4b, 1, 0x4b, 2, 0x86, 0x52, 0x2e];
    expect(run(viaGlobal)).toEqual({ pair: [1, 2] });
    const viaStack = [0x80, 4, ...short('test'), ...short('pair'), 0x93, 0x4b, 5, 0x85, 0x52, 0x2e];
    expect(run(viaStack)).toEqual({ pair: [5] });
    const persistent = [0x80, 2, ...short('key'), 0x51, 0x2e];
    expect(run(persistent)).toEqual({ persisted: 'key' });
  });

  it('refuses unknown globals, unknown opcodes, and malformed programs, saying where', () => {
    expect(() => run([0x80, 2, 0x63, ...text('os\nsystem\n'), 0x2e])).toThrow(
      /unsupported global 'os\.system' at byte 2/,
    );
    expect(() => run([0x80, 2, 0x81, 0x2e])).toThrow(/opcode 0x81 \(NEWOBJ\) at byte 2/);
    expect(() => run([0x80, 2, 0xff])).toThrow(/unsupported pickle opcode 0xff at byte 2/);
    expect(() => run([0x80, 2, 0x4b])).toThrow(/runs past the end/);
    expect(() => run([0x80, 2, 0x4b, 1])).toThrow(/without a STOP/);
    expect(() => run([0x80, 2, 0x4b, 1, 0x4b, 2, 0x2e])).toThrow(/STOP at byte 6 with 2 stack items/);
    expect(() => run([0x80, 2, 0x74, 0x2e])).toThrow(/needs a MARK/);
    expect(() => run([0x80, 2, 0x68, 9, 0x2e])).toThrow(/memo 9 .* never stored/);
    expect(() => run([0x80, 2, 0x4b, 1, 0x29, 0x52, 0x2e])).toThrow(/not an allowed callable/);
    expect(() => run([0x80, 2, 0x4b, 1, 0x4b, 2, 0x62, 0x2e])).toThrow(/BUILD at byte 6/);
  });
});

describe('a protocol-4 torch pickle (FRAME, STACK_GLOBAL, MEMOIZE, SHORT_BINUNICODE)', () => {
  it('reads the same tensor as the protocol-2 form', async () => {
    const bin = new Uint8Array(await readFile(join(realVoicesDir, 'af_heart.bin')));
    // _rebuild_tensor_v2((storage pid), offset, size, stride, False, OrderedDict())
    const program = [
      0x80,
      4,
      0x95,
      ...u32(0),
      0,
      0,
      0,
      0,
      ...short('torch._utils'),
      ...short('_rebuild_tensor_v2'),
      0x93,
      0x94,
      0x28, // MARK args
      0x28,
      ...short('storage'),
      ...short('torch'),
      ...short('FloatStorage'),
      0x93,
      0x94,
      ...short('0'),
      ...short('cpu'),
      0x4a,
      ...u32(130_560),
      0x74,
      0x94,
      0x51, // pid tuple → BINPERSID
      0x4b,
      0, // offset
      0x4d,
      0xfe,
      0x01,
      0x4b,
      1,
      0x4d,
      0x00,
      0x01,
      0x87,
      0x94, // size (510, 1, 256)
      0x4d,
      0x00,
      0x01,
      0x4d,
      0x00,
      0x01,
      0x4b,
      1,
      0x87,
      0x94, // stride (256, 256, 1)
      0x89, // requires_grad False
      ...short('collections'),
      ...short('OrderedDict'),
      0x93,
      0x94,
      0x29,
      0x52,
      0x94, // OrderedDict()
      0x74,
      0x94,
      0x52,
      0x94,
      0x2e, // args tuple, REDUCE, STOP
    ];
    const pack = await parseVoicePack(ptBytes({ pickle: new Uint8Array(program), storage: bin }), {
      name: 'af_heart',
    });
    const reference = await parseVoicePack(bin, { name: 'af_heart' });
    expect(pack.data).toEqual(reference.data);
  });
});
