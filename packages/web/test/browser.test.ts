import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleForBrowser,
  type ChromiumSession,
  GUARDED_NODE_GLOBALS,
  launchChromium,
  openPage as openHarnessPage,
  type StaticFile,
  type StaticServer,
  serveStatic,
  tempDir,
} from '@kokoro-kit/browser-tests/harness';
import type { WordTiming } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createEspeakEnglishFallback, createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P } from '@kokoro-kit/g2p-ja/node';
import { createMandarinG2PFromDir } from '@kokoro-kit/g2p-zh/node';
import {
  lexiconAsset,
  modelAsset,
  PYPINYIN_FILES,
  parseModelId,
  pypinyinAsset,
  voiceAsset,
} from '@kokoro-kit/hub';
import { createLanguageRouter, createTTS } from '@kokoro-kit/pipeline';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, pypinyinDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import type { Page } from 'playwright-core';
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

let session: ChromiumSession;
let site: Record<string, StaticFile>;
const servers: StaticServer[] = [];

/** Everything the app serves: bundles, runtime assets, and the hub stand-in. */
async function siteFiles(): Promise<Record<string, StaticFile>> {
  const out = await tempDir('kokoro-web-');
  const bundle = await bundleForBrowser({
    entries: { page: join(here, '__fixtures__/page.ts'), worker: join(here, '../src/worker.ts') },
    outdir: out,
    allowNodeGlobals: GUARDED_NODE_GLOBALS,
  });
  const files: Record<string, StaticFile> = {
    '/': { body: '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>' },
    '/page.js': bundle.files.page as string,
    '/worker.js': bundle.files.worker as string,
    // jieba-wasm's `web` build fetches its WebAssembly next to the bundle that holds it.
    '/jieba_rs_wasm_bg.wasm': jiebaWebWasm(),
  };
  for (const asset of await webAssetFiles()) files[`/kokoro-assets/${asset.path}`] = asset.source;
  const ref = parseModelId(MODEL_ID);
  files[`/hub${modelAsset(ref).urlPath}`] = { body: model };
  for (const voice of ['af_heart', 'jf_alpha', 'ef_dora', 'zf_xiaobei']) {
    files[`/hub${voiceAsset(ref, voice).urlPath}`] = join(realVoicesDir, `${voice}.bin`);
  }
  for (const file of ['us_gold.json', 'us_silver.json', 'ja_words.txt'] as const) {
    files[`/lexicons${lexiconAsset(file).urlPath}`] = join(misakiLexiconDir, file);
  }
  for (const file of PYPINYIN_FILES)
    files[`/lexicons${pypinyinAsset(file).urlPath}`] = join(pypinyinDir, file);
  return files;
}

/** The WebAssembly of jieba-wasm's `web` build (Node resolves the package to its `nodejs` build). */
function jiebaWebWasm(): string {
  const zh = createRequire(join(here, '../../g2p-zh/package.json'));
  return join(dirname(zh.resolve('jieba-wasm')), '../web/jieba_rs_wasm_bg.wasm');
}

async function serve(isolated: boolean): Promise<StaticServer> {
  const server = await serveStatic({ files: site, headers: { crossOriginIsolated: isolated } });
  servers.push(server);
  return server;
}

function openPage(origin: string): Promise<{ page: Page; errors: string[] }> {
  return openHarnessPage(session, `${origin}/`, { waitFor: 'kokoroTest' });
}

async function start(page: Page, origin: string) {
  return page.evaluate(
    (o) =>
      (
        globalThis as never as {
          kokoroTest: {
            start: (x: unknown) => Promise<{
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
  const english = createEnglishG2PFromDir({
    dir: misakiLexiconDir,
    dialects: ['en-US'],
    fallback: createEspeakEnglishFallback(),
  });
  const g2p = createLanguageRouter({
    languages: ['en-US', 'es', 'ja', 'zh'],
    load: async (language) => {
      if (language === 'ja') return createJapaneseG2P({ wordsFile: join(misakiLexiconDir, 'ja_words.txt') });
      if (language === 'zh') return createMandarinG2PFromDir({ dir: pypinyinDir, english: await english });
      return language === 'en-US' ? english : espeak;
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
  site = await siteFiles();
  session = await launchChromium();
}, 180_000);

afterAll(async () => {
  await session?.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('createWebTTS in Chromium (wasm, in a Worker)', () => {
  let server: StaticServer;
  let origin: string;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serve(true);
    origin = server.origin;
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
    ['Japanese', 'こんにちは、世界。今日はいい天気です。先生と東京へ行きましょう。', 'jf_alpha'],
    ['Mandarin', '你好，世界。我们一起去银行，好不好？', 'zf_xiaobei'],
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

  it('speaks text streamed in pieces (as LLM tokens arrive): every word, in order', async () => {
    const text = 'Streaming text arrives a few characters at a time. It still says every word.';
    const whole = await speak(page, { text, voice: 'af_heart' });
    const pieces = await speak(page, { text, voice: 'af_heart', stream: true });
    // Chunking may differ (the worker starts speaking while text still arrives); the words may not.
    expect(pieces.words?.map((w) => w.text)).toEqual(whole.words?.map((w) => w.text));
    const spoken = pieces.chunks
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/ ([.,!?])/g, '$1')
      .trim();
    expect(spoken).toBe(text);
    expect(pieces.samples.length).toBeGreaterThan(0);
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
    const before = server.requests.length;
    const second = await openPage(origin);
    const started = await start(second.page, origin);
    await speak(second.page, { text: 'Hello again.', voice: 'af_heart' });
    const downloads = server.requests
      .slice(before)
      .map((request) => request.path)
      .filter((path) => path.startsWith('/hub/') || path.startsWith('/lexicons/'));
    expect(downloads).toEqual([]);
    expect(started.progress).toEqual([]);
    expect(second.errors).toEqual([]);
    page = second.page;
  }, 120_000);

  it('logged no console errors and sent no request outside 127.0.0.1', () => {
    expect(errors).toEqual([]);
    expect(session.offHostRequests).toEqual([]);
  });
});

describe('createWebTTS without cross-origin isolation', () => {
  it('runs wasm on one thread and says so', async () => {
    const { origin } = await serve(false);
    const { page, errors } = await openPage(origin);
    const started = await start(page, origin);
    expect(started.backend.crossOriginIsolated).toBe(false);
    expect(started.backend.threads).toBe(1);
    const spoken = await speak(page, { text: 'One thread is enough.', voice: 'af_heart' });
    expect(spoken.samples.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
