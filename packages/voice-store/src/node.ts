/**
 * Node-only voice stores: a folder of voice files, or an explicit list of files.
 * Everything format-related lives in the browser-safe entry; this file only touches the disk.
 */
import type { Dirent } from 'node:fs';
import { type FileHandle, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import { InvalidArgumentError, KokoroError, throwIfAborted, VoiceError } from '@kokoro-kit/core';
import { assertValidVoiceName, isValidVoiceName } from './expression';
import { indexVoiceBundle } from './formats';
import { type CachingVoiceStore, createVoiceStore, type VoiceLoader } from './store';
import { torchArchivePrefix } from './torch';
import { VOICE_PACK_BYTES } from './voice-pack';
import {
  type InflateRaw,
  isZip,
  readZipDirectoryFrom,
  readZipEntryFrom,
  type ZipEntry,
  type ZipSource,
} from './zip';

export * from './index';

/** Extensions of voice files, in the order that wins when one name has several files. */
const SINGLE_EXTENSIONS = ['.bin', '.pt', '.npy'] as const;
const BUNDLE_EXTENSION = '.npz';

type Location =
  | { kind: 'file'; path: string }
  | { kind: 'bundle'; path: string; entry: ZipEntry }
  /** A symlink whose target lies outside the voice directory: never read. */
  | { kind: 'outside'; path: string };

/** What a voice file on disk holds, judged by its bytes as well as its extension. */
type FileKind = { kind: 'single' } | { kind: 'bundle'; entries: Map<string, ZipEntry> };

interface StoreTuning {
  /** How many blends to keep cached. Default 32. */
  maxCachedBlends?: number;
  /** Replaces `DecompressionStream('deflate-raw')` for compressed entries. */
  inflateRaw?: InflateRaw;
}

export interface DirectoryVoiceStoreOptions extends StoreTuning {
  /** A folder of `<name>.bin` / `<name>.pt` / `<name>.npy` files and/or `.npz` bundles (e.g. kokoro-js `voices/`). */
  dir: string;
}

export interface FileVoiceStoreOptions extends StoreTuning {
  /**
   * Voice files. Each `.bin`/`.pt`/`.npy` file is one voice named by its basename; an `.npz`
   * bundle (or a `.bin` that is one, like kokoro-onnx `voices-v1.0.bin`) adds all its voices.
   * When two files give the same name, the first in this list wins.
   */
  files: readonly string[];
}

/**
 * A store over a folder. It lists `<name>.bin`, `<name>.pt` and `<name>.npy` files as voices
 * (`.bin` wins over `.pt` over `.npy` for the same name) and adds every voice of each `.npz`
 * bundle — or `.bin` zip bundle such as kokoro-onnx `voices-v1.0.bin` — that no single file
 * already provides. The folder is re-read on `list()` and on each first load of a voice.
 * Names never resolve outside the folder; symlinks to targets outside it are refused.
 */
export function createDirectoryVoiceStore(options: DirectoryVoiceStoreOptions): CachingVoiceStore {
  return createVoiceStore({ ...tuning(options), loader: createDirectoryVoiceLoader(options) });
}

/** A store over explicit files (see {@link FileVoiceStoreOptions}). */
export function createFileVoiceStore(options: FileVoiceStoreOptions): CachingVoiceStore {
  return createVoiceStore({ ...tuning(options), loader: createFileVoiceLoader(options) });
}

function tuning(options: StoreTuning): StoreTuning {
  return {
    ...(options.maxCachedBlends === undefined ? {} : { maxCachedBlends: options.maxCachedBlends }),
    ...(options.inflateRaw === undefined ? {} : { inflateRaw: options.inflateRaw }),
  };
}

/** The {@link VoiceLoader} behind {@link createDirectoryVoiceStore}. */
export function createDirectoryVoiceLoader(options: { dir: string; inflateRaw?: InflateRaw }): VoiceLoader {
  if (typeof options.dir !== 'string' || options.dir === '') {
    throw new InvalidArgumentError(
      'createDirectoryVoiceStore: `dir` must be the path of a folder of voice files.',
    );
  }
  const dir = resolve(options.dir);
  let last = new Map<string, Location>();

  async function scan(signal: AbortSignal | undefined): Promise<Map<string, Location>> {
    const root = await realDirectory(dir);
    const dirents = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    const index = new Map<string, Location>();
    const rank = new Map<string, number>();
    const bundles: Array<{ path: string; entries: Map<string, ZipEntry> }> = [];
    for (const dirent of dirents) {
      throwIfAborted(signal);
      const ext = extname(dirent.name);
      const isSingle = (SINGLE_EXTENSIONS as readonly string[]).includes(ext);
      if (!isSingle && ext !== BUNDLE_EXTENSION) continue;
      if (!(dirent.isFile() || dirent.isSymbolicLink())) continue;
      const path = join(dir, dirent.name);
      const name = dirent.name.slice(0, -ext.length);
      const target = await followLink(dirent, path, root);
      if (target === 'missing') continue;
      if (target === 'outside') {
        if (isSingle && isValidVoiceName(name) && !index.has(name))
          index.set(name, { kind: 'outside', path });
        continue;
      }
      const kind = await classify(path, ext, signal);
      if (kind.kind === 'bundle') {
        bundles.push({ path, entries: kind.entries });
        continue;
      }
      if (!isValidVoiceName(name)) continue;
      const r = SINGLE_EXTENSIONS.indexOf(ext as (typeof SINGLE_EXTENSIONS)[number]);
      if (!index.has(name) || r < (rank.get(name) ?? Number.POSITIVE_INFINITY)) {
        index.set(name, { kind: 'file', path });
        rank.set(name, r);
      }
    }
    for (const { path, entries } of bundles) {
      for (const [name, entry] of entries) {
        if (isValidVoiceName(name) && !index.has(name)) index.set(name, { kind: 'bundle', path, entry });
      }
    }
    last = index;
    return index;
  }

  return {
    async list(listOptions = {}) {
      const index = await scan(listOptions.signal);
      return [...index].filter(([, loc]) => loc.kind !== 'outside').map(([name]) => name);
    },

    async load(name, loadOptions) {
      assertValidVoiceName(name);
      const location = (await scan(loadOptions.signal)).get(name);
      if (location === undefined) return undefined;
      if (location.kind === 'outside') throw outside(name, location.path, dir);
      // Belt and braces: the name came from readdir, but check where it really points anyway.
      const root = await realDirectory(dir);
      if (!isInside(dir, resolve(location.path)) || !isInside(root, await realpath(location.path))) {
        throw outside(name, location.path, dir);
      }
      return readLocation(location, loadOptions.signal, options.inflateRaw);
    },

    describeSource: (name) => describeLocation(name, last.get(name)) ?? join(dir, name),
  };
}

/** The {@link VoiceLoader} behind {@link createFileVoiceStore}. */
export function createFileVoiceLoader(options: {
  files: readonly string[];
  inflateRaw?: InflateRaw;
}): VoiceLoader {
  if (!Array.isArray(options.files) || options.files.length === 0) {
    throw new InvalidArgumentError('createFileVoiceStore: `files` must list at least one voice file.');
  }
  const files = options.files.map((file) => {
    const ext = extname(file);
    if (!(SINGLE_EXTENSIONS as readonly string[]).includes(ext) && ext !== BUNDLE_EXTENSION) {
      throw new InvalidArgumentError(
        `createFileVoiceStore: ${file} is not a voice file; expected .bin, .pt, .npy or .npz.`,
      );
    }
    const name = basename(file, ext);
    return { path: resolve(file), ext, name };
  });
  let indexed: Promise<Map<string, Location>> | undefined;
  let last = new Map<string, Location>();

  async function buildIndex(signal: AbortSignal | undefined): Promise<Map<string, Location>> {
    const index = new Map<string, Location>();
    for (const file of files) {
      const kind = await classify(file.path, file.ext, signal);
      if (kind.kind === 'single') {
        assertValidVoiceName(file.name);
        if (!index.has(file.name)) index.set(file.name, { kind: 'file', path: file.path });
        continue;
      }
      for (const [name, entry] of kind.entries) {
        if (isValidVoiceName(name) && !index.has(name))
          index.set(name, { kind: 'bundle', path: file.path, entry });
      }
    }
    last = index;
    return index;
  }

  // The files are fixed, so the index is built once (and again only after a failure).
  function index(signal: AbortSignal | undefined) {
    if (indexed === undefined) {
      const attempt = buildIndex(signal);
      indexed = attempt;
      attempt.catch(() => {
        if (indexed === attempt) indexed = undefined;
      });
    }
    return indexed;
  }

  return {
    async list(listOptions = {}) {
      return [...(await index(listOptions.signal)).keys()];
    },
    async load(name, loadOptions) {
      assertValidVoiceName(name);
      const location = (await index(loadOptions.signal)).get(name);
      return location === undefined
        ? undefined
        : readLocation(location, loadOptions.signal, options.inflateRaw);
    },
    describeSource: (name) => describeLocation(name, last.get(name)) ?? name,
  };
}

function describeLocation(name: string, location: Location | undefined): string | undefined {
  if (location === undefined) return undefined;
  return location.kind === 'bundle' ? `${location.path}: entry '${name}.npy'` : location.path;
}

async function readLocation(
  location: Location,
  signal: AbortSignal | undefined,
  inflateRaw: InflateRaw | undefined,
): Promise<Uint8Array> {
  if (location.kind === 'outside')
    throw new VoiceError('INVALID_VOICE_NAME', `${location.path} is outside the store.`);
  if (location.kind === 'file') {
    return readWith(location.path, () => readFile(location.path, signal === undefined ? {} : { signal }));
  }
  return withZipFile(location.path, (zip) =>
    readZipEntryFrom(zip, location.entry, {
      source: location.path,
      ...(signal === undefined ? {} : { signal }),
      ...(inflateRaw === undefined ? {} : { inflateRaw }),
    }),
  );
}

/** Reads just enough of a file to tell a single voice from a bundle. */
async function classify(path: string, ext: string, signal: AbortSignal | undefined): Promise<FileKind> {
  throwIfAborted(signal);
  if (ext === '.pt' || ext === '.npy') return { kind: 'single' };
  const size = (await readWith(path, () => stat(path))).size;
  // A raw pack has exactly this size; only other sizes need a look inside.
  if (ext === '.bin' && size === VOICE_PACK_BYTES) return { kind: 'single' };
  return withZipFile(path, async (zip) => {
    const magic = await zip.read(0, 4);
    if (!isZip(magic)) {
      if (ext === '.bin') return { kind: 'single' }; // parsing reports the wrong size
      throw new VoiceError('INVALID_VOICE_FILE', `${path} is not a zip (.npz) voice bundle.`);
    }
    const entries = await readZipDirectoryFrom(zip, { source: path });
    if (torchArchivePrefix(entries) !== undefined) return { kind: 'single' }; // a .pt saved as .bin/.npz
    return { kind: 'bundle', entries: indexVoiceBundle(entries, path) };
  });
}

async function withZipFile<T>(path: string, use: (zip: ZipSource) => Promise<T>): Promise<T> {
  const handle = await readWith(path, () => open(path, 'r'));
  try {
    const { size } = await handle.stat();
    return await use({ size, read: (offset, length) => readFully(handle, offset, length) });
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** Runs a file operation, turning "not found" and permission errors into clear typed errors. */
async function readWith<T>(path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (KokoroError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ABORT_ERR') throw error;
    if (code === 'ENOENT') {
      throw new VoiceError('VOICE_FILE_NOT_FOUND', `Voice file ${path} does not exist.`, { cause: error });
    }
    throw new VoiceError(
      'VOICE_LOAD_FAILED',
      `Could not read voice file ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

async function realDirectory(dir: string): Promise<string> {
  try {
    const real = await realpath(dir);
    if (!(await stat(real)).isDirectory()) throw new Error('not a directory');
    return real;
  } catch (error) {
    throw new VoiceError(
      'VOICE_DIR_NOT_FOUND',
      `Voice directory ${dir} does not exist or is not a folder. Pass the folder holding <voice>.bin files ` +
        "(e.g. kokoro-js's voices/).",
      { cause: error },
    );
  }
}

/** Where a directory entry really points: fine, outside the root, or nowhere (broken link). */
async function followLink(
  dirent: Dirent,
  path: string,
  root: string,
): Promise<'inside' | 'outside' | 'missing'> {
  if (!dirent.isSymbolicLink()) return 'inside';
  try {
    const real = await realpath(path);
    if (!isInside(root, real)) return 'outside';
    return (await stat(real)).isFile() ? 'inside' : 'missing';
  } catch {
    return 'missing';
  }
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function outside(name: string, path: string, dir: string): VoiceError {
  return new VoiceError(
    'INVALID_VOICE_NAME',
    `Voice '${name}' (${path}) resolves outside the voice directory ${dir} (a symlink?); it is not read.`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
