import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `kokoro speak --stream`: audio leaves while the text is still arriving. */
const bin = resolve(fileURLToPath(import.meta.url), '../../dist/bin.js');
let dir: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokoro-stream-'));
  model = join(dir, 'tiny.onnx');
  const made = spawnSync(process.execPath, [
    bin,
    'synth-model',
    '--preset',
    'tiny',
    '--durations',
    '--out',
    model,
  ]);
  expect(made.status).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The CLI's caches (the optimized model) go to this test's folder, never the user's.
const env = () => ({ ...process.env, KOKORO_CACHE_DIR: join(dir, 'cache') });

const args = () => [
  bin,
  'speak',
  '--stream',
  '--format',
  'pcm',
  '--out',
  '-',
  '--model',
  model,
  '--voices',
  realVoicesDir,
  '--lexicon',
  misakiLexiconDir,
];

describe('kokoro speak --stream', () => {
  it('writes the first audio while stdin is still open', async () => {
    const child = spawn(process.execPath, args(), { stdio: ['pipe', 'pipe', 'pipe'], env: env() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const firstBytes = new Promise<number>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(d.length)),
    );
    child.stdin.write('Hello there, this is the first sentence of a long story. ');
    // stdin stays open: the first chunk must arrive anyway.
    expect(await firstBytes).toBeGreaterThan(0);
    expect(stderr).toMatch(/s16le, 24000 Hz, mono/);
    let total = 0;
    child.stdout.on('data', (d: Buffer) => {
      total += d.length;
    });
    child.stdin.end('And here is the rest of it, which only arrives later.\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(total).toBeGreaterThan(0);
    expect(total % 2).toBe(0);
  });

  it('streams a long file: the first bytes come long before the end', async () => {
    const file = join(dir, 'long.txt');
    const sentence = 'The quick brown fox jumps over the lazy dog, and then it runs away into the forest. ';
    await writeFile(file, sentence.repeat(150));
    const child = spawn(process.execPath, [...args(), '--file', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env(),
    });
    let bytes = 0;
    let bytesAtFirstData = -1;
    let exited = false;
    child.stdout.on('data', (d: Buffer) => {
      if (bytesAtFirstData < 0) bytesAtFirstData = d.length;
      bytes += d.length;
    });
    let exitedAtFirstData: boolean | undefined;
    child.stdout.once('data', () => {
      exitedAtFirstData = exited;
    });
    const code = await new Promise<number | null>((resolve) =>
      child.on('close', (c) => {
        exited = true;
        resolve(c);
      }),
    );
    expect(code).toBe(0);
    expect(exitedAtFirstData).toBe(false);
    expect(bytesAtFirstData).toBeGreaterThan(0);
    expect(bytesAtFirstData).toBeLessThan(bytes / 50);
  });
});
