import { messageOf } from '@kokoro-kit/runtime-onnx';

/**
 * What runtime-web keeps between page loads, in Cache Storage (available in pages and Workers;
 * localStorage is not): transformed models and WebGPU self-test verdicts. Every entry is keyed
 * by what it depends on. Cache problems never fail a load: they become warnings.
 */
export const DEFAULT_CACHE_NAME = 'kokoro-kit-runtime-web';

/** Cache keys must be http(s) URLs; this host is never fetched. */
const KEY_BASE = 'https://runtime-web.kokoro-kit.invalid/';

export interface Store {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array | string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface StoreOptions {
  cacheName?: string;
  caches?: CacheStorage;
}

/** The store, or undefined when caching is off or this environment has no Cache Storage. */
export function openStore(
  options: StoreOptions | false | undefined,
  onWarning: (message: string) => void,
): Store | undefined {
  if (options === false) return undefined;
  const storage = options?.caches ?? (globalThis as { caches?: CacheStorage }).caches;
  if (storage === undefined) return undefined;
  const name = options?.cacheName ?? DEFAULT_CACHE_NAME;
  const url = (key: string) => KEY_BASE + key;
  return {
    async get(key) {
      try {
        const response = await (await storage.open(name)).match(url(key));
        return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
      } catch (error) {
        onWarning(
          `Could not read ${key} from Cache Storage "${name}" (${messageOf(error)}); continuing without it.`,
        );
        return undefined;
      }
    },
    async put(key, body) {
      try {
        await (await storage.open(name)).put(url(key), new Response(body as BodyInit));
      } catch (error) {
        onWarning(
          `Could not save ${key} to Cache Storage "${name}" (${messageOf(error)}); it will be computed again next time.`,
        );
      }
    },
    async delete(key) {
      try {
        await (await storage.open(name)).delete(url(key));
      } catch {
        // A stale entry that cannot be deleted is replaced by the next put.
      }
    },
  };
}

/** Hex SHA-256 of the model bytes (Web Crypto: pages, Workers and Node ≥ 20). */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A key part safe in a URL path. */
export function keyPart(value: string): string {
  return encodeURIComponent(value);
}
