import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, pypinyinDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileStorage,
  createNodeHub,
  DEFAULT_MODEL_REPO,
  DEFAULT_MODEL_REVISION,
  defaultCacheDir,
  HubError,
  type HubProgress,
  lexiconAsset,
  MISAKI_COMMIT,
  type NodeHub,
  offlineFromEnv,
  PYPINYIN_COMMIT,
  pypinyinAsset,
} from './node';
import { type HubServer, startHubServer } from './testing';

/**
 * The Node cache against a real hub-shaped HTTP server on 127.0.0.1: 302 → CDN, Range, ETag,
 * 404, slow, truncated and wrong bodies. Nothing leaves loopback.
 */
const REPO = 'test-org/kokoro-synthetic';
const ID = `${REPO}@main`;
const modelBytes = buildSyntheticModel({ preset: 'tiny' });
const resolvePath = (path: string) => `/${REPO}/resolve/main/${path}`;
const officialPath = (path: string) => `/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/${path}`;
const misakiPath = (file: string) => `/hexgrad/misaki/${MISAKI_COMMIT}/misaki/data/${file}`;
const pypinyinPath = (file: string) => `/mozillazg/python-pinyin/${PYPINYIN_COMMIT}/pypinyin/${file}`;
// A body large enough to interrupt: 4 voice packs concatenated under a test path.
let bigBytes: Uint8Array;

let server: HubServer;
let cacheDir: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function hub(extra: Parameters<typeof createNodeHub>[0] = {}): NodeHub {
  return createNodeHub({
    cacheDir,
    env: { KOKORO_HUB_URL: server.url, KOKORO_LEXICON_URL: server.url },
    ...extra,
  });
}

async function errorOf(promise: Promise<unknown>): Promise<KokoroError> {
  try {
    await promise;
  } catch (error) {
    if (KokoroError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  }
  await walk(dir, '');
  return out.sort();
}

beforeAll(async () => {
  const voices = await Promise.all(
    ['af_heart', 'af_bella', 'am_adam', 'bf_emma'].map((v) => readFile(join(realVoicesDir, `${v}.bin`))),
  );
  bigBytes = new Uint8Array(Buffer.concat(voices));
  server = await startHubServer({
    files: {
      [resolvePath('onnx/model.onnx')]: modelBytes,
      [resolvePath('voices/af_heart.bin')]: join(realVoicesDir, 'af_heart.bin'),
      [resolvePath('voices/am_adam.bin')]: join(realVoicesDir, 'am_adam.bin'),
      [resolvePath('big.bin')]: bigBytes,
      [officialPath('voices/af_heart.bin')]: join(realVoicesDir, 'af_heart.bin'),
      [officialPath('voices/af_bella.bin')]: join(realVoicesDir, 'af_bella.bin'),
      [misakiPath('us_gold.json')]: join(misakiLexiconDir, 'us_gold.json'),
      [pypinyinPath('phrases_dict.json')]: join(pypinyinDir, 'phrases_dict.json'),
    },
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'kokoro-hub-'));
  server.requests.length = 0;
  server.behaviors.clear();
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('createNodeHub: download and cache', () => {
  it('follows the 302 to the CDN, caches the model, records its digest, and then makes no request', async () => {
    const h = hub();
    const asset = h.model(ID);
    expect(asset.key).toBe(`hf/${REPO}/main/onnx/model.onnx`);
    const path = await h.path(asset);
    expect(path).toBe(
      join(cacheDir, 'files', 'hf', 'test-org', 'kokoro-synthetic', 'main', 'onnx', 'model.onnx'),
    );
    expect(new Uint8Array(await readFile(path))).toEqual(modelBytes);
    expect(server.requests.map((r) => r.status)).toEqual([302, 200]);
    expect(server.requests[1]?.path).toBe(`/cdn${resolvePath('onnx/model.onnx')}`);
    const meta = JSON.parse(await readFile(join(cacheDir, 'meta', `${asset.key}.json`), 'utf8'));
    expect(meta).toMatchObject({ size: modelBytes.byteLength, sha256: sha(modelBytes) });
    expect(meta.url).toBe(`${server.url}${resolvePath('onnx/model.onnx')}`);

    // A new hub (a second process) over the same cache: no request at all.
    server.requests.length = 0;
    const again = hub();
    expect(await again.path(again.model(ID))).toBe(path);
    expect(await again.verify(again.model(ID))).toMatchObject({ status: 'ok', pinned: false });
    expect(server.requests).toHaveLength(0);
    expect(await listTree(join(cacheDir, 'partial'))).toEqual([]);
  });

  it('reports progress from 0 to the full size', async () => {
    const events: HubProgress[] = [];
    await hub().read(hub().voice('af_heart', ID), { onProgress: (e) => events.push({ ...e }) });
    expect(events.length).toBeGreaterThan(1);
    expect(events[0]?.received).toBe(0);
    expect(events.at(-1)).toMatchObject({ received: 522_240, total: 522_240, resumedFrom: 0 });
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.received).toBeGreaterThanOrEqual(events[i - 1]?.received ?? 0);
    }
  });

  it('verifies the official voice packs against their pinned sha256 (spec §2.6)', async () => {
    const h = hub();
    const asset = h.voice('af_heart');
    expect(asset.sha256).toBe('d583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b');
    const bytes = await h.read(asset);
    expect(sha(bytes)).toBe(asset.sha256);
    expect(await h.verify(asset)).toMatchObject({ status: 'ok', pinned: true });
  });

  it('verifies a misaki lexicon against its pinned sha256 (misaki SOURCE.md)', async () => {
    const h = hub();
    const asset = lexiconAsset('us_gold.json');
    const path = await h.path(asset);
    expect(server.requests[0]?.path).toBe(misakiPath('us_gold.json'));
    expect(sha(await readFile(path))).toBe(
      'dc414872a49a28ae6c141463d502fd945f3b2fde040484fdc47d00cc4612686f',
    );
  });

  it("verifies pypinyin's phrase dictionary against its pinned sha256 (pypinyin SOURCE.md)", async () => {
    const h = hub();
    const asset = pypinyinAsset('phrases_dict.json');
    const path = await h.path(asset);
    expect(server.requests[0]?.path).toBe(pypinyinPath('phrases_dict.json'));
    expect(sha(await readFile(path))).toBe(
      'd71fe97165dfd3eb9d8dff86ce5f62787d530b6b9f38c898779fcaf16d2522d1',
    );
  });

  it('refuses other bytes served under an official path, and caches nothing', async () => {
    const h = hub();
    const asset = h.voice('af_bella');
    // Same size as the real pack, other content: only the digest can tell.
    server.behaviors.set(officialPath('voices/af_bella.bin'), { body: new Uint8Array(522_240).fill(7) });
    const error = await errorOf(h.path(asset));
    expect(error.code).toBe('HUB_INTEGRITY');
    expect(error.message).toMatch(/Kokoro-82M-v1\.0-ONNX@1939ad2\/voices\/af_bella\.bin/);
    expect(error.message).toMatch(/not the pinned f69d8362/);
    expect(error.message).toMatch(/KOKORO_HUB_URL/);
    expect(error.message).not.toMatch(/\n/);
    expect(await h.storage.stat(asset.key)).toBeUndefined();
    expect(await listTree(join(cacheDir, 'files'))).toEqual([]);
    expect(await listTree(join(cacheDir, 'partial'))).toEqual([]);
    // A wrong size is caught too.
    server.behaviors.set(officialPath('voices/af_bella.bin'), { body: new Uint8Array(100) });
    expect((await errorOf(h.path(asset))).message).toMatch(/has 100 bytes, but the pinned file has 522240/);
  });

  it('names the file on a 404, and the voice loader treats it as "no such voice"', async () => {
    const h = hub();
    const error = await errorOf(h.path(h.voice('xx_nobody', ID)));
    expect(error.code).toBe('HUB_NOT_FOUND');
    expect(error.message).toMatch(
      /test-org\/kokoro-synthetic@main\/voices\/xx_nobody\.bin was not found \(HTTP 404/,
    );
    const loader = h.voiceLoader(ID);
    expect(await loader.load('xx_nobody', {})).toBeUndefined();
    expect((await loader.load('am_adam', {}))?.byteLength).toBe(522_240);
    expect(await loader.list()).toHaveLength(54);
    expect(loader.describeSource('am_adam')).toBe(`${server.url}${resolvePath('voices/am_adam.bin')}`);
  });

  it('maps other HTTP statuses to one line', async () => {
    server.behaviors.set(resolvePath('onnx/model.onnx'), { status: 503 });
    const error = await errorOf(hub().path(hub().model(ID)));
    expect(error.code).toBe('HUB_HTTP');
    expect(error.message).toMatch(/HTTP 503/);
  });

  it('serves slow bodies to the end', async () => {
    server.behaviors.set(resolvePath('voices/af_heart.bin'), { delayMs: 5, chunkBytes: 16 * 1024 });
    const bytes = await hub().read(hub().voice('af_heart', ID));
    expect(sha(bytes)).toBe(sha(new Uint8Array(await readFile(join(realVoicesDir, 'af_heart.bin')))));
  });
});

describe('interrupted downloads', () => {
  const big = () => hub().storage.pathOf(`hf/${REPO}/main/big.bin`);
  const bigAsset = (h: NodeHub) => ({
    ...h.model(ID),
    key: `hf/${REPO}/main/big.bin`,
    urlPath: resolvePath('big.bin'),
    name: `${REPO}@main/big.bin`,
  });

  it('a truncated body leaves no cache file, and the next run resumes with Range + If-Range', async () => {
    const h = hub();
    server.behaviors.set(resolvePath('big.bin'), { truncateAt: 700_000 });
    const error = await errorOf(h.path(bigAsset(h)));
    expect(error.code).toBe('HUB_TRUNCATED');
    expect(error.message).toMatch(
      /big\.bin .* stopped at \d+ of 2088960 bytes \(.+\); run the command again to resume/,
    );
    expect(await h.storage.stat(`hf/${REPO}/main/big.bin`)).toBeUndefined();
    const partial = await readFile(join(cacheDir, 'partial', 'hf', REPO, 'main', 'big.bin'));
    expect(partial.byteLength).toBeGreaterThan(0);

    server.behaviors.clear();
    server.requests.length = 0;
    const events: HubProgress[] = [];
    const path = await hub().path(bigAsset(h), { onProgress: (e) => events.push(e) });
    expect(path).toBe(big());
    expect(sha(await readFile(path))).toBe(sha(bigBytes));
    const cdn = server.requests.find((r) => r.path.startsWith('/cdn/'));
    expect(cdn).toMatchObject({ range: `bytes=${partial.byteLength}-`, status: 206 });
    expect(cdn?.ifRange).toMatch(/^"[0-9a-f]+"$/);
    expect(events[0]?.resumedFrom).toBe(partial.byteLength);
    expect(await listTree(join(cacheDir, 'partial'))).toEqual([]);
    expect(await listTree(join(cacheDir, 'locks'))).toEqual([]);
  });

  it('a connection dropped once is resumed at once, within the same call', async () => {
    server.behaviors.set(resolvePath('big.bin'), { truncateAt: 900_000, once: true });
    const h = hub();
    expect(sha(await h.read(bigAsset(h)))).toBe(sha(bigBytes));
    const cdn = server.requests.filter((r) => r.path.startsWith('/cdn/'));
    expect(cdn.map((r) => r.status)).toEqual([200, 206]);
    expect(cdn[1]?.range).toMatch(/^bytes=\d+-$/);
  });

  it('an aborted download resumes; a server that ignores Range makes it restart cleanly', async () => {
    const h = hub();
    server.behaviors.set(resolvePath('big.bin'), { delayMs: 20, chunkBytes: 64 * 1024 });
    const controller = new AbortController();
    const run = h.path(bigAsset(h), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.received >= 300_000) controller.abort();
      },
    });
    expect((await errorOf(run)).code).toBe('ABORTED');
    expect(await listTree(join(cacheDir, 'locks'))).toEqual([]); // the lock is released
    const partial = (await readFile(join(cacheDir, 'partial', 'hf', REPO, 'main', 'big.bin'))).byteLength;
    expect(partial).toBeGreaterThanOrEqual(300_000);

    server.behaviors.set(resolvePath('big.bin'), { noRange: true });
    server.requests.length = 0;
    const path = await hub().path(bigAsset(h));
    expect(sha(await readFile(path))).toBe(sha(bigBytes));
    expect(server.requests.find((r) => r.path.startsWith('/cdn/'))).toMatchObject({ status: 200 });
  });

  it('restarts when the file changed on the server (If-Range no longer matches)', async () => {
    const h = hub();
    server.behaviors.set(resolvePath('big.bin'), { truncateAt: 500_000 });
    await errorOf(h.path(bigAsset(h)));
    const changed = bigBytes.slice();
    changed[0] = changed[0] === 1 ? 2 : 1;
    server.behaviors.set(resolvePath('big.bin'), { body: changed });
    const path = await hub().path(bigAsset(h));
    expect(sha(await readFile(path))).toBe(sha(changed));
  });

  it('takes over a stale lock left by a dead process', async () => {
    const h = hub();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const lock = join(cacheDir, 'locks', 'hf', REPO, 'main', 'onnx', 'model.onnx.lock');
    await mkdir(join(lock, '..'), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: Number(dead), host: hostname(), time: Date.now() }));
    expect(new Uint8Array(await h.read(h.model(ID)))).toEqual(modelBytes);
    expect(await listTree(join(cacheDir, 'locks'))).toEqual([]);
  });

  it('two hubs (processes) fetching the same file download it once', async () => {
    server.behaviors.set(resolvePath('big.bin'), { delayMs: 2, chunkBytes: 128 * 1024 });
    const a = hub();
    const b = hub();
    const [pa, pb] = await Promise.all([a.path(bigAsset(a)), b.path(bigAsset(b))]);
    expect(pa).toBe(pb);
    expect(sha(await readFile(pa))).toBe(sha(bigBytes));
    expect(server.requests.filter((r) => r.path.startsWith('/cdn/'))).toHaveLength(1);
  });

  it('a full disk gives one clear error and leaves nothing in the cache', async () => {
    const h = hub();
    const asset = h.voice('af_heart', ID);
    // A partial file that is really /dev/full: every write fails with ENOSPC.
    const partial = join(cacheDir, 'partial', ...asset.key.split('/'));
    await mkdir(join(partial, '..'), { recursive: true });
    await symlink('/dev/full', partial);
    const error = await errorOf(h.path(asset));
    expect(error.code).toBe('HUB_DISK_FULL');
    expect(error.message).toMatch(
      /No space left to cache test-org\/kokoro-synthetic@main\/voices\/af_heart\.bin .*KOKORO_CACHE_DIR/,
    );
    expect(await listTree(join(cacheDir, 'files'))).toEqual([]);
    expect(await listTree(join(cacheDir, 'partial'))).toEqual([]);
  });
});

describe('verify, pull, offline', () => {
  it('verify detects a corrupted file; pull refetches it; ensure refetches a wrong-size file', async () => {
    const h = hub();
    const asset = h.voice('af_heart', ID);
    const path = await h.path(asset);
    const bytes = await readFile(path);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff; // same size, one byte flipped
    await writeFile(path, bytes);
    const result = await h.verify(asset);
    expect(result.status).toBe('corrupt');
    expect(result.expected).toBe(sha(new Uint8Array(await readFile(join(realVoicesDir, 'af_heart.bin')))));
    expect(await h.pull(asset)).toMatchObject({ action: 'refetched' });
    expect(await h.verify(asset)).toMatchObject({ status: 'ok' });
    expect(await h.pull(asset)).toMatchObject({ action: 'cached' });

    await writeFile(path, 'short');
    server.requests.length = 0;
    expect((await h.read(asset)).byteLength).toBe(522_240);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('offline: a missing file fails at once without a request; cached files still work', async () => {
    await hub().path(hub().model(ID));
    server.requests.length = 0;
    const off = hub({ env: { KOKORO_OFFLINE: '1', KOKORO_HUB_URL: server.url } });
    expect(off.offline).toBe(true);
    expect(await off.path(off.model(ID))).toMatch(/model\.onnx$/);
    const error = await errorOf(off.path(off.voice('af_heart', ID)));
    expect(error.code).toBe('HUB_OFFLINE');
    expect(error.message).toBe(
      'test-org/kokoro-synthetic@main/voices/af_heart.bin is not in the cache and offline mode is on; fetch it on a connected machine and copy the cache, or pass a local file instead.',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('an unreachable server is one HUB_NETWORK line', async () => {
    const closed = await startHubServer({ files: {} });
    await closed.close();
    const h = createNodeHub({ cacheDir, env: { KOKORO_HUB_URL: closed.url } });
    const error = await errorOf(h.path(h.model()));
    expect(error.code).toBe('HUB_NETWORK');
    expect(error.message).toMatch(
      /Cannot download onnx-community\/Kokoro-82M-v1\.0-ONNX@1939ad2\/onnx\/model\.onnx: 127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/,
    );
  });

  it('retries a connection reset before any byte (a stale keep-alive socket), but not forever', async () => {
    const path = officialPath('voices/af_heart.bin');
    server.behaviors.set(path, { reset: true, once: true });
    const h = hub();
    const entry = await h.ensure(h.voice('af_heart'));
    expect(entry.size).toBe(522_240);
    server.behaviors.set(path, { reset: true });
    const other = createNodeHub({
      cacheDir: await mkdtemp(join(tmpdir(), 'hub-reset-')),
      env: { KOKORO_HUB_URL: server.url },
    });
    const error = await errorOf(other.ensure(other.voice('af_heart')));
    expect(error.code).toBe('HUB_NETWORK');
    server.behaviors.delete(path);
  });

  it('retries a body cut before its first byte, but not forever', async () => {
    const path = officialPath('voices/af_bella.bin');
    server.behaviors.set(path, { truncateAt: 0, once: true });
    const h = hub();
    expect((await h.ensure(h.voice('af_bella'))).size).toBe(522_240);
    server.behaviors.set(path, { truncateAt: 0 });
    const other = createNodeHub({
      cacheDir: await mkdtemp(join(tmpdir(), 'hub-cut-')),
      env: { KOKORO_HUB_URL: server.url },
    });
    server.requests.length = 0;
    const error = await errorOf(other.ensure(other.voice('af_bella')));
    // Depending on when the socket closes, the cut reads as a reset or as a short body.
    expect(['HUB_NETWORK', 'HUB_TRUNCATED']).toContain(error.code);
    // At most three attempts, each a redirect and a download.
    expect(server.requests.filter((r) => r.path.endsWith('af_bella.bin')).length).toBeLessThanOrEqual(6);
    server.behaviors.delete(path);
  });

  it('lists and clears the cache', async () => {
    const h = hub();
    await h.path(h.model(ID));
    await h.path(h.voice('af_heart', ID));
    const list = await h.storage.list();
    expect(list.map((e) => e.key)).toEqual([
      `hf/${REPO}/main/onnx/model.onnx`,
      `hf/${REPO}/main/voices/af_heart.bin`,
    ]);
    expect(list[1]).toMatchObject({ size: 522_240, recordedSize: 522_240 });
    await h.storage.clear();
    expect(await h.storage.list()).toEqual([]);
  });
});

describe('configuration', () => {
  it('defaultCacheDir follows KOKORO_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultCacheDir({ KOKORO_CACHE_DIR: '/c' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'kokoro-kit'));
    expect(defaultCacheDir({})).toMatch(/\.cache[/\\]kokoro-kit$/);
  });

  it('offlineFromEnv reads KOKORO_OFFLINE', () => {
    expect(offlineFromEnv({ KOKORO_OFFLINE: '1' })).toBe(true);
    expect(offlineFromEnv({ KOKORO_OFFLINE: 'true' })).toBe(true);
    expect(offlineFromEnv({ KOKORO_OFFLINE: '0' })).toBe(false);
    expect(offlineFromEnv({})).toBe(false);
  });

  it('createFileStorage puts files under files/ and records under meta/', () => {
    const storage = createFileStorage({ dir: '/cache' });
    expect(storage.pathOf('hf/a/b/main/x.bin')).toBe(
      join('/cache', 'files', 'hf', 'a', 'b', 'main', 'x.bin'),
    );
  });

  it('HubError is a KokoroError', () => {
    expect(KokoroError.isInstance(new HubError('HUB_OFFLINE', 'x'))).toBe(true);
  });
});
