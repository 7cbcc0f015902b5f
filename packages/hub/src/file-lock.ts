import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AbortError, throwIfAborted } from '@kokoro-kit/core';

/** A held lock. */
export interface FileLock {
  /** Unique to this holder: names its private files, and proves the lock is still its own. */
  readonly token: string;
  /** Marks the lock fresh (the holder is alive and making progress). */
  touch(): void;
  /** Removes the lock, if it is still this holder's. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** A lock older than this whose holder cannot be checked is stale. */
  staleMs: number;
  /** How often a waiter looks at the lock. */
  pollMs: number;
  signal?: AbortSignal | undefined;
}

interface Holder {
  pid?: number;
  host?: string;
  time?: number;
  token?: string;
}

/** A token for this process's next lock: the pid first, so others can tell whether it is alive. */
export function newToken(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** The pid a token (or a file name ending in one) was made by, if any. */
export function pidOfToken(token: string): number | undefined {
  const match = /(?:^|\.)(\d+)-[0-9a-f]{12}$/.exec(token);
  return match ? Number(match[1]) : undefined;
}

/**
 * An exclusive-create lock (`open(path, 'wx')`): works on every local filesystem and needs no
 * daemon. It holds `{ pid, host, time, token }` and is stale when its holder is a dead process on
 * this host, or when it has not been touched for `staleMs`.
 *
 * Taking over a stale lock is atomic: the waiter renames the lock file to a name of its own and
 * checks that what it moved is the stale lock it judged (same token). Two waiters that both saw
 * the stale lock cannot both take over — the second would move the first's fresh lock, see a
 * different token, and put it back. A holder removes the lock only while it is still its own.
 *
 * Resolves to the lock, or to `done()`'s result when another process finished meanwhile.
 */
export async function acquireFileLock<T extends object>(
  path: string,
  options: LockOptions & { done: () => Promise<T | undefined> },
): Promise<FileLock | T> {
  await mkdir(dirname(path), { recursive: true });
  for (;;) {
    throwIfAborted(options.signal);
    const token = newToken();
    if (await tryCreate(path, token)) return heldLock(path, token);
    const holder = await readHolder(path);
    if (await isStale(path, holder, options.staleMs)) {
      await takeOver(path, holder ?? {});
      continue;
    }
    await sleep(options.pollMs, options.signal);
    const result = await options.done();
    if (result !== undefined) return result;
  }
}

async function tryCreate(path: string, token: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(
      JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now(), token } satisfies Holder),
    );
  } finally {
    await handle.close();
  }
  return true;
}

function heldLock(path: string, token: string): FileLock {
  return {
    token,
    touch: () => {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    },
    release: async () => {
      // Never remove a lock another process holds now (ours may have been judged stale).
      if ((await readHolder(path))?.token === token) await rm(path, { force: true });
    },
  };
}

/** Moves the stale lock aside atomically; restores it if it turns out to be a fresh one. */
async function takeOver(path: string, stale: Holder): Promise<void> {
  const aside = `${path}.${newToken()}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another waiter moved it
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved?.token !== stale.token) {
    // Someone took the lock between our look and our rename: give it back. If a third process
    // has created one meanwhile (EEXIST), the one we moved has lost its lock; its private
    // download file keeps that from doing harm, and its release leaves the new lock alone.
    await link(aside, path).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** An empty or unreadable lock this old was left by a holder that died while creating it. */
const UNWRITTEN_LOCK_MS = 5_000;

async function isStale(path: string, holder: Holder | undefined, staleMs: number): Promise<boolean> {
  if (holder?.pid !== undefined && holder.host === hostname()) return !isAlive(holder.pid);
  let mtime: number;
  try {
    mtime = (await stat(path)).mtimeMs;
  } catch {
    return false; // gone already: try again
  }
  // Held on another host (a shared cache folder), or not written yet: judge by age.
  return Date.now() - mtime > (holder ? staleMs : UNWRITTEN_LOCK_MS);
}

/** Whether a process with this pid exists on this host. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
