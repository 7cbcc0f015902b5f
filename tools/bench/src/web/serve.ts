/**
 * A static server on 127.0.0.1 for one site layout, cross-origin isolated (COOP same-origin +
 * COEP require-corp) so onnxruntime-web may use wasm threads on either page.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname } from 'node:path';
import { PAGE_HTML, resolveSitePath, type SiteLayout } from './site';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
} as const;

export interface SiteServer {
  origin: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveSite(site: SiteLayout): Promise<SiteServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    if (path === '/') {
      res.writeHead(200, { ...ISOLATION_HEADERS, 'content-type': TYPES['.html']! }).end(PAGE_HTML);
      return;
    }
    const file = resolveSitePath(site, path);
    const size =
      file === undefined
        ? undefined
        : await stat(file).then(
            (s) => (s.isFile() ? s.size : undefined),
            () => undefined,
          );
    if (file === undefined || size === undefined) {
      res.writeHead(404, ISOLATION_HEADERS).end();
      return;
    }
    res.writeHead(200, {
      ...ISOLATION_HEADERS,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
