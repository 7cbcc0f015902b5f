import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowserBundleError,
  bundleForBrowser,
  type ChromiumSession,
  launchChromium,
  openPage,
  serveStatic,
  tempDir,
} from './harness';

let dir: string;

beforeAll(async () => {
  dir = await tempDir('kokoro-harness-');
  await mkdir(join(dir, 'src'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `src/<name>` and returns its path. */
async function source(name: string, text: string): Promise<string> {
  const file = join(dir, 'src', name);
  await writeFile(file, text);
  return file;
}

async function bundleError(entry: string): Promise<BrowserBundleError> {
  const error = await bundleForBrowser({ entry, outdir: join(dir, 'out') }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrowserBundleError);
  return error as BrowserBundleError;
}

describe('bundleForBrowser', () => {
  it('bundles browser code with no externals', async () => {
    await source('helper.ts', 'export const twice = (n: number) => n * 2;\n');
    const entry = await source('ok.ts', "import { twice } from './helper';\nexport const four = twice(2);\n");
    const bundle = await bundleForBrowser({ entry, outdir: join(dir, 'out') });
    expect(await readFile(bundle.files.ok!, 'utf8')).toContain('n * 2');
  });

  it.each([
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['fs', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n"],
    ['module', "export const load = () => import('module');\n"],
  ])('fails on a planted import of %s, naming the importing file', async (id, text) => {
    await source('stray.ts', text);
    const entry = await source('entry.ts', "export * from './stray';\n");
    const error = await bundleError(entry);
    expect(error.code).toBe('NOT_BROWSER_SAFE');
    expect(KokoroError.isInstance(error)).toBe(true);
    expect(error.message).toContain(`"${id}" is a Node built-in module`);
    expect(error.message).toMatch(/stray\.ts:\d+/);
  });

  it.each([
    ['process', 'export const env = process.env.HOME;\n'],
    ['Buffer', "export const bytes = Buffer.from('hi');\n"],
    ['__dirname', 'export const here = __dirname;\n'],
    ['globalThis.process', 'export const p = globalThis.process?.versions;\n'],
    ['require', 'export const load = (id: string) => require(id);\n'],
  ])('fails on a planted use of the Node global %s', async (global, text) => {
    const entry = await source('global.ts', text);
    const error = await bundleError(entry);
    expect(error.code).toBe('NOT_BROWSER_SAFE');
    expect(error.message).toContain(`the Node global \`${global}\` in `);
    expect(error.message).toContain('global.ts');
  });

  it('does not mistake a local variable for the Node global', async () => {
    const entry = await source('local.ts', 'const process = { env: {} };\nexport const env = process.env;\n');
    await expect(bundleForBrowser({ entry, outdir: join(dir, 'out') })).resolves.toBeDefined();
  });

  it('allows a listed global only in the listed module', async () => {
    const entry = await source('guarded.ts', "export const isNode = typeof global !== 'undefined';\n");
    const allow = (module: RegExp) => ({ global: 'global', module, reason: 'test' });
    await expect(
      bundleForBrowser({ entry, outdir: join(dir, 'out'), allowNodeGlobals: [allow(/guarded\.ts$/)] }),
    ).resolves.toBeDefined();
    await expect(
      bundleForBrowser({ entry, outdir: join(dir, 'out'), allowNodeGlobals: [allow(/other\.ts$/)] }),
    ).rejects.toThrow(/`global` in .*guarded\.ts/);
  });
});

/** A GET with the path as written (fetch would normalize `/../`). */
function rawStatus(origin: string, path: string): Promise<number | undefined> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    get({ hostname, port, path }, (res) => {
      res.resume();
      done(res.statusCode);
    }).on('error', fail);
  });
}

describe('serveStatic', () => {
  it('serves on 127.0.0.1 with the MIME types browsers require, and logs requests', async () => {
    await mkdir(join(dir, 'site'), { recursive: true });
    await writeFile(join(dir, 'site', 'model.onnx'), new Uint8Array([1, 2, 3]));
    await writeFile(join(dir, 'site', 'a.mjs'), 'export {};');
    await writeFile(join(dir, 'secret.txt'), 'no');
    const server = await serveStatic({
      dir: join(dir, 'site'),
      files: { '/x.wasm': { body: new Uint8Array([0, 97, 115, 109]) }, '/v.json': { body: '{}' } },
    });
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const type = async (path: string) => (await fetch(server.origin + path)).headers.get('content-type');
      expect(await type('/a.mjs')).toMatch(/^text\/javascript/);
      expect(await type('/x.wasm')).toBe('application/wasm');
      expect(await type('/v.json')).toBe('application/json');
      expect(await type('/model.onnx')).toBe('application/octet-stream');
      expect(await rawStatus(server.origin, '/../secret.txt')).toBe(404);
      expect((await fetch(`${server.origin}/a.mjs`)).headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(server.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
        '200 /a.mjs',
        '200 /x.wasm',
        '200 /v.json',
        '200 /model.onnx',
        '404 /secret.txt',
        '200 /a.mjs',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('launchChromium + openPage', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('gets cross-origin isolation from the COOP/COEP headers', async () => {
    for (const crossOriginIsolated of [false, true]) {
      const server = await serveStatic({
        files: { '/': { body: '<!doctype html><title>t</title>' } },
        headers: { crossOriginIsolated },
      });
      const { page } = await openPage(session, `${server.origin}/`);
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(crossOriginIsolated);
      await page.close();
      await server.close();
    }
  });

  it('records page errors and console errors, and blocks requests that leave 127.0.0.1', async () => {
    const server = await serveStatic({
      files: {
        '/': {
          body: `<!doctype html><script type="module">
            console.error('said no');
            fetch('http://example.com/x').catch(() => {});
            globalThis.ready = true;
            throw new Error('boom');
          </script>`,
        },
      },
    });
    const { page, errors } = await openPage(session, `${server.origin}/`, { waitFor: 'ready' });
    await expect.poll(() => session.offHostRequests).toEqual(['http://example.com/x']);
    await expect.poll(() => errors.length).toBeGreaterThanOrEqual(2);
    expect(errors).toContain('console: said no');
    expect(errors.some((e) => e.startsWith('page: Error: boom'))).toBe(true);
    await page.close();
    await server.close();
  });
});

describe('launchChromium({ webgpu: true })', () => {
  it('gives pages a WebGPU adapter (a software one on a machine without a GPU)', async () => {
    const server = await serveStatic({ files: { '/': { body: '<!doctype html><title>gpu</title>' } } });
    const session = await launchChromium({ webgpu: true });
    try {
      const { page } = await openPage(session, `${server.origin}/`);
      const adapter = await page.evaluate(async () => {
        const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
        return gpu ? (await gpu.requestAdapter()) !== null : false;
      });
      expect(adapter).toBe(true);
    } finally {
      await session.close();
      await server.close();
    }
  }, 60_000);
});
