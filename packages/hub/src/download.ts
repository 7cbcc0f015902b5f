import { AbortError } from '@kokoro-kit/core';
import type { HubAsset } from './assets';
import { HubError } from './errors';

/** A response body positioned at `offset` of the file. */
export interface OpenedDownload {
  /** Where the body starts in the file: the asked offset (206), or 0 (200: the server restarted). */
  offset: number;
  /** The whole file's size, when the server said it. */
  total?: number;
  /** The server's ETag (used with `If-Range` to resume only the same bytes). */
  etag?: string;
  /** The body; errors are `HubError`s naming the file (`HUB_TRUNCATED`, `HUB_NETWORK`). */
  body: AsyncIterable<Uint8Array>;
}

export interface OpenDownloadOptions {
  fetch: typeof fetch;
  url: string;
  asset: HubAsset;
  /** Ask for the bytes from here on (HTTP Range). */
  offset?: number;
  /** Only resume if the file still has this ETag (`If-Range`). */
  etag?: string;
  signal?: AbortSignal;
  /** Give up when no byte arrives for this long (ms). */
  idleTimeoutMs?: number;
}

/**
 * GETs a file, following redirects (the hub answers 302 to its CDN), optionally from an offset.
 * Maps every failure to one `HubError` that names the file and the fix.
 */
export async function openDownload(options: OpenDownloadOptions): Promise<OpenedDownload> {
  const { asset, url, signal } = options;
  const offset = options.offset ?? 0;
  const idle = options.idleTimeoutMs ?? 60_000;
  // One controller per request: aborted by the caller's signal or by the idle timer.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stalled = false;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, idle);
  };
  const done = () => {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  const headers: Record<string, string> = {};
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (options.etag) headers['if-range'] = options.etag;
  }
  arm();
  let response: Response;
  try {
    response = await options.fetch(url, { headers, redirect: 'follow', signal: controller.signal });
  } catch (error) {
    done();
    throw networkError(error, asset, url, signal, stalled, 0);
  }
  if (response.status === 416 && offset > 0) {
    // The partial file is not a prefix the server recognises: start again.
    done();
    await response.body?.cancel();
    return openDownload({ ...options, offset: 0, etag: undefined });
  }
  if (!response.ok) {
    done();
    await response.body?.cancel().catch(() => undefined);
    throw statusError(response.status, asset, url);
  }
  let start = 0;
  let total: number | undefined;
  const length = numberHeader(response.headers.get('content-length'));
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== offset) {
      done();
      await response.body?.cancel();
      return openDownload({ ...options, offset: 0, etag: undefined });
    }
    start = offset;
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else {
    total = length;
  }
  const etag = response.headers.get('etag') ?? undefined;
  const body = response.body;
  async function* iterate(): AsyncGenerator<Uint8Array> {
    if (!body) {
      done();
      return;
    }
    const reader = body.getReader();
    let received = start;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw networkError(error, asset, url, signal, stalled, received, total);
        }
        if (chunk.done) break;
        arm();
        received += chunk.value.byteLength;
        yield chunk.value;
      }
      if (total !== undefined && received < total) throw truncated(asset, url, received, total);
    } finally {
      done();
      reader.releaseLock();
      if (!controller.signal.aborted) controller.abort();
    }
  }
  return { offset: start, total, etag, body: iterate() };
}

function numberHeader(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function statusError(status: number, asset: HubAsset, url: string): HubError {
  if (status === 404) {
    return new HubError(
      'HUB_NOT_FOUND',
      `${asset.name} was not found (HTTP 404 from ${url}); check the model id, revision, file or voice name.`,
    );
  }
  if (status === 401 || status === 403) {
    return new HubError(
      'HUB_HTTP',
      `${asset.name}: access denied (HTTP ${status} from ${url}); the repository may be private or gated — download the file yourself and pass its local path.`,
    );
  }
  return new HubError(
    'HUB_HTTP',
    `${asset.name}: the server answered HTTP ${status} for ${url}; try again later, or download the file yourself and pass its local path.`,
  );
}

function truncated(asset: HubAsset, url: string, received: number, total: number, cause?: unknown): HubError {
  const reason = cause === undefined ? '' : ` (${describeCause(cause)})`;
  return new HubError(
    'HUB_TRUNCATED',
    `The download of ${asset.name} from ${url} stopped at ${received} of ${total} bytes${reason}; run the command again to resume it.`,
    { cause },
  );
}

/**
 * True when a request died because the connection was reset or closed under it — typically a
 * reused keep-alive socket the server had just closed. Worth one immediate retry, unlike
 * DNS failures or refused connections, which mean the host is really unreachable.
 */
export function isConnectionReset(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: string; message?: string };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
      return true;
    if (typeof message === 'string' && /other side closed|socket hang up/i.test(message)) return true;
  }
  return false;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function networkError(
  error: unknown,
  asset: HubAsset,
  url: string,
  signal: AbortSignal | undefined,
  stalled: boolean,
  received: number,
  total?: number,
): Error {
  if (signal?.aborted) return new AbortError(undefined, { cause: signal.reason });
  if (stalled) {
    return new HubError(
      'HUB_NETWORK',
      `The download of ${asset.name} from ${url} stalled (no data for a minute); check the connection and run the command again${received > 0 ? ' to resume it' : ''}.`,
      { cause: error },
    );
  }
  if (received > 0 && total !== undefined) return truncated(asset, url, received, total, error);
  const reason = describeCause(error);
  const host = safeHost(url);
  return new HubError(
    'HUB_NETWORK',
    `Cannot download ${asset.name}: ${host} is unreachable (${reason}). Connect to the network, set ${asset.host === 'hub' ? 'KOKORO_HUB_URL' : 'KOKORO_LEXICON_URL'} to a mirror, or pass a local file; KOKORO_OFFLINE=1 uses only the cache.`,
    { cause: error },
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Lower-case hex SHA-256 of some bytes (Web Crypto, so it runs in browsers too). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
