/**
 * Builders for voice files in tests: `.npy` arrays, zip archives (stored or deflated, written with
 * node:zlib, independently of the reader under test) and PyTorch `.pt` archives whose `data.pkl`
 * is assembled opcode by opcode the way `torch.save` writes it.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface NpyOptions {
  descr?: string;
  shape?: readonly number[];
  fortranOrder?: boolean;
  version?: 1 | 2 | 3;
}

/** A `.npy` file as `np.save` writes it (header padded to a multiple of 64 bytes). */
export function npyBytes(data: Uint8Array, options: NpyOptions = {}): Uint8Array {
  const { descr = '<f4', shape = [510, 1, 256], fortranOrder = false, version = 1 } = options;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  dict = `${dict}${' '.repeat(padded - prefix - dict.length - 1)}\n`;
  const header = new Uint8Array(prefix + dict.length);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(header.buffer);
  if (version === 1) dv.setUint16(8, dict.length, true);
  else dv.setUint32(8, dict.length, true);
  header.set(new TextEncoder().encode(dict), prefix);
  return concat([header, data]);
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Deflate this entry (as np.savez_compressed does). */
  deflate?: boolean;
  /** Store a wrong CRC (to test corruption checks). */
  badCrc?: boolean;
}

/** A zip archive with a central directory, like Python's zipfile writes. */
export function zipBytes(inputs: readonly ZipInput[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = new TextEncoder().encode(input.name);
    const body = input.deflate ? new Uint8Array(deflateRawSync(input.data)) : input.data;
    const crc = (crc32(input.data) ^ (input.badCrc ? 1 : 0)) >>> 0;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, input.deflate ? 8 : 0, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, input.data.length, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, input.deflate ? 8 : 0, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, input.data.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const directory = concat(centrals);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, inputs.length, true);
  e.setUint16(10, inputs.length, true);
  e.setUint32(12, directory.length, true);
  e.setUint32(16, offset, true);
  return concat([...locals, directory, end]);
}

export interface TorchPickleOptions {
  key?: string;
  numel?: number;
  offset?: number;
  size?: readonly number[];
  stride?: readonly number[];
  storageClass?: string;
  /** Raw opcode bytes inserted right after PROTO (to test unknown opcodes). */
  inject?: readonly number[];
}

/** `data.pkl` of `torch.save(tensor)`, opcode for opcode as in the real af_heart.pt (protocol 2). */
export function torchPickle(options: TorchPickleOptions = {}): Uint8Array {
  const {
    key = '0',
    numel = 130_560,
    offset = 0,
    size = [510, 1, 256],
    stride = [256, 256, 1],
    storageClass = 'FloatStorage',
    inject = [],
  } = options;
  const out: number[] = [0x80, 2, ...inject];
  const text = (s: string) => [...new TextEncoder().encode(s)];
  const global = (module: string, name: string) => out.push(0x63, ...text(`${module}\n${name}\n`));
  const unicode = (s: string) => {
    const b = text(s);
    out.push(0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b);
  };
  const int = (n: number) => {
    if (n < 256) out.push(0x4b, n);
    else if (n < 65_536) out.push(0x4d, n & 0xff, n >> 8);
    else out.push(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  };
  const tuple = (items: readonly number[]) => {
    out.push(0x28);
    items.forEach(int);
    out.push(0x74);
  };
  global('torch._utils', '_rebuild_tensor_v2');
  out.push(0x71, 0); // BINPUT 0
  out.push(0x28, 0x28); // MARK MARK
  unicode('storage');
  global('torch', storageClass);
  out.push(0x71, 1); // BINPUT 1
  unicode(key);
  unicode('cpu');
  int(numel);
  out.push(0x74, 0x51); // TUPLE BINPERSID
  int(offset);
  tuple(size);
  tuple(stride);
  out.push(0x89); // NEWFALSE (requires_grad)
  global('collections', 'OrderedDict');
  out.push(0x29, 0x52); // EMPTY_TUPLE REDUCE
  out.push(0x74, 0x71, 2, 0x68, 0, 0x71, 3); // TUPLE BINPUT 2 BINGET 0 BINPUT 3 (callable via memo)
  // The stack is now [callable, args, callable]: drop the extra copy and reduce.
  out.push(0x30); // POP
  out.push(0x52, 0x2e); // REDUCE STOP
  return new Uint8Array(out);
}

/** A `.pt` archive: `<archive>/data.pkl`, `<archive>/byteorder`, `<archive>/data/<key>`, `<archive>/version`. */
export function ptBytes(options: {
  archive?: string;
  pickle: Uint8Array;
  storage: Uint8Array;
  key?: string;
  byteorder?: string | undefined;
}): Uint8Array {
  const { archive = 'voice', pickle, storage, key = '0' } = options;
  const entries: ZipInput[] = [{ name: `${archive}/data.pkl`, data: pickle }];
  const byteorder = 'byteorder' in options ? options.byteorder : 'little';
  if (byteorder !== undefined)
    entries.push({ name: `${archive}/byteorder`, data: new TextEncoder().encode(byteorder) });
  entries.push({ name: `${archive}/data/${key}`, data: storage });
  entries.push({ name: `${archive}/version`, data: new TextEncoder().encode('3\n') });
  return zipBytes(entries);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Rejection of a promise (or undefined if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}
