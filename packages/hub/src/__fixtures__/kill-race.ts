/**
 * The hub's kill race: three processes fetch one file into one cache; the one holding the lock is
 * killed (SIGKILL) mid-download. The others must finish with the right bytes, the cache must hold
 * the right file and record, and nothing may be left locked. Used by `kill.test.ts` (a few rounds)
 * and `scripts/kill-race.ts` (many).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HubServer, startHubServer } from '../testing';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = 'kill/race';
const FILE = 'model.bin';
export const RACE_BYTES = randomBytes(3 * 1024 * 1024);
const EXPECTED = createHash('sha256').update(RACE_BYTES).digest('hex');

export interface RoundResult {
  /** What each surviving process printed. */
  survivors: Array<{ ok: boolean; size?: number; sha256?: string; recorded?: string; message?: string }>;
  /** Problems found; empty when the round was clean. */
  problems: string[];
}

export async function startRaceServer(): Promise<HubServer> {
  return startHubServer({ files: { [`/${REPO}/resolve/main/${FILE}`]: RACE_BYTES } });
}

/** One round in a fresh cache folder. `killAfterBytes`: how far the holder gets before the kill. */
export async function killRound(server: HubServer, killAfterBytes = 256 * 1024): Promise<RoundResult> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'kokoro-kill-race-'));
  // Slow enough that the holder is mid-body when killed (~3 MB at 32 KiB per 10 ms ≈ 1 s).
  server.behaviors.set(`/${REPO}/resolve/main/${FILE}`, { delayMs: 10, chunkBytes: 32 * 1024 });
  const children = [0, 1, 2].map(() => spawnChild(cacheDir, server.url));
  const problems: string[] = [];
  try {
    const holderPid = await waitForHolder(cacheDir, killAfterBytes);
    const holder = children.find((c) => c.process.pid === holderPid);
    if (!holder) throw new Error(`the lock holder ${holderPid} is not one of the three processes`);
    holder.process.kill('SIGKILL');
    const survivors = await Promise.all(children.filter((c) => c !== holder).map((c) => c.result));
    for (const s of survivors) {
      if (!s.ok) problems.push(`a survivor failed: ${s.message}`);
      else if (s.sha256 !== EXPECTED || s.size !== RACE_BYTES.byteLength)
        problems.push(`a survivor got ${s.size} bytes, sha256 ${s.sha256}`);
      else if (s.recorded !== EXPECTED) problems.push(`the recorded digest is ${s.recorded}`);
    }
    const cached = await readFile(join(cacheDir, 'files', 'hf', REPO, 'main', FILE));
    if (createHash('sha256').update(cached).digest('hex') !== EXPECTED)
      problems.push(`the cached file is wrong (${cached.byteLength} bytes)`);
    const locks = await listFiles(join(cacheDir, 'locks'));
    if (locks.length > 0) problems.push(`locks left: ${locks.join(', ')}`);
    return { survivors, problems };
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
    await rm(cacheDir, { recursive: true, force: true });
  }
}

interface Child {
  process: ChildProcess;
  result: Promise<RoundResult['survivors'][number]>;
}

function spawnChild(cacheDir: string, hubUrl: string): Child {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@kokoro-kit/source',
      join(here, 'fetch-child.ts'),
      cacheDir,
      hubUrl,
      REPO,
      FILE,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<RoundResult['survivors'][number]>((resolve) => {
    child.on('exit', (code, signal) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        resolve({
          ok: false,
          message: `exit ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}`,
        });
      }
    });
  });
  return { process: child, result };
}

/** The pid in the lock file, once the holder's private download file has `bytes` bytes. */
async function waitForHolder(cacheDir: string, bytes: number): Promise<number> {
  const lock = join(cacheDir, 'locks', 'hf', REPO, 'main', `${FILE}.lock`);
  const partialDir = join(cacheDir, 'partial', 'hf', REPO, 'main');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const holder = JSON.parse(await readFile(lock, 'utf8')) as { pid: number; token?: string };
      // Each holder downloads into a file of its own (older versions shared one).
      const mine = join(partialDir, holder.token === undefined ? FILE : `${FILE}.${holder.token}`);
      if ((await readFile(mine)).byteLength >= bytes) return holder.pid;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no process took the lock and received data within 60 s');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) out.push(entry.name);
  }
  return out;
}
