import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhonemeToken } from '@kokoro-kit/core';
import { createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P, defaultIpadicDir } from '@kokoro-kit/g2p-ja/node';
import { createMandarinG2PFromDir, PYPINYIN_DICTIONARY_FILES } from '@kokoro-kit/g2p-zh/node';
import { pypinyinDir } from '@kokoro-kit/test-assets';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  type ChromiumSession,
  launchChromium,
  openPage,
  type StaticServer,
  serveStatic,
  tempDir,
} from './harness';

/**
 * The browser entries of the G2P packages in real headless Chromium (Debian's), bundled with no
 * externals and served from 127.0.0.1: the same phonemes as in Node, and no request elsewhere.
 */
const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
let server: StaticServer;
let session: ChromiumSession;
let page: Page;
let errors: string[];

beforeAll(async () => {
  dir = await tempDir();
  const bundle = await bundleForBrowser({ entry: join(here, '__fixtures__/page.ts'), outdir: dir });
  const dictionary = Object.fromEntries(
    (await readdir(defaultIpadicDir())).map((name) => [`/dict/${name}`, join(defaultIpadicDir(), name)]),
  );
  server = await serveStatic({
    files: {
      '/': { body: '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>' },
      '/page.js': bundle.files.page!,
      '/espeak-ng.wasm': packageFile('@kokoro-kit/g2p-espeak', 'espeak-ng/dist/espeak-ng.wasm'),
      // The `web` build's WASM (Node resolves jieba-wasm to its `nodejs` build, a different module).
      '/jieba_rs_wasm_bg.wasm': join(
        dirname(packageFile('@kokoro-kit/g2p-zh', 'jieba-wasm')),
        '../web/jieba_rs_wasm_bg.wasm',
      ),
      ...dictionary,
      // pypinyin's dictionaries (an app fetches them through the hub).
      ...Object.fromEntries(
        Object.values(PYPINYIN_DICTIONARY_FILES).map((name) => [
          `/pypinyin/${name}`,
          join(pypinyinDir, name),
        ]),
      ),
    },
  });
  session = await launchChromium();
  ({ page, errors } = await openPage(session, `${server.origin}/`, { waitFor: 'kokoro' }));
}, 180_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A file of a dependency of a workspace package (their exports maps have no `./package.json`). */
function packageFile(pkg: string, id: string): string {
  const folder = join(here, '../../../packages', pkg.replace('@kokoro-kit/', ''));
  return createRequire(join(folder, 'package.json')).resolve(id);
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

  it('Mandarin (jieba-wasm + pypinyin’s dictionaries over HTTP) gives the same tokens as in Node', async () => {
    const text = '你好，世界。我们去银行。';
    const node = await (await createMandarinG2PFromDir({ dir: pypinyinDir })).phonemize(text, {
      language: 'zh',
    });
    expect(await inBrowser(text, 'zh')).toEqual(node);
  });

  it('logged no error and sent no request off 127.0.0.1', () => {
    expect(errors).toEqual([]);
    expect(session.offHostRequests).toEqual([]);
    expect(server.requests.every((r) => r.status === 200)).toBe(true);
  });
});
