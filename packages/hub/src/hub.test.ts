import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { realVoicesDir } from '@kokoro-kit/test-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assetFromKey,
  createCacheStorage,
  createHub,
  DEFAULT_MODEL_REPO,
  DEFAULT_MODEL_REVISION,
  isModelId,
  KOKORO_VOICES,
  languageDataAssets,
  lexiconAsset,
  MODEL_DTYPES,
  modelAsset,
  modelIdOf,
  PINNED_FILES,
  parseModelId,
  pypinyinAsset,
  sha256Hex,
  voiceAsset,
} from './index';
import { type HubServer, startHubServer } from './testing';

describe('model ids and assets', () => {
  it('parses org/name[@revision] with pinned defaults for the known repos', () => {
    expect(parseModelId()).toEqual({ repo: DEFAULT_MODEL_REPO, revision: DEFAULT_MODEL_REVISION });
    expect(parseModelId(DEFAULT_MODEL_REPO).revision).toBe('1939ad2a8e416c0acfeecc08a694d14ef25f2231');
    expect(parseModelId('onnx-community/Kokoro-82M-v1.0-ONNX-timestamped').revision).toBe(
      'dd4401a9add81ac692d20e240d22ec9dda82cc29',
    );
    expect(parseModelId(`${DEFAULT_MODEL_REPO}@main`).revision).toBe('main');
    expect(parseModelId('test-org/kokoro-synthetic')).toEqual({
      repo: 'test-org/kokoro-synthetic',
      revision: 'main',
    });
    expect(() => parseModelId('model.onnx')).toThrow(/not a hub model id/);
  });

  it('tells ids from paths', () => {
    expect(isModelId('org/name')).toBe(true);
    expect(isModelId('org/name@v1')).toBe(true);
    expect(isModelId('tiny.onnx')).toBe(false);
    expect(isModelId('models/tiny.onnx')).toBe(false);
    expect(isModelId('./org/name')).toBe(false);
    expect(isModelId('/abs/path')).toBe(false);
    expect(isModelId('a/b/c')).toBe(false);
  });

  it('maps every dtype to its file (spec §2.2) and pins fp32 and q8 of the base repo', () => {
    const ref = parseModelId();
    const files = MODEL_DTYPES.map((d) => modelAsset(ref, d).urlPath.split('/').pop());
    expect(files).toEqual([
      'model.onnx',
      'model_fp16.onnx',
      'model_quantized.onnx',
      'model_int8.onnx',
      'model_uint8.onnx',
      'model_q4.onnx',
      'model_q4f16.onnx',
      'model_bnb4.onnx',
    ]);
    expect(modelAsset(ref)).toMatchObject({
      key: `hf/${DEFAULT_MODEL_REPO}/${DEFAULT_MODEL_REVISION}/onnx/model.onnx`,
      urlPath: `/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/onnx/model.onnx`,
      size: 325_532_232,
      sha256: '8fbea51ea711f2af382e88c833d9e288c6dc82ce5e98421ea61c058ce21a34cb',
    });
    expect(modelAsset(ref, 'q8').size).toBe(92_361_116);
    expect(modelAsset(ref, 'fp16').sha256).toBeUndefined(); // no pin: trust on first use
    // Another revision of the same repo is not pinned.
    expect(modelAsset(parseModelId(`${DEFAULT_MODEL_REPO}@main`)).sha256).toBeUndefined();
    expect(modelAsset(parseModelId('onnx-community/Kokoro-82M-v1.0-ONNX-timestamped')).size).toBe(
      325_532_171,
    );
  });

  it('builds voice and lexicon assets; knows the 54 voices (spec §8.5)', () => {
    expect(KOKORO_VOICES).toHaveLength(54);
    expect(new Set(KOKORO_VOICES).size).toBe(54);
    const heart = voiceAsset(parseModelId(), 'af_heart');
    expect(heart.name).toBe('onnx-community/Kokoro-82M-v1.0-ONNX@1939ad2/voices/af_heart.bin');
    expect(heart.size).toBe(522_240);
    expect(voiceAsset(parseModelId(), 'am_adam').sha256).toBeUndefined();
    expect(() => voiceAsset(parseModelId(), '../etc/passwd')).toThrow(/not a voice name/);
    expect(lexiconAsset('gb_silver.json')).toMatchObject({
      host: 'lexicon',
      urlPath: '/hexgrad/misaki/fba1236595f2d2bf21d414ba6e57d25256afada3/misaki/data/gb_silver.json',
      size: 3_663_898,
    });
    expect(pypinyinAsset('pinyin_dict.json')).toMatchObject({
      host: 'lexicon',
      urlPath: '/mozillazg/python-pinyin/e42dede51abbc40e225da9a8ec8e5bd0043eed21/pypinyin/pinyin_dict.json',
      size: 783_823,
      sha256: '19ac93a11b0cf2d1b42741c2956dcb8632944e87d2ebcd1ba7cc4d3a936b9fb5',
    });
    expect(() => pypinyinAsset('dict.txt' as 'pinyin_dict.json')).toThrow(/Unknown pypinyin file/);
    expect(PINNED_FILES).toHaveLength(14);
    expect(languageDataAssets('zh').map((a) => a.key)).toEqual([
      'pypinyin/e42dede51abbc40e225da9a8ec8e5bd0043eed21/pinyin_dict.json',
      'pypinyin/e42dede51abbc40e225da9a8ec8e5bd0043eed21/phrases_dict.json',
    ]);
    expect(languageDataAssets('ja').map((a) => a.name)).toEqual([
      'hexgrad/misaki@fba1236/misaki/data/ja_words.txt',
    ]);
    expect(languageDataAssets('es')).toEqual([]);
  });

  it('applies base-URL overrides', () => {
    const hub = createHub({
      storage: createCacheStorage({ caches: new MemoryCaches() as unknown as CacheStorage }),
      hubUrl: 'http://mirror.test/',
      lexiconUrl: 'http://raw.test',
    });
    expect(hub.url(hub.voice('af_heart'))).toBe(
      `http://mirror.test/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/voices/af_heart.bin`,
    );
    expect(hub.url(hub.lexicon('us_gold.json'))).toMatch(/^http:\/\/raw\.test\/hexgrad\/misaki\/fba1236/);
    const plain = createHub({
      storage: createCacheStorage({ caches: new MemoryCaches() as unknown as CacheStorage }),
    });
    expect(plain.url(plain.model())).toBe(
      `https://huggingface.co/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/onnx/model.onnx`,
    );
  });

  it('hashes with Web Crypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

/**
 * Node has no Cache Storage; this Map-backed stand-in implements the four calls the backend uses
 * (`open`, `match`, `put`, `delete`, `keys`) with real `Request`/`Response` objects. The backend
 * itself has not run in a browser here.
 */
function headerList(headers: Headers): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => {
    list.push([name, value]);
  });
  return list;
}

class MemoryCache {
  readonly entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  async match(request: Request): Promise<Response | undefined> {
    const entry = this.entries.get(request.url);
    return entry && new Response(entry.body.slice(0), { headers: entry.headers });
  }
  async put(request: Request, response: Response): Promise<void> {
    this.entries.set(request.url, {
      body: await response.arrayBuffer(),
      headers: headerList(response.headers),
    });
  }
  async delete(request: Request): Promise<boolean> {
    return this.entries.delete(request.url);
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

class MemoryCaches {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<Cache> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new MemoryCache();
      this.caches.set(name, cache);
    }
    return cache as unknown as Cache;
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
}

describe('createHub over Cache Storage (browser backend)', () => {
  let server: HubServer;
  const path = `/${DEFAULT_MODEL_REPO}/resolve/${DEFAULT_MODEL_REVISION}/voices/af_heart.bin`;
  beforeAll(async () => {
    server = await startHubServer({ files: { [path]: join(realVoicesDir, 'af_heart.bin') } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('downloads, verifies the pin, stores, and serves later reads from the cache', async () => {
    const caches = new MemoryCaches();
    const hub = createHub({
      storage: createCacheStorage({ caches: caches as unknown as CacheStorage }),
      hubUrl: server.url,
    });
    const asset = hub.voice('af_heart');
    const progress: number[] = [];
    const bytes = await hub.read(asset, { onProgress: (e) => progress.push(e.received) });
    const expected = createHash('sha256')
      .update(await readFile(join(realVoicesDir, 'af_heart.bin')))
      .digest('hex');
    expect(await sha256Hex(bytes)).toBe(expected);
    expect(progress.at(-1)).toBe(522_240);
    server.requests.length = 0;
    expect((await hub.read(asset)).byteLength).toBe(522_240);
    expect(server.requests).toHaveLength(0);
    expect(await hub.verify(asset)).toMatchObject({ status: 'ok', pinned: true });
    const [entry] = await hub.storage.list();
    expect(entry).toMatchObject({ key: asset.key, size: 522_240, sha256: expected });
  });

  it('caches nothing when the pinned digest fails, and works offline from the cache', async () => {
    const caches = new MemoryCaches();
    const storage = createCacheStorage({ caches: caches as unknown as CacheStorage });
    const hub = createHub({ storage, hubUrl: server.url });
    server.behaviors.set(path, { body: new Uint8Array(522_240) });
    const error = await hub.read(hub.voice('af_heart')).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'HUB_INTEGRITY')).toBe(true);
    expect(await storage.list()).toEqual([]);
    server.behaviors.clear();
    await hub.read(hub.voice('af_heart'));
    const offline = createHub({ storage, offline: true, hubUrl: server.url });
    server.requests.length = 0;
    expect((await offline.read(offline.voice('af_heart'))).byteLength).toBe(522_240);
    const missing = await offline.read(offline.voice('af_bella')).catch((e: unknown) => e);
    expect(KokoroError.hasCode(missing, 'HUB_OFFLINE')).toBe(true);
    expect(server.requests).toHaveLength(0);
    await storage.clear();
    expect(await storage.list()).toEqual([]);
  });
});

describe('assetFromKey', () => {
  it('rebuilds assets (with pins) from cache keys', () => {
    const model = modelAsset(parseModelId());
    expect(assetFromKey(model.key)).toEqual(model);
    const voice = voiceAsset(parseModelId('test-org/x@refs/pr/1'), 'af_heart');
    expect(assetFromKey(voice.key)).toEqual(voice);
    expect(modelIdOf(voice)).toBe('test-org/x@refs/pr/1');
    expect(assetFromKey(lexiconAsset('us_gold.json').key)).toEqual(lexiconAsset('us_gold.json'));
    expect(assetFromKey(pypinyinAsset('phrases_dict.json').key)).toEqual(pypinyinAsset('phrases_dict.json'));
    expect(modelIdOf(lexiconAsset('us_gold.json'))).toBeUndefined();
    expect(assetFromKey('other/thing')).toBeUndefined();
  });
});
