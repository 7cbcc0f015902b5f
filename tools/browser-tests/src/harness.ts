/**
 * A browser-test harness for kokoro-kit packages: bundle browser code the way a consumer's
 * bundler would (no externals, Node built-ins and globals are errors), serve it from 127.0.0.1,
 * and drive Debian's Chromium through playwright-core. Import it from a test as
 * `@kokoro-kit/browser-tests/harness`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve, sep } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { build, type Message } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  BROWSER_SAFETY_HINT,
  describeNodeGlobals,
  findNodeGlobals,
  type NodeGlobalUse,
  nodeBuiltinGuard,
  nodeGlobalMarkers,
} from '../../tsup/browser-safety';

export { findNodeGlobals, isNodeBuiltin, type NodeGlobalUse } from '../../tsup/browser-safety';

/** A bundle that is not browser-safe, or that esbuild could not build. */
export class BrowserBundleError extends KokoroError {
  constructor(code: 'NOT_BROWSER_SAFE' | 'BUNDLE_FAILED', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'BrowserBundleError';
  }
}

/** A Node global that a third-party module uses behind a feature check, allowed on purpose. */
export interface NodeGlobalAllowance {
  global: string;
  /** Matched against the module path esbuild prints (e.g. `node_modules/.pnpm/protobufjs@…`). */
  module: RegExp;
  /** Why it is harmless in a browser (shown nowhere, required so that nobody adds one lightly). */
  reason: string;
}

/**
 * Node globals that third-party code our browser entries bundle only touches behind a check that
 * fails in browsers — allowed by name and module, with the reason.
 */
export const GUARDED_NODE_GLOBALS: readonly NodeGlobalAllowance[] = [
  {
    global: 'global',
    module: /\/protobufjs@6\.[^/]+\/node_modules\/protobufjs\/src\/util\/minimal\.js$/,
    reason: 'util.isNode = typeof global !== "undefined" && …',
  },
  {
    global: 'require',
    module: /\/@protobufjs\+inquire@1\.[^/]+\/node_modules\/@protobufjs\/inquire\/index\.js$/,
    reason: 'inquire() catches the failed require and returns null',
  },
  {
    global: 'Buffer',
    module: /\/onnxruntime-web@1\.[^/]+\/node_modules\/onnxruntime-web\/dist\/ort\.bundle\.min\.mjs$/,
    reason: 'onnxruntime-web reads a model path with node:fs only when it runs under Node',
  },
  {
    global: 'Buffer',
    module: /\/wasm-media-encoders@0\.[^/]+\/node_modules\/wasm-media-encoders\/dist\/es\/index\.mjs$/,
    reason: 'decodes its inlined wasm with Buffer only where there is no fetch (old Node)',
  },
];

export interface BundleForBrowserOptions {
  /** One entry file (output `<basename>.js`) … */
  entry?: string;
  /** … or several: output name (without `.js`) → entry file. */
  entries?: Record<string, string>;
  outdir: string;
  /** esbuild `define`s, e.g. `{ 'import.meta.env.X': '"1"' }`. */
  define?: Record<string, string>;
  allowNodeGlobals?: readonly NodeGlobalAllowance[];
}

export interface BrowserBundle {
  outdir: string;
  /** Output name → absolute path of its `.js` file. */
  files: Record<string, string>;
}

/**
 * Bundles for browsers as a consumer's bundler would: esbuild, platform `browser`, conditions
 * `@kokoro-kit/source` (workspace sources) and `browser`, ESM, ES2022, **no externals**. Throws a
 * `BrowserBundleError` naming the importer when anything reaches a Node built-in module or uses
 * a Node global (`process`, `Buffer`, `__dirname`, `global`, a runtime `require` …).
 */
export async function bundleForBrowser(options: BundleForBrowserOptions): Promise<BrowserBundle> {
  const entryPoints =
    options.entries ??
    (options.entry ? { [basename(options.entry, extname(options.entry))]: options.entry } : {});
  if (Object.keys(entryPoints).length === 0)
    throw new BrowserBundleError('BUNDLE_FAILED', 'bundleForBrowser needs `entry` or `entries`.');
  await esbuildForBrowser(entryPoints, options);
  const files = Object.fromEntries(
    Object.keys(entryPoints).map((name) => [name, resolve(options.outdir, `${name}.js`)]),
  );
  await assertNoNodeGlobals(Object.values(files), options.allowNodeGlobals ?? []);
  return { outdir: resolve(options.outdir), files };
}

async function esbuildForBrowser(entryPoints: Record<string, string>, options: BundleForBrowserOptions) {
  await build({
    entryPoints,
    outdir: options.outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@kokoro-kit/source', 'browser'],
    define: { ...nodeGlobalMarkers(), ...options.define },
    plugins: [nodeBuiltinGuard()],
    write: true,
    logLevel: 'silent',
  }).catch((error: { errors?: Message[] }) => {
    const messages = (error.errors ?? []).map(formatMessage);
    const browserUnsafe = messages.some((m) => m.includes('Node built-in'));
    throw new BrowserBundleError(
      browserUnsafe ? 'NOT_BROWSER_SAFE' : 'BUNDLE_FAILED',
      `Bundling for the browser failed:\n${messages.join('\n') || String(error)}`,
      { cause: error },
    );
  });
}

async function assertNoNodeGlobals(files: string[], allowed: readonly NodeGlobalAllowance[]): Promise<void> {
  const uses: NodeGlobalUse[] = [];
  for (const file of files) {
    for (const use of findNodeGlobals(await readFile(file, 'utf8'))) {
      if (!allowed.some((a) => a.global === use.global && a.module.test(use.module))) uses.push(use);
    }
  }
  if (uses.length > 0)
    throw new BrowserBundleError(
      'NOT_BROWSER_SAFE',
      `The browser bundle uses ${describeNodeGlobals(uses)}. ${BROWSER_SAFETY_HINT}`,
    );
}

function formatMessage(message: Message): string {
  const at = message.location ? ` (${message.location.file}:${message.location.line})` : '';
  return `  ${message.text}${at}`;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** A served file: a path on disk, or inline content. */
export type StaticFile = string | { body: string | Uint8Array; type?: string };

export interface ServeStaticOptions {
  /** URL path (`/page.js`) → file. Looked up before `dir`. */
  files?: Record<string, StaticFile>;
  /** A directory served as it is (`/` serves its `index.html`). */
  dir?: string;
  headers?: {
    /** Sends COOP `same-origin` and COEP `require-corp`, so pages get `crossOriginIsolated`. */
    crossOriginIsolated?: boolean;
  };
}

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  /** Every request, in order. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

/** Serves files on 127.0.0.1 (a free port) with the MIME types browsers insist on for modules and WASM. */
export async function serveStatic(options: ServeStaticOptions): Promise<StaticServer> {
  const requests: ServedRequest[] = [];
  const isolation = options.headers?.crossOriginIsolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const found = await lookup(options, path);
    const status = found ? 200 : 404;
    requests.push({ method: req.method ?? 'GET', path, status });
    if (!found) {
      res.writeHead(404, isolation).end();
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store', ...isolation });
    res.end(found.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // A browser keeps connections alive; without this, close() waits for it to let go.
        server.closeAllConnections();
      }),
  };
}

async function lookup(
  options: ServeStaticOptions,
  path: string,
): Promise<{ body: string | Uint8Array; type: string } | undefined> {
  const typeOf = (name: string) => MIME_TYPES[extname(name)] ?? 'application/octet-stream';
  const file = options.files?.[path];
  if (typeof file === 'string') return { body: await readFile(file), type: typeOf(file) };
  if (file) return { body: file.body, type: file.type ?? typeOf(path === '/' ? '/index.html' : path) };
  if (!options.dir) return undefined;
  const root = resolve(options.dir);
  const target = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  // Never serve outside the directory (`/../secret`).
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  const info = await stat(target).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return { body: await readFile(target), type: typeOf(target) };
}

/** The flags the project runs Debian's Chromium with (never a test tool's own browser). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface LaunchChromiumOptions {
  /** Adds `--enable-unsafe-webgpu`. */
  webgpu?: boolean;
}

export interface ChromiumSession {
  context: BrowserContext;
  /** URLs of requests to any host but 127.0.0.1; each was aborted. */
  offHostRequests: string[];
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium (`/usr/bin/chromium`, or `KOKORO_CHROMIUM`) headless with a fresh
 * profile directory. Every request whose host is not 127.0.0.1 is aborted and recorded, so a
 * test can assert that nothing left the machine.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<ChromiumSession> {
  const profile = await mkdtemp(join(tmpdir(), 'kokoro-chromium-'));
  const args: string[] = [...CHROMIUM_FLAGS];
  if (options.webgpu) args.push('--enable-unsafe-webgpu');
  let context: BrowserContext;
  try {
    // playwright passes the profile directory as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.KOKORO_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const offHostRequests: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    offHostRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    offHostRequests,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors, as they happen. */
  errors: string[];
}

export interface OpenPageOptions {
  /** Wait until `globalThis[waitFor]` exists (a page signals it is ready). */
  waitFor?: string;
  timeoutMs?: number;
}

/**
 * Opens `url` in a new page of the session, recording console errors and page errors. With
 * `waitFor`, resolves once the page defines that global, and rejects with the errors seen so far
 * if it does not in time.
 */
export async function openPage(
  session: ChromiumSession,
  url: string,
  options: OpenPageOptions = {},
): Promise<OpenedPage> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${String(error)}`));
  await page.goto(url);
  if (options.waitFor) {
    const name = options.waitFor;
    await page
      .waitForFunction((n) => n in globalThis, name, { timeout: options.timeoutMs ?? 30_000 })
      .catch((cause: unknown) => {
        throw new Error(`${url} never defined \`${name}\`: ${errors.join('; ') || String(cause)}`);
      });
  }
  return { page, errors };
}

/** Imports a module into the page; resolves to its export names, rejects with the page's error. */
export async function importInPage(page: Page, url: string): Promise<string[]> {
  // A string, not a function: vitest rewrites `import()` in the functions it transforms.
  return page.evaluate(`import(${JSON.stringify(url)}).then((module) => Object.keys(module))`);
}

/** A fresh temporary directory for bundles; remove it with `rm(dir, { recursive: true })`. */
export function tempDir(prefix = 'kokoro-browser-'): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}${randomUUID().slice(0, 8)}-`));
}
