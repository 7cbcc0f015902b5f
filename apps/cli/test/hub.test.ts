import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '@kokoro-kit/core';
import { DEFAULT_MODEL_REPO, DEFAULT_MODEL_REVISION, MISAKI_COMMIT, PYPINYIN_COMMIT } from '@kokoro-kit/hub';
import { type HubServer, startHubServer } from '@kokoro-kit/hub/testing';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, pypinyinDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The built `kokoro` binary against a hub-shaped server on 127.0.0.1 (KOKORO_HUB_URL,
 * KOKORO_LEXICON_URL): the "done when", end to end. No request leaves loopback.
 */
const bin = resolve(fileURLToPath(import.meta.url), '../../dist/bin.js');
const REPO = 'test-org/kokoro-synthetic';
const resolvePath = (path: string) => `/${REPO}/resolve/main/${path}`;
const misakiPath = (file: string) => `/hexgrad/misaki/${MISAKI_COMMIT}/misaki/data/${file}`;
const pypinyinPath = (file: string) => `/mozillazg/python-pinyin/${PYPINYIN_COMMIT}/pypinyin/${file}`;
const modelBytes = buildSyntheticModel({ preset: 'tiny' });

let server: HubServer;
let work: string;
let cacheDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI asynchronously (the server lives in this process, so no spawnSync). */
function kokoro(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (kill: () => void) => void,
): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: work,
    env: {
      ...process.env,
      KOKORO_MODEL: '',
      KOKORO_VOICES_DIR: '',
      KOKORO_LEXICON_DIR: '',
      KOKORO_OFFLINE: '',
      KOKORO_HUB_URL: server.url,
      KOKORO_LEXICON_URL: server.url,
      KOKORO_CACHE_DIR: cacheDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn?.(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((done) =>
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started })),
  );
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string) {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  }
  await walk(dir, '');
  return out.sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kokoro-cli-hub-'));
  server = await startHubServer({
    files: {
      [resolvePath('onnx/model.onnx')]: modelBytes,
      ...Object.fromEntries(
        ['af_heart', 'af_bella', 'am_adam'].map((v) => [
          resolvePath(`voices/${v}.bin`),
          join(realVoicesDir, `${v}.bin`),
        ]),
      ),
      [`/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/voices/af_heart.bin`]: join(
        realVoicesDir,
        'af_heart.bin',
      ),
      ...Object.fromEntries(
        ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json', 'ja_words.txt'].map((f) => [
          misakiPath(f),
          join(misakiLexiconDir, f),
        ]),
      ),
      ...Object.fromEntries(
        ['pinyin_dict.json', 'phrases_dict.json'].map((f) => [pypinyinPath(f), join(pypinyinDir, f)]),
      ),
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(work, 'cache-'));
  server.requests.length = 0;
  server.behaviors.clear();
});

describe('kokoro phonemize through the hub (the default path: no --lexicon)', () => {
  it.each([
    [
      'zh',
      '你好，世界。',
      'ni↓xau↓, ʂɨ↘ʨje↘.',
      [pypinyinPath('pinyin_dict.json'), pypinyinPath('phrases_dict.json')],
    ],
    ['ja', 'こんにちは、世界。', 'koɲɲiʨiβa, sekai.', [misakiPath('ja_words.txt')]],
  ])('--lang %s fetches its pinned G2P data, verified, once', async (lang, text, expected, paths) => {
    const first = await kokoro(['phonemize', '--lang', lang, text]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`${expected}\n`);
    const fetched = server.requests.filter(
      (r) => r.path.includes('/misaki/') || r.path.includes('/python-pinyin/'),
    );
    expect(fetched.map((r) => r.path).sort()).toEqual([...paths].sort());
    const second = await kokoro(['phonemize', '--lang', lang, text]);
    expect(second.stdout).toBe(first.stdout);
    expect(server.requests).toHaveLength(fetched.length);
  });
});

describe('kokoro speak through the hub', () => {
  it('downloads, verifies, caches and speaks; a second run makes no request', async () => {
    const args = ['speak', 'Hello world.', '--model', REPO, '--out', 'hello.wav'];
    const first = await kokoro(args);
    // The first use of a model file also optimizes it for this machine (once; see `second`).
    expect(first.stderr).toMatch(
      /^Optimized the model for this machine \(once per model file; --no-optimize skips it\)\.\nWrote hello\.wav \(\d+\.\d+ s, WAV, 24 kHz mono 16-bit\)\n$/,
    );
    expect(first.code).toBe(0);
    const fetched = server.requests.filter((r) => r.path.startsWith('/cdn/') || r.path.includes('/misaki/'));
    expect(fetched.map((r) => r.path.replace(/^\/cdn/, '')).sort()).toEqual(
      [
        resolvePath('onnx/model.onnx'),
        resolvePath('voices/af_heart.bin'),
        misakiPath('us_gold.json'),
        misakiPath('us_silver.json'),
      ].sort(),
    );
    const wav = await readFile(join(work, 'hello.wav'));
    expect(decodeWav(new Uint8Array(wav)).samples.length).toBeGreaterThan(0);

    // The same speech from local files: the hub path is the same inputs, just fetched.
    await writeFile(join(work, 'local.onnx'), modelBytes);
    const local = await kokoro([
      'speak',
      'Hello world.',
      '--model',
      'local.onnx',
      '--voices',
      realVoicesDir,
      '--lexicon',
      misakiLexiconDir,
      '--out',
      'local.wav',
    ]);
    expect(local.code).toBe(0);
    expect(await readFile(join(work, 'local.wav'))).toEqual(wav);

    server.requests.length = 0;
    const second = await kokoro(args);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^Wrote hello\.wav/);
    expect(server.requests).toEqual([]);
    expect(await readFile(join(work, 'hello.wav'))).toEqual(wav);

    const list = await kokoro(['models', 'list']);
    expect(list.stdout).toMatch(/test-org\/kokoro-synthetic@main\/onnx\/model\.onnx/);
    expect(list.stdout).toMatch(/hexgrad\/misaki@fba1236\/misaki\/data\/us_gold\.json\s+3\.0 MB/);
    const verify = await kokoro(['models', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout.trim().split('\n')).toHaveLength(4);
    expect(verify.stdout).toMatch(
      /^ok\s+hexgrad\/misaki@fba1236\/misaki\/data\/us_gold\.json\s+\(pinned sha256\)$/m,
    );
    expect(verify.stdout).toMatch(
      /^ok\s+test-org\/kokoro-synthetic@main\/voices\/af_heart\.bin\s+\(sha256 recorded/m,
    );
  });

  it('refuses other bytes under an official path with one clear line, caching nothing', async () => {
    const official = `/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/voices/af_heart.bin`;
    server.behaviors.set(official, { body: new Uint8Array(522_240).fill(1) });
    const run = await kokoro(['speak', 'Hello.', '--out', 'x.wav']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^kokoro: onnx-community\/Kokoro-82M-v1\.0-ONNX@1939ad2\/voices\/af_heart\.bin from http:\/\/127\.0\.0\.1:\d+\/.* has sha256 [0-9a-f]{64}, not the pinned d583ccff/,
    );
    expect(await files(join(cacheDir, 'files'))).toEqual([]);
    expect(await files(join(cacheDir, 'partial'))).toEqual([]);
  });

  it('lists the 54 known voices without --voices, making no request', async () => {
    const run = await kokoro(['voices']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(55);
    expect(run.stdout).toMatch(/^zm_yunyang\s+zh\s+male$/m);
    expect(server.requests).toEqual([]);
  });

  it('phonemize fetches the lexicons of its language', async () => {
    const run = await kokoro(['phonemize', '--lang', 'en-gb', 'Hello, world!']);
    expect(run.stdout, `exit ${run.code}, stderr: ${run.stderr}`).toBe('həlˈQ, wˈɜːld!\n');
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      misakiPath('gb_gold.json'),
      misakiPath('gb_silver.json'),
    ]);
  });
});

describe('kokoro models', () => {
  const pull = ['models', 'pull', '--model', REPO, '--voice', 'am_adam', '--lang', 'en-us'];

  it('a pull killed midway resumes on the next run', async () => {
    // us_silver.json (3 MB) trickles in; kill the process once part of it is on disk.
    server.behaviors.set(misakiPath('us_silver.json'), { delayMs: 25, chunkBytes: 32 * 1024 });
    // The lock holder downloads into its own file, `us_silver.json.<pid>-<random>`; a killed
    // holder's file is adopted (and resumed) by the next run.
    const partialDir = join(cacheDir, 'partial', 'misaki', MISAKI_COMMIT);
    const partialSize = async () => {
      const names = await readdir(partialDir).catch(() => [] as string[]);
      const own = names.find((name) => /^us_silver\.json\.\d+-[0-9a-f]+$/.test(name));
      return own === undefined ? 0 : ((await stat(join(partialDir, own)).catch(() => undefined))?.size ?? 0);
    };
    const killed = await kokoro(pull, {}, (kill) => {
      const timer = setInterval(async () => {
        if ((await partialSize()) > 256 * 1024) {
          clearInterval(timer);
          kill();
        }
      }, 20);
    });
    expect(killed.code).toBeNull(); // killed by the signal
    const kept = await partialSize();
    expect(kept).toBeGreaterThan(256 * 1024);
    expect(await files(join(cacheDir, 'files', 'misaki'))).not.toContain(`${MISAKI_COMMIT}/us_silver.json`);

    server.behaviors.clear();
    server.requests.length = 0;
    const again = await kokoro(pull);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^downloaded\s+hexgrad\/misaki@fba1236\/misaki\/data\/us_silver\.json/m);
    expect(again.stdout).toMatch(/^cached\s+test-org\/kokoro-synthetic@main\/onnx\/model\.onnx/m);
    const resumed = server.requests.find((r) => r.path === misakiPath('us_silver.json'));
    expect(resumed?.status).toBe(206);
    expect(Number(resumed?.range?.match(/^bytes=(\d+)-$/)?.[1])).toBeGreaterThanOrEqual(kept);
    const silver = await readFile(join(cacheDir, 'files', 'misaki', MISAKI_COMMIT, 'us_silver.json'));
    expect(createHash('sha256').update(silver).digest('hex')).toBe(
      'de8f67be911bb6c659187b4a65fd966b6a30e56350e0f790d763210b053ac475',
    );
    expect(await files(join(cacheDir, 'locks'))).toEqual([]);
  });

  it('two processes pulling at once download each file once', async () => {
    server.behaviors.set(misakiPath('us_silver.json'), { delayMs: 5, chunkBytes: 256 * 1024 });
    const [a, b] = await Promise.all([kokoro(pull), kokoro(pull)]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const gets = server.requests.filter((r) => r.status === 200 || r.status === 206).map((r) => r.path);
    expect(gets.filter((p) => p.endsWith('us_silver.json'))).toHaveLength(1);
    expect(gets.filter((p) => p.endsWith('model.onnx'))).toHaveLength(1);
    expect(new Set(gets).size).toBe(gets.length);
    expect((await kokoro(['models', 'verify'])).code).toBe(0);
  });

  it('verify detects a corrupted file and pull refetches it', async () => {
    expect((await kokoro(pull)).code).toBe(0);
    const voice = join(cacheDir, 'files', 'hf', REPO, 'main', 'voices', 'am_adam.bin');
    const bytes = await readFile(voice);
    bytes[4096] = (bytes[4096] ?? 0) ^ 0x55;
    await writeFile(voice, bytes);

    const bad = await kokoro(['models', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^CORRUPT\s+test-org\/kokoro-synthetic@main\/voices\/am_adam\.bin\s+sha256 [0-9a-f]{64}, expected [0-9a-f]{64}$/m,
    );
    expect(bad.stderr).toMatch(/1 file\(s\) missing or corrupt; `kokoro models pull`/);

    const fixed = await kokoro(pull);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^refetched\s+test-org\/kokoro-synthetic@main\/voices\/am_adam\.bin/m);
    expect((await kokoro(['models', 'verify'])).code).toBe(0);
    expect(await readFile(voice)).toEqual(await readFile(join(realVoicesDir, 'am_adam.bin')));

    const cleared = await kokoro(['models', 'clear']);
    expect(cleared.stdout).toMatch(/^Removed 4 cached file\(s\) from /);
    expect(await files(join(cacheDir, 'files'))).toEqual([]);
  });
});

describe('offline and unreachable', () => {
  it('offline with an empty cache: one line naming the file and the fix, no request', async () => {
    const ways: { env: Record<string, string>; args: string[] }[] = [
      { env: { KOKORO_OFFLINE: '1' }, args: [] },
      { env: {}, args: ['--offline'] },
    ];
    for (const how of ways) {
      const run = await kokoro(['speak', 'Hello.', '--out', 'x.wav', ...how.args], how.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^kokoro: onnx-community\/Kokoro-82M-v1\.0-ONNX@1939ad2\/voices\/af_heart\.bin is not in the cache and offline mode is on; run `kokoro models pull --voice af_heart` on a connected machine and copy its cache \(.*\) here, or pass --voices DIR/,
      );
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      console.log(`offline failure took ${run.ms.toFixed(0)} ms`);
    }
    const model = await kokoro(['speak', 'Hello.', '--voices', realVoicesDir, '--offline']);
    expect(model.stderr).toMatch(
      /onnx\/model\.onnx is not in the cache .* run `kokoro models pull` .* --model PATH/,
    );
    expect(server.requests).toEqual([]);
  });

  it('no network: one line naming the file and the host', async () => {
    const closed = await startHubServer({ files: {} });
    await closed.close();
    const run = await kokoro(['speak', 'Hello.', '--out', 'x.wav'], { KOKORO_HUB_URL: closed.url });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^kokoro: Cannot download onnx-community\/Kokoro-82M-v1\.0-ONNX@1939ad2\/voices\/af_heart\.bin: 127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)\. .*KOKORO_OFFLINE=1/,
    );
    console.log(`unreachable-host failure took ${run.ms.toFixed(0)} ms`);
  });
});
