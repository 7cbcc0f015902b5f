import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock, type FileLock, pidOfToken } from './file-lock';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokoro-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

const options = { staleMs: 60_000, pollMs: 5, done: async () => undefined };
const acquire = (path: string) => acquireFileLock(path, options) as Promise<FileLock>;

describe('acquireFileLock', () => {
  it('lets exactly one of many waiters take over a dead holder’s lock at a time', async () => {
    const path = join(dir, 'a.lock');
    await writeFile(path, JSON.stringify({ pid: deadPid(), host: hostname(), time: Date.now(), token: 'x' }));
    let holding = 0;
    let most = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const lock = await acquire(path);
        holding++;
        most = Math.max(most, holding);
        await new Promise((resolve) => setTimeout(resolve, 15));
        holding--;
        await lock.release();
        done++;
      }),
    );
    expect(most).toBe(1);
    expect(done).toBe(8);
  });

  it('never removes a lock that another holder has taken since', async () => {
    const path = join(dir, 'b.lock');
    const lock = await acquire(path);
    const other = JSON.stringify({
      pid: process.pid,
      host: hostname(),
      time: Date.now(),
      token: 'someone-else',
    });
    await writeFile(path, other);
    await lock.release();
    expect(await readFile(path, 'utf8')).toBe(other);
  });

  it('treats an empty lock file older than a few seconds as left by a holder that died creating it', async () => {
    const path = join(dir, 'c.lock');
    await writeFile(path, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(path, old, old);
    const lock = await acquire(path);
    expect(pidOfToken(lock.token)).toBe(process.pid);
    await lock.release();
  });

  it('waits for a live holder and returns what `done` finds once it has finished', async () => {
    const path = join(dir, 'd.lock');
    const held = await acquire(path);
    let finished: { size: number } | undefined;
    const waiting = acquireFileLock(path, { ...options, done: async () => finished });
    await new Promise((resolve) => setTimeout(resolve, 30));
    finished = { size: 3 };
    expect(await waiting).toEqual({ size: 3 });
    await held.release();
  });
});
