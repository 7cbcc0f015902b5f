import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhonemeToken } from '@kokoro-kit/core';
import { createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P, defaultIpadicDir } from '@kokoro-kit/g2p-ja/node';
import { createMandarinG2PFromDir } from '@kokoro-kit/g2p-zh/node';
import { pypinyinDir } from '@kokoro-kit/test-assets';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The browser entries of the G2P packages in real headless Chromium (Debian's, started as the
 * brief prescribes), served from 127.0.0.1: the same phonemes as in Node.
 */
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let dir: string;
let server: Server;
let context: BrowserContext;
let page: Page;
let profile: string;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokoro-browser-'));
  profile = await mkdtemp(join(tmpdir(), 'kokoro-chromium-'));
  await build({
    entryPoints: [join(here, '__fixtures__/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    conditions: ['@kokoro-kit/source'],
    // Node-only branches that the browser never takes.
    external: ['module', 'node:*', 'fs', 'path', 'url', 'crypto', 'worker_threads'],
    logLevel: 'error',
  });
  const files: Record<string, () => Promise<Uint8Array | string>> = {
    '/': async () => '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
    '/page.js': () => readFile(join(dir, 'page.js')),
    '/espeak-ng.wasm': () =>
      readFile(
        require.resolve('espeak-ng/dist/espeak-ng.wasm', { paths: [resolveFrom('@kokoro-kit/g2p-espeak')] }),
      ),
    // The `web` build's WASM (Node resolves jieba-wasm to its `nodejs` build, a different module).
    '/jieba_rs_wasm_bg.wasm': () => readFile(join(dirname(jiebaEntry()), '../web/jieba_rs_wasm_bg.wasm')),
  };
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.startsWith('/dict/')
      ? () => readFile(join(defaultIpadicDir(), basename(path)))
      : path.startsWith('/pypinyin/')
        ? () => readFile(join(pypinyinDir, basename(path)))
        : files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await file();
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A fresh profile directory (playwright's way of passing --user-data-dir).
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KOKORO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const { port } = server.address() as { port: number };
  await page.goto(`http://127.0.0.1:${port}/`);
  await page
    .waitForFunction(() => 'kokoro' in globalThis, undefined, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`the page did not load: ${errors.join('; ')}`);
    });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

/** A workspace package's folder (their exports maps have no `./package.json`). */
function resolveFrom(pkg: string): string {
  return join(here, '../../../packages', pkg.replace('@kokoro-kit/', ''));
}

function jiebaEntry(): string {
  const fromZh = createRequire(join(resolveFrom('@kokoro-kit/g2p-zh'), 'package.json'));
  return fromZh.resolve('jieba-wasm');
}

async function inBrowser(text: string, language: string): Promise<PhonemeToken[]> {
  return page.evaluate(
    ([t, l]) =>
      (
        globalThis as never as { kokoro: { phonemize: (a: string, b: string) => Promise<PhonemeToken[]> } }
      ).kokoro.phonemize(t!, l!),
    [text, language],
  );
}

describe('G2P packages in Chromium', () => {
  it('loads the vocabulary from core', async () => {
    expect(
      await page.evaluate(
        () => (globalThis as never as { kokoro: { vocabularySize: number } }).kokoro.vocabularySize,
      ),
    ).toBe(114);
  });

  const espeak = createEspeakG2P();
  it.each([
    ['es', 'Hola, mundo. ¿Cómo estás?'],
    ['fr', 'Les enfants sont arrivés.'],
    ['it', 'Buongiorno a tutti.'],
    ['pt-BR', 'Olá, mundo.'],
    ['hi', 'नमस्ते दुनिया'],
  ])('espeak %s gives the same tokens as in Node', async (language, text) => {
    const browserTokens = await inBrowser(text, language);
    expect(browserTokens.length).toBeGreaterThan(0);
    expect(browserTokens).toEqual(await espeak.phonemize(text, { language }));
  });

  it('Japanese (kuromoji with its dictionary fetched over HTTP) gives the same tokens as in Node', async () => {
    const text = 'こんにちは、世界。今日は2024年です。';
    const node = await (await createJapaneseG2P()).phonemize(text, { language: 'ja' });
    expect(await inBrowser(text, 'ja')).toEqual(node);
  });

  it("Mandarin (jieba-wasm + pypinyin's dictionaries fetched by the page) gives the same tokens as in Node", async () => {
    const text = '你好，世界。我们一起去银行，不要着急。他走了。';
    const node = await (await createMandarinG2PFromDir({ dir: pypinyinDir })).phonemize(text, {
      language: 'zh',
    });
    expect(await inBrowser(text, 'zh')).toEqual(node);
  });
});
