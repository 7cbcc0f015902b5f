/**
 * A hub-shaped HTTP server on 127.0.0.1 for tests (ours and yours): it answers like the
 * Hugging Face hub — `/<repo>/resolve/<rev>/<path>` → 302 to a `/cdn/…` URL that serves the bytes
 * with ETag and Range — and like GitHub's raw host for other paths. Per-path behaviours simulate
 * slow, truncated and wrong bodies. Node only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubServerRequest {
  method: string;
  path: string;
  range?: string;
  ifRange?: string;
  /** Status code sent. */
  status: number;
}

export interface PathBehavior {
  /** Serve these bytes instead of the file's. */
  body?: Uint8Array;
  /** Answer with this status and no body. */
  status?: number;
  /** Close the socket after sending this many body bytes (Content-Length stays the full size). */
  truncateAt?: number;
  /** Send the body in chunks of `chunkBytes` with this pause between them. */
  delayMs?: number;
  chunkBytes?: number;
  /** Ignore Range headers (always 200 with the whole file). */
  noRange?: boolean;
  /** Drop the connection before answering (a keep-alive socket the server already closed). */
  reset?: boolean;
  /** Apply to one (non-redirect) response only, then serve normally. */
  once?: boolean;
}

export interface HubServerOptions {
  /** URL path (`/org/name/resolve/rev/path` or `/hexgrad/misaki/<commit>/…`) → a file path or bytes. */
  files: Readonly<Record<string, string | Uint8Array>>;
  /** Redirect `/…/resolve/…` to `/cdn/…` (as the hub does). Default true. */
  redirect?: boolean;
}

interface Source {
  size: number;
  etag: string;
  read(start: number, chunk: number): AsyncIterable<Uint8Array | Buffer>;
}

export interface HubServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request, in order. */
  readonly requests: HubServerRequest[];
  /** Behaviours by URL path (the path before any redirect); change them between calls. */
  readonly behaviors: Map<string, PathBehavior>;
  close(): Promise<void>;
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const requests: HubServerRequest[] = [];
  const behaviors = new Map<string, PathBehavior>();
  const redirect = options.redirect ?? true;
  const sockets = new Set<import('node:net').Socket>();

  /** The body source: bytes in memory, or a file streamed from disk (large files stay on disk). */
  async function sourceOf(path: string): Promise<Source | undefined> {
    const behavior = behaviors.get(path);
    const source = behavior?.body ?? options.files[path];
    if (source === undefined) return undefined;
    if (typeof source !== 'string') {
      return {
        size: source.byteLength,
        etag: `"${createHash('sha256').update(source).digest('hex').slice(0, 32)}"`,
        read: async function* (start, chunk) {
          for (let at = start; at < source.byteLength; at += chunk) yield source.subarray(at, at + chunk);
        },
      };
    }
    const info = await stat(source);
    return {
      size: info.size,
      etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
      read: (start, chunk) =>
        start >= info.size
          ? (async function* () {})()
          : createReadStream(source, { start, highWaterMark: chunk }),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const path = decodeURI(new URL(req.url ?? '/', 'http://x').pathname);
    const isCdn = path.startsWith('/cdn/');
    const logical = isCdn ? path.slice(4) : path;
    const behavior = behaviors.get(logical) ?? {};
    if (!isCdn && redirect && logical.includes('/resolve/')) {
      if (options.files[logical] === undefined && !behavior.body) return send(res, 404, 'Entry not found');
      res.writeHead(302, { location: `/cdn${logical}` });
      res.end();
      return 302;
    }
    if (behavior.once) behaviors.delete(logical);
    if (behavior.reset) {
      req.socket.destroy();
      return 0;
    }
    if (behavior.status !== undefined) return send(res, behavior.status, `status ${behavior.status}`);
    const source = await sourceOf(logical);
    if (!source) return send(res, 404, 'Not found');
    const { size, etag } = source;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const rangeOk = range && !behavior.noRange && (ifRange === undefined || ifRange === etag);
    if (rangeOk && range) {
      start = Number(range[1]);
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        res.end();
        return 416;
      }
    }
    const status = rangeOk ? 206 : 200;
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'content-length': String(size - start),
      etag,
      'accept-ranges': 'bytes',
    };
    if (status === 206) headers['content-range'] = `bytes ${start}-${size - 1}/${size}`;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return status;
    }
    // Send up to `truncateAt` (absolute offset), then cut the connection as a dropped network would.
    let left = behavior.truncateAt === undefined ? size - start : Math.max(0, behavior.truncateAt - start);
    const cut = left < size - start;
    if (left > 0) {
      for await (const piece of source.read(start, behavior.chunkBytes ?? 64 * 1024)) {
        const part = (piece as Uint8Array).subarray(0, left);
        left -= part.byteLength;
        if (!res.write(part)) await new Promise((r) => res.once('drain', r));
        if (behavior.delayMs) await new Promise((r) => setTimeout(r, behavior.delayMs));
        if (res.destroyed || left <= 0) break;
      }
    }
    if (cut) {
      await new Promise((r) => setTimeout(r, 20));
      res.destroy();
      return status;
    }
    res.end();
    return status;
  }

  const server = createServer((req, res) => {
    const record: HubServerRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 0,
      ...(req.headers.range && { range: req.headers.range }),
      ...(typeof req.headers['if-range'] === 'string' && { ifRange: req.headers['if-range'] }),
    };
    requests.push(record);
    handle(req, res).then(
      (status) => {
        record.status = status;
      },
      () => res.destroy(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behaviors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, text: string): number {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
  return status;
}
