/**
 * Node entry: a file cache for the hub (atomic writes, HTTP Range resume, a cross-process lock,
 * streaming sha256) and `createNodeHub`, which reads the `KOKORO_*` environment.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { throwIfAborted } from '@kokoro-kit/core';
import type { HubAsset } from './assets';
import type { OpenedDownload } from './download';
import { HubError } from './errors';
import { acquireFileLock, type FileLock, isAlive, pidOfToken } from './file-lock';
import { createHub, type Hub, type HubOptions } from './hub';
import type { HubStorage, StoredEntry, StoreRequest } from './storage';

export * from './index';

/** `$KOKORO_CACHE_DIR`, else `$XDG_CACHE_HOME/kokoro-kit`, else `~/.cache/kokoro-kit`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOKORO_CACHE_DIR) return env.KOKORO_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kokoro-kit');
}

/** True when `KOKORO_OFFLINE` is set to anything but ``, `0`, `false` or `no`. */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.KOKORO_OFFLINE?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false' && value !== 'no';
}

export interface FileStorageOptions {
  /** The cache folder (created on demand). */
  dir: string;
  /** A lock older than this whose holder cannot be checked is stale. Default 10 minutes. */
  staleLockMs?: number;
  /** How often a waiting process looks at a lock. Default 100 ms. */
  lockPollMs?: number;
}

/** A {@link HubStorage} that also knows where each file lives on disk. */
export interface FileStorage extends HubStorage {
  readonly dir: string;
  /** The path of a complete file (whether or not it exists yet). */
  pathOf(key: string): string;
}

interface Meta {
  url?: string;
  size: number;
  sha256: string;
  fetchedAt: string;
}

interface PartialMeta {
  url: string;
  etag?: string;
}

/**
 * The Node cache. Layout under `dir`:
 * - `files/<key>` — complete, verified files (a model is loaded from here by path);
 * - `meta/<key>.json` — size, sha256, source URL and date recorded at download;
 * - `partial/<key>` (+ `.json`) — an interrupted download, resumed with HTTP Range;
 * - `locks/<key>.lock` — held while one process downloads a file.
 *
 * A file appears in `files/` only by `rename` from `partial/` after its size and sha256 were
 * checked, so readers never see a half-written or unverified file.
 */
export function createFileStorage(options: FileStorageOptions): FileStorage {
  const dir = options.dir;
  const staleMs = options.staleLockMs ?? 10 * 60_000;
  const pollMs = options.lockPollMs ?? 100;
  const filePath = (key: string) => join(dir, 'files', ...key.split('/'));
  const metaPath = (key: string) => `${join(dir, 'meta', ...key.split('/'))}.json`;
  const partialPath = (key: string) => join(dir, 'partial', ...key.split('/'));
  const lockPath = (key: string) => `${join(dir, 'locks', ...key.split('/'))}.lock`;

  async function statKey(key: string): Promise<StoredEntry | undefined> {
    let size: number;
    try {
      const info = await stat(filePath(key));
      if (!info.isFile()) return undefined;
      size = info.size;
    } catch {
      return undefined;
    }
    const entry: StoredEntry = { key, size };
    const meta = await readJson<Meta>(metaPath(key));
    if (meta) {
      entry.recordedSize = meta.size;
      entry.sha256 = meta.sha256;
      if (meta.url) entry.url = meta.url;
      entry.fetchedAt = meta.fetchedAt;
    }
    return entry;
  }

  async function store(req: StoreRequest): Promise<StoredEntry> {
    const key = req.asset.key;
    const lock = await acquireFileLock(lockPath(key), {
      staleMs,
      pollMs,
      signal: req.signal,
      done: () => statKey(key),
    });
    if (!isLock(lock)) return lock; // another process stored it meanwhile
    try {
      const existing = await statKey(key);
      if (existing) return existing;
      return await download(req, lock);
    } finally {
      await lock.release();
    }
  }

  /**
   * Downloads into a file of this holder's own (`partial/<key>.<token>`), so no other process can
   * append to it, then checks the bytes on disk and renames them into place. An interrupted
   * download goes back to `partial/<key>` to be resumed; one left behind by a killed process is
   * adopted by the next holder.
   */
  async function download(req: StoreRequest, lock: FileLock): Promise<StoredEntry> {
    const key = req.asset.key;
    const resumable = partialPath(key);
    const partialMeta = `${resumable}.json`;
    const mine = `${resumable}.${lock.token}`;
    await mkdir(dirname(resumable), { recursive: true });
    await adoptPartial(resumable, mine);
    try {
      await fetchTo(req, mine, partialMeta, lock);
    } catch (error) {
      if (isDiskFull(error)) {
        await rm(mine, { force: true });
        await rm(partialMeta, { force: true });
        throw diskFull(req.asset, dir, req.asset.size, error);
      }
      await rename(mine, resumable).catch(() => undefined); // kept, to be resumed
      throw error;
    }
    // What is checked is what will be renamed into place: the bytes on disk.
    const { size, sha256 } = await digestOf(mine, req.signal);
    try {
      req.check(size, sha256);
    } catch (error) {
      await rm(mine, { force: true });
      await rm(partialMeta, { force: true });
      throw error;
    }
    const fetchedAt = new Date().toISOString();
    const target = filePath(key);
    try {
      // The record first, then the file: a crash in between leaves a record without a file,
      // which reads as "not cached" and is overwritten by the next download.
      await writeJson(metaPath(key), { url: req.url, size, sha256, fetchedAt } satisfies Meta);
      await mkdir(dirname(target), { recursive: true });
      await rename(mine, target);
    } catch (error) {
      await rm(mine, { force: true });
      if (isDiskFull(error)) {
        await rm(partialMeta, { force: true });
        throw diskFull(req.asset, dir, size, error);
      }
      throw error;
    }
    await rm(partialMeta, { force: true });
    return { key, size, recordedSize: size, sha256, url: req.url, fetchedAt };
  }

  async function digest(key: string, call: { signal?: AbortSignal } = {}): Promise<string> {
    const hash = createHash('sha256');
    await hashFile(filePath(key), hash, call.signal);
    return hash.digest('hex');
  }

  async function list(): Promise<StoredEntry[]> {
    const root = join(dir, 'files');
    const keys: string[] = [];
    await walk(root, async (path) => {
      keys.push(relative(root, path).split(sep).join('/'));
    });
    const entries = await Promise.all(keys.sort().map(statKey));
    return entries.filter((e): e is StoredEntry => e !== undefined);
  }

  return {
    dir,
    pathOf: filePath,
    stat: statKey,
    read: async (key, call = {}) => {
      throwIfAborted(call.signal);
      return new Uint8Array(await readFile(filePath(key), { signal: call.signal }));
    },
    store,
    digest,
    async remove(key) {
      await Promise.all([
        rm(filePath(key), { force: true }),
        rm(metaPath(key), { force: true }),
        rm(partialPath(key), { force: true }),
        rm(`${partialPath(key)}.json`, { force: true }),
      ]);
    },
    list,
    async clear() {
      for (const part of ['files', 'meta', 'partial'])
        await rm(join(dir, part), { recursive: true, force: true });
    },
  };
}

function isLock(value: FileLock | StoredEntry): value is FileLock {
  return 'release' in value;
}

/** Opens the download (resuming what `path` holds) and writes the body into `path`. */
async function fetchTo(req: StoreRequest, path: string, partialMeta: string, lock: FileLock): Promise<void> {
  let offset = 0;
  let etag: string | undefined;
  if (req.resume) {
    const meta = await readJson<PartialMeta>(partialMeta);
    const size = await fileSize(path);
    if (meta && meta.url === req.url && size !== undefined && size > 0) {
      offset = size;
      etag = meta.etag;
    }
  }
  const opened = await req.open(offset, etag);
  if (opened.offset !== offset) offset = 0; // the server sent the whole file: start again
  await writeJson(partialMeta, { url: req.url, ...(opened.etag && { etag: opened.etag }) });
  await receive(req, opened, path, offset, lock);
}

/** Writes the body after `offset` bytes already in `path`, reporting progress and keeping the lock fresh. */
async function receive(
  req: StoreRequest,
  opened: OpenedDownload,
  path: string,
  offset: number,
  lock: FileLock,
): Promise<void> {
  const handle = await open(path, offset > 0 ? 'a' : 'w');
  let received = offset;
  let lastTouch = Date.now();
  try {
    req.progress(received, opened.total, offset);
    for await (const chunk of opened.body) {
      await handle.write(chunk);
      received += chunk.byteLength;
      req.progress(received, opened.total, offset);
      if (Date.now() - lastTouch > 5_000) {
        lastTouch = Date.now();
        lock.touch();
      }
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Takes the resumable partial file as this holder's own (atomic rename). If there is none, a
 * private one left by a process that died (kill -9) is adopted instead, the largest first.
 */
async function adoptPartial(resumable: string, mine: string): Promise<void> {
  try {
    await rename(resumable, mine);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const folder = dirname(resumable);
  const prefix = `${resumable.slice(folder.length + 1)}.`;
  let orphans: { path: string; size: number }[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || name.endsWith('.json')) continue;
    const pid = pidOfToken(name.slice(prefix.length));
    if (pid === undefined || isAlive(pid)) continue;
    orphans.push({ path: join(folder, name), size: (await fileSize(join(folder, name))) ?? 0 });
  }
  orphans = orphans.sort((a, b) => b.size - a.size);
  for (const [i, orphan] of orphans.entries()) {
    if (i === 0) await rename(orphan.path, mine).catch(() => undefined);
    else await rm(orphan.path, { force: true });
  }
}

/** Size and sha256 of a file, streamed (a 325 MB model is never held in memory). */
async function digestOf(path: string, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { size, sha256: hash.digest('hex') };
}

async function hashFile(
  path: string,
  hash: ReturnType<typeof createHash>,
  signal?: AbortSignal,
): Promise<void> {
  // Streamed, so a 325 MB model is never held in memory.
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes JSON atomically (temp file + rename). */
async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function walk(dir: string, visit: (path: string) => Promise<void>): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, visit);
    else if (entry.isFile()) await visit(path);
  }
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function diskFull(asset: HubAsset, dir: string, size: number | undefined, cause: unknown): HubError {
  const need = size === undefined ? '' : ` (${(size / 1e6).toFixed(1)} MB)`;
  return new HubError(
    'HUB_DISK_FULL',
    `No space left to cache ${asset.name}${need} in ${dir}; free some space or set KOKORO_CACHE_DIR to a larger disk, then run the command again.`,
    { cause },
  );
}

export interface NodeHubOptions extends Omit<HubOptions, 'storage' | 'offline' | 'hubUrl' | 'lexiconUrl'> {
  /** Default: {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Where `KOKORO_CACHE_DIR`, `KOKORO_HUB_URL`, `KOKORO_LEXICON_URL`, `KOKORO_OFFLINE` are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Overrides `KOKORO_OFFLINE`. */
  offline?: boolean;
  /** Override `KOKORO_HUB_URL` / `KOKORO_LEXICON_URL`. */
  hubUrl?: string;
  lexiconUrl?: string;
}

export interface NodeHub extends Hub {
  readonly cacheDir: string;
  readonly storage: FileStorage;
  /** Downloads the file if needed and returns its path in the cache. */
  path(asset: HubAsset, options?: Parameters<Hub['ensure']>[1]): Promise<string>;
}

/** The hub on a file cache, configured from options, then the environment. */
export function createNodeHub(options: NodeHubOptions = {}): NodeHub {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const storage = createFileStorage({ dir: cacheDir });
  const hub = createHub({
    ...options,
    storage,
    offline: options.offline ?? offlineFromEnv(env),
    hubUrl: options.hubUrl ?? (env.KOKORO_HUB_URL || undefined),
    lexiconUrl: options.lexiconUrl ?? (env.KOKORO_LEXICON_URL || undefined),
  });
  return {
    ...hub,
    storage,
    cacheDir,
    async path(asset, call) {
      await hub.ensure(asset, call);
      return storage.pathOf(asset.key);
    },
  };
}
