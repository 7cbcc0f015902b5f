import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * A small browser-test harness: bundle a page, serve it from 127.0.0.1, drive Debian's Chromium.
 * Same names and shapes as the shared `tools/browser-tests` harness being built on another
 * branch, so this file can be swapped for it.
 */

/** Bundles one entry for the browser with the workspace's source condition and no externals. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@kokoro-kit/source', 'browser'],
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

type Body = string | Uint8Array;
export interface StaticOptions {
  /** URL path → body (or a function producing it), or a folder served as is. */
  files?: Record<string, Body | (() => Promise<Body>)>;
  dir?: string;
  headers?: { crossOriginIsolated?: boolean };
}
export interface StaticServer {
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** Serves files from 127.0.0.1, with COOP/COEP on every response when `crossOriginIsolated`. */
export async function serveStatic(options: StaticOptions): Promise<StaticServer> {
  const requests: string[] = [];
  const isolation: Record<string, string> = options.headers?.crossOriginIsolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    void body(options, path).then(
      (content) => {
        if (content === undefined) {
          res.writeHead(404, isolation).end();
          return;
        }
        const type =
          TYPES[extname(path)] ?? (path.endsWith('/') ? TYPES['.html']! : 'application/octet-stream');
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...isolation }).end(content);
      },
      (error: unknown) => res.writeHead(500, isolation).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function body(options: StaticOptions, path: string): Promise<Body | undefined> {
  const file = options.files?.[path];
  if (file !== undefined) return typeof file === 'function' ? file() : file;
  if (options.dir === undefined) return undefined;
  const local = normalize(join(options.dir, path));
  if (!local.startsWith(normalize(options.dir))) return undefined;
  return readFile(local).catch(() => undefined);
}

export interface Chromium {
  context: BrowserContext;
  page: Page;
  /** Requests to any host but 127.0.0.1, which were refused. */
  blocked: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, in a fresh profile; WebGPU (SwiftShader's fallback adapter) with
 * `webgpu: true`. Every request is routed: only 127.0.0.1 gets through.
 */
export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'kokoro-runtime-web-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.webgpu) args.push('--enable-unsafe-webgpu');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KOKORO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return {
    context,
    page,
    blocked,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
