import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WordTiming } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createEspeakEnglishFallback, createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P } from '@kokoro-kit/g2p-ja/node';
import { lexiconAsset, modelAsset, parseModelId, voiceAsset } from '@kokoro-kit/hub';
import { createLanguageRouter, createTTS } from '@kokoro-kit/pipeline';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAssetFiles } from '../src/assets';

/**
 * The web preset in real headless Chromium (Debian's): page and worker bundled with no externals,
 * served from 127.0.0.1 with a hub-shaped layout for the model, voices and misaki's lexicons, and
 * compared with the Node pipeline on the same synthetic model.
 */
const here = dirname(fileURLToPath(import.meta.url));
const MODEL_ID = 'kokoro-kit/tiny-synthetic@main';
const model = buildSyntheticModel({ preset: 'tiny', durations: true });
/** onnxruntime-web (wasm) and onnxruntime-node compute the same graph with different kernels. */
const SAMPLE_TOLERANCE = 1e-4;

let out: string;
let profile: string;
let context: BrowserContext;
const servers: Server[] = [];
const requests: string[] = [];
const foreign: string[] = [];

async function bundle(): Promise<void> {
  await build({
    entryPoints: { page: join(here, '__fixtures__/page.ts'), worker: join(here, '../src/worker.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@kokoro-kit/source', 'browser'],
    logLevel: 'error',
  });
}

/** Path → bytes for everything the app serves: bundles, runtime assets, and the hub stand-in. */
async function siteFiles(): Promise<Map<string, () => Promise<Uint8Array>>> {
  const files = new Map<string, () => Promise<Uint8Array>>();
  files.set('/', async () =>
    new TextEncoder().encode(
      '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
    ),
  );
  for (const asset of await webAssetFiles())
    files.set(`/kokoro-assets/${asset.path}`, () => readFile(asset.source));
  const ref = parseModelId(MODEL_ID);
  files.set(`/hub${modelAsset(ref).urlPath}`, async () => model);
  for (const voice of ['af_heart', 'jf_alpha', 'ef_dora']) {
    files.set(`/hub${voiceAsset(ref, voice).urlPath}`, () => readFile(join(realVoicesDir, `${voice}.bin`)));
  }
  for (const file of ['us_gold.json', 'us_silver.json'] as const) {
    files.set(`/lexicons${lexiconAsset(file).urlPath}`, () => readFile(join(misakiLexiconDir, file)));
  }
  return files;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

async function serve(files: Map<string, () => Promise<Uint8Array>>, isolated: boolean): Promise<string> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const headers: Record<string, string> = isolated
      ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
      : {};
    const file =
      files.get(path) ??
      (path.startsWith('/chunk-') || path === '/page.js' || path === '/worker.js' || path.endsWith('.wasm')
        ? () => readFile(join(out, path))
        : undefined);
    if (!file) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await file();
      const type = path === '/' ? 'text/html' : (TYPES[extname(path)] ?? 'application/octet-stream');
      res
        .writeHead(200, { ...headers, 'content-type': type, 'content-length': String(body.byteLength) })
        .end(body);
    } catch (error) {
      res.writeHead(500, headers).end(String(error));
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function openPage(origin: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'kokoroTest' in globalThis, undefined, { timeout: 30_000 });
  return { page, errors };
}

async function start(page: Page, origin: string) {
  return page.evaluate(
    (o) =>
      (
        globalThis as never as {
          kokoroTest: {
            start: (
              x: unknown,
            ) => Promise<{
              backend: { name: string; threads: number; crossOriginIsolated: boolean; reason: string };
              languages: string[];
              progress: string[];
            }>;
          };
        }
      ).kokoroTest.start(o),
    { hubUrl: `${origin}/hub`, lexiconUrl: `${origin}/lexicons`, model: MODEL_ID },
  );
}

type Spoken = { samples: number[]; words: WordTiming[] | undefined; chunks: string[] };

function speak(
  page: Page,
  args: { text: string; voice: string; language?: string; stream?: boolean },
): Promise<Spoken> {
  return page.evaluate(
    (a) =>
      (globalThis as never as { kokoroTest: { speak: (x: unknown) => Promise<Spoken> } }).kokoroTest.speak(a),
    args,
  );
}

/** The same pipeline in Node: the same G2P packages, voices and model, on onnxruntime-node. */
async function inNode(text: string, voice: string) {
  const espeak = createEspeakG2P();
  const g2p = createLanguageRouter({
    languages: ['en-US', 'es', 'ja'],
    load: async (language) => {
      if (language === 'en-US') {
        return createEnglishG2PFromDir({
          dir: misakiLexiconDir,
          dialects: ['en-US'],
          fallback: createEspeakEnglishFallback(),
        });
      }
      return language === 'ja' ? createJapaneseG2P() : espeak;
    },
  });
  const runtime = await createNodeRuntime({ model });
  try {
    const tts = createTTS({
      g2p,
      tokenizer: createTokenizer(),
      voices: createDirectoryVoiceStore({ dir: realVoicesDir }),
      runtime,
    });
    return await tts.synthesize(text, { voice });
  } finally {
    await runtime.dispose();
  }
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'kokoro-web-'));
  profile = await mkdtemp(join(tmpdir(), 'kokoro-chromium-'));
  await bundle();
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
  // Nothing may leave 127.0.0.1.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await rm(out, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

describe('createWebTTS in Chromium (wasm, in a Worker)', () => {
  let origin: string;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    origin = await serve(await siteFiles(), true);
    ({ page, errors } = await openPage(origin));
  }, 120_000);

  it('starts on wasm with 2 threads when cross-origin isolated, downloading through the hub', async () => {
    const started = await start(page, origin);
    expect(started.backend.name).toBe('wasm');
    expect(started.backend.crossOriginIsolated).toBe(true);
    expect(started.backend.threads).toBe(2);
    expect(started.languages).toEqual(
      expect.arrayContaining(['en-US', 'en-GB', 'es', 'fr', 'hi', 'it', 'pt-BR', 'ja', 'zh']),
    );
    expect(started.progress).toContain('model.onnx');
  }, 120_000);

  it.each([
    ['English', 'Hello world. The quick brown fox jumps over the lazy dog.', 'af_heart'],
    ['Spanish', 'Hola, mundo. ¿Cómo estás hoy?', 'ef_dora'],
    ['Japanese', 'こんにちは、世界。今日はいい天気です。', 'jf_alpha'],
  ])(
    'speaks %s with the samples and word timings of the Node pipeline',
    async (_name, text, voice) => {
      const browser = await speak(page, { text, voice });
      const node = await inNode(text, voice);
      expect(browser.samples.length).toBe(node.samples.length);
      let worst = 0;
      for (let i = 0; i < node.samples.length; i++)
        worst = Math.max(worst, Math.abs(browser.samples[i]! - node.samples[i]!));
      expect(worst).toBeLessThan(SAMPLE_TOLERANCE);
      expect(browser.words).toEqual(node.words);
    },
    120_000,
  );

  it('speaks text streamed in pieces the same as the whole text', async () => {
    const text = 'Streaming text arrives a few characters at a time. It still sounds the same.';
    const whole = await speak(page, { text, voice: 'af_heart' });
    const pieces = await speak(page, { text, voice: 'af_heart', stream: true });
    expect(pieces.samples).toEqual(whole.samples);
  }, 120_000);

  it('cancels a stream left early and keeps serving; honours an aborted signal; revives typed errors', async () => {
    const cancelled = await page.evaluate(() =>
      (
        globalThis as never as {
          kokoroTest: {
            firstChunkThenCancel: (t: string, v: string) => Promise<{ chunks: number; after: number }>;
          };
        }
      ).kokoroTest.firstChunkThenCancel('One. Two. Three. Four. Five. Six. Seven. Eight.', 'af_heart'),
    );
    expect(cancelled.chunks).toBe(1);
    expect(cancelled.after).toBeGreaterThan(0);
    expect(
      await page.evaluate(() =>
        (
          globalThis as never as {
            kokoroTest: { abortBeforeStart: (t: string, v: string) => Promise<string> };
          }
        ).kokoroTest.abortBeforeStart('Hi.', 'af_heart'),
      ),
    ).toBe('ABORTED');
    expect(
      await page.evaluate(() =>
        (globalThis as never as { kokoroTest: { badVoice: () => Promise<unknown> } }).kokoroTest.badVoice(),
      ),
    ).toEqual({ name: 'VoiceError', code: 'UNKNOWN_VOICE' });
  }, 120_000);

  it('loads everything from Cache Storage on a second visit: no hub or lexicon request', async () => {
    await page.evaluate(() =>
      (globalThis as never as { kokoroTest: { dispose: () => Promise<void> } }).kokoroTest.dispose(),
    );
    await page.close();
    const before = requests.length;
    const second = await openPage(origin);
    const started = await start(second.page, origin);
    await speak(second.page, { text: 'Hello again.', voice: 'af_heart' });
    const downloads = requests
      .slice(before)
      .filter((path) => path.startsWith('/hub/') || path.startsWith('/lexicons/'));
    expect(downloads).toEqual([]);
    expect(started.progress).toEqual([]);
    expect(second.errors).toEqual([]);
    page = second.page;
  }, 120_000);

  it('logged no console errors and sent no request outside 127.0.0.1', () => {
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

describe('createWebTTS without cross-origin isolation', () => {
  it('runs wasm on one thread and says so', async () => {
    const origin = await serve(await siteFiles(), false);
    const { page, errors } = await openPage(origin);
    const started = await start(page, origin);
    expect(started.backend.crossOriginIsolated).toBe(false);
    expect(started.backend.threads).toBe(1);
    expect(started.backend.reason).toMatch(/isolat/i);
    const spoken = await speak(page, { text: 'One thread is enough.', voice: 'af_heart' });
    expect(spoken.samples.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
