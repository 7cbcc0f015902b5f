import { AbortError, KokoroError, throwIfAborted, VoiceError } from '@kokoro-kit/core';

/**
 * A small read-only zip reader: enough for numpy `.npz` bundles and PyTorch `.pt` archives.
 * It trusts the central directory (not the local headers, whose sizes may be zero when a data
 * descriptor follows), supports stored and deflated entries, verifies each entry's CRC-32 and
 * refuses zip64, encryption and other compression methods with a clear error.
 */

/** One file in a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local file header. */
  localHeaderOffset: number;
}

/** Inflates raw deflate data (no zlib header). The default uses `DecompressionStream('deflate-raw')`. */
export type InflateRaw = (data: Uint8Array, options: { signal?: AbortSignal }) => Promise<Uint8Array>;

export interface ZipReadOptions {
  /** The file name shown in error messages. */
  source: string;
  signal?: AbortSignal;
  /** Replaces the built-in `DecompressionStream` inflater (for runtimes without it). */
  inflateRaw?: InflateRaw;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** True if the bytes start like a zip archive (`PK\x03\x04`) — or are an empty zip (`PK\x05\x06`). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function invalid(source: string, problem: string, cause?: unknown): VoiceError {
  return new VoiceError('INVALID_VOICE_FILE', `${source}: ${problem}`, cause === undefined ? {} : { cause });
}

/**
 * Random access to an archive, so a reader can take one entry out of a large bundle without
 * loading all of it (a Node file handle, an HTTP range reader, or bytes in memory).
 */
export interface ZipSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A {@link ZipSource} over bytes in memory. */
export function bytesZipSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

interface DirectoryLocation {
  count: number;
  offset: number;
  size: number;
}

/** Finds and checks the end-of-central-directory record in the archive's last bytes. */
function locateDirectory(tail: Uint8Array, tailOffset: number, source: string): DirectoryLocation {
  const dv = view(tail);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (dv.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw invalid(
      source,
      'not a complete zip archive (no end-of-central-directory record; the file may be truncated). ' +
        'Download it again.',
    );
  }
  const count = dv.getUint16(eocd + 10, true);
  const size = dv.getUint32(eocd + 12, true);
  const offset = dv.getUint32(eocd + 16, true);
  // PyTorch writes zip64 records even for small archives; they only matter when the classic
  // fields overflow (then those hold 0xFFFF / 0xFFFFFFFF) and we refuse the archive.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw invalid(
      source,
      'is a zip64 archive, which is not supported. Re-save it as a regular zip (< 4 GiB).',
    );
  }
  if (offset + size > tailOffset + eocd) {
    throw invalid(
      source,
      'the zip central directory lies outside the file (the file is truncated or corrupt).',
    );
  }
  return { count, offset, size };
}

function parseDirectory(directory: Uint8Array, count: number, source: string): ZipEntry[] {
  const dv = view(directory);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || dv.getUint32(at, true) !== CENTRAL_HEADER) {
      throw invalid(source, `zip central directory entry ${i} is corrupt.`);
    }
    const flags = dv.getUint16(at + 8, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    if (at + 46 + nameLength > directory.length)
      throw invalid(source, `zip central directory entry ${i} is corrupt.`);
    const name = decoder.decode(directory.subarray(at + 46, at + 46 + nameLength));
    if (flags & 0x1) throw invalid(source, `zip entry '${name}' is encrypted, which is not supported.`);
    const overflow = [20, 24, 42].some((field) => dv.getUint32(at + field, true) === 0xffffffff);
    if (overflow) {
      throw invalid(
        source,
        `zip entry '${name}' uses zip64 sizes, which are not supported (entries must be < 4 GiB).`,
      );
    }
    entries.push({
      name,
      method: dv.getUint16(at + 10, true),
      crc32: dv.getUint32(at + 16, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      localHeaderOffset: dv.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Lists the entries of a zip archive in memory from its central directory. */
export function readZipDirectory(bytes: Uint8Array, options: { source: string }): ZipEntry[] {
  const { source } = options;
  if (bytes.length < EOCD_SIZE) throw invalid(source, `too short for a zip archive (${bytes.length} bytes).`);
  const tailOffset = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  const location = locateDirectory(bytes.subarray(tailOffset), tailOffset, source);
  return parseDirectory(
    bytes.subarray(location.offset, location.offset + location.size),
    location.count,
    source,
  );
}

/** Lists the entries of a zip archive through random access (reads only its tail and directory). */
export async function readZipDirectoryFrom(zip: ZipSource, options: { source: string }): Promise<ZipEntry[]> {
  const { source } = options;
  if (zip.size < EOCD_SIZE) throw invalid(source, `too short for a zip archive (${zip.size} bytes).`);
  const tailOffset = Math.max(0, zip.size - EOCD_SIZE - MAX_COMMENT);
  const location = locateDirectory(await zip.read(tailOffset, zip.size - tailOffset), tailOffset, source);
  return parseDirectory(await zip.read(location.offset, location.size), location.count, source);
}

/** The bytes of one entry of an archive in memory, inflated if needed and checked against its CRC-32. */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  options: ZipReadOptions,
): Promise<Uint8Array> {
  return readZipEntryFrom(bytesZipSource(bytes), entry, options);
}

/** The bytes of one entry, read through random access, inflated if needed and CRC-checked. */
export async function readZipEntryFrom(
  zip: ZipSource,
  entry: ZipEntry,
  options: ZipReadOptions,
): Promise<Uint8Array> {
  const { source } = options;
  throwIfAborted(options.signal);
  const at = entry.localHeaderOffset;
  const header = at + 30 <= zip.size ? await zip.read(at, 30) : new Uint8Array(0);
  const dv = view(header);
  if (header.length < 30 || dv.getUint32(0, true) !== LOCAL_HEADER) {
    throw invalid(
      source,
      `zip entry '${entry.name}' has no valid local header (the file is truncated or corrupt).`,
    );
  }
  const start = at + 30 + dv.getUint16(26, true) + dv.getUint16(28, true);
  if (start + entry.compressedSize > zip.size) {
    throw invalid(source, `zip entry '${entry.name}' runs past the end of the file (truncated).`);
  }
  const raw = await zip.read(start, entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      throw invalid(source, `zip entry '${entry.name}' is stored but its sizes disagree.`);
    }
    data = raw;
  } else if (entry.method === 8) {
    const inflate = options.inflateRaw ?? inflateRawWithStreams;
    try {
      data = await inflate(raw, options.signal === undefined ? {} : { signal: options.signal });
    } catch (error) {
      if (KokoroError.hasCode(error, 'ABORTED')) throw error;
      throw invalid(source, `zip entry '${entry.name}' could not be inflated (corrupt deflate data).`, error);
    }
    if (data.length !== entry.size) {
      throw invalid(
        source,
        `zip entry '${entry.name}' inflated to ${data.length} bytes; expected ${entry.size}.`,
      );
    }
  } else {
    throw invalid(
      source,
      `zip entry '${entry.name}' uses compression method ${entry.method}; only stored (0) and deflate (8) are supported.`,
    );
  }
  if (crc32(data) !== entry.crc32) {
    throw invalid(
      source,
      `zip entry '${entry.name}' fails its CRC-32 check (the file is corrupt). Download it again.`,
    );
  }
  return data;
}

/** Inflates with the standard `DecompressionStream('deflate-raw')` (Node ≥ 20, current browsers). */
export async function inflateRawWithStreams(
  data: Uint8Array,
  options: { signal?: AbortSignal },
): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function') {
    throw new VoiceError(
      'INVALID_VOICE_FILE',
      'This runtime has no DecompressionStream, needed for compressed zip entries; pass `inflateRaw`.',
    );
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Not awaited: the write resolves only as the readable side is drained below.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (options.signal?.aborted) {
      await reader.cancel().catch(() => {});
      throw new AbortError(undefined, { cause: options.signal.reason });
    }
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as zip stores it. */
export function crc32(data: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
