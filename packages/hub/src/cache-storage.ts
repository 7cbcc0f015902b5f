import { throwIfAborted } from '@kokoro-kit/core';
import { sha256Hex } from './download';
import type { HubStorage, StoredEntry } from './storage';

export interface CacheStorageOptions {
  /** Defaults to the global `caches` (browsers, service workers, Deno). */
  caches?: CacheStorage;
  /** Cache name. Default `kokoro-kit`. */
  cacheName?: string;
}

// Entries are keyed by a synthetic URL so they never collide with the page's own requests.
const ORIGIN = 'https://kokoro-kit.cache/';
const SHA = 'x-kokoro-sha256';
const SOURCE = 'x-kokoro-url';
const FETCHED = 'x-kokoro-fetched-at';

/**
 * A `HubStorage` over the browser's Cache Storage. A download is held in memory, hashed with
 * Web Crypto, checked, and only then `put` — so a failed download leaves no entry. Cache Storage
 * cannot append, so there is no resume here (an interrupted download starts again).
 */
export function createCacheStorage(options: CacheStorageOptions = {}): HubStorage {
  const name = options.cacheName ?? 'kokoro-kit';
  const open = () => {
    const caches = options.caches ?? globalThis.caches;
    if (!caches) throw new Error('Cache Storage is not available here; pass options.caches.');
    return caches.open(name);
  };
  const request = (key: string) => new Request(ORIGIN + key);

  async function entryOf(key: string, response: Response): Promise<StoredEntry> {
    const size = Number(response.headers.get('content-length') ?? Number.NaN);
    const entry: StoredEntry = {
      key,
      size: Number.isFinite(size) ? size : (await response.clone().arrayBuffer()).byteLength,
    };
    const sha = response.headers.get(SHA);
    if (sha) {
      entry.sha256 = sha;
      entry.recordedSize = entry.size;
    }
    const url = response.headers.get(SOURCE);
    if (url) entry.url = url;
    const at = response.headers.get(FETCHED);
    if (at) entry.fetchedAt = at;
    return entry;
  }

  async function read(key: string, call: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    throwIfAborted(call.signal);
    const response = await (await open()).match(request(key));
    if (!response) throw new Error(`${key} is not in the cache.`);
    return new Uint8Array(await response.arrayBuffer());
  }

  return {
    async stat(key) {
      const response = await (await open()).match(request(key));
      return response ? entryOf(key, response) : undefined;
    },
    read,
    async store(req) {
      const opened = await req.open(0, undefined);
      const parts: Uint8Array[] = [];
      let received = 0;
      for await (const chunk of opened.body) {
        parts.push(chunk);
        received += chunk.byteLength;
        req.progress(received, opened.total, 0);
      }
      const bytes = new Uint8Array(received);
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.byteLength;
      }
      const sha256 = await sha256Hex(bytes);
      req.check(received, sha256);
      const fetchedAt = new Date().toISOString();
      await (await open()).put(
        request(req.asset.key),
        new Response(bytes, {
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(received),
            [SHA]: sha256,
            [SOURCE]: req.url,
            [FETCHED]: fetchedAt,
          },
        }),
      );
      return { key: req.asset.key, size: received, recordedSize: received, sha256, url: req.url, fetchedAt };
    },
    async digest(key, call) {
      return sha256Hex(await read(key, call));
    },
    async remove(key) {
      await (await open()).delete(request(key));
    },
    async list() {
      const cache = await open();
      const entries: StoredEntry[] = [];
      for (const req of await cache.keys()) {
        const response = await cache.match(req);
        if (response && req.url.startsWith(ORIGIN))
          entries.push(await entryOf(req.url.slice(ORIGIN.length), response));
      }
      return entries;
    },
    async clear() {
      const caches = options.caches ?? globalThis.caches;
      await caches?.delete(name);
    },
  };
}
