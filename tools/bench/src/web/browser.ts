/**
 * One benchmark run in a fresh headless Chromium (Debian's, driven by playwright-core; never a
 * test tool's own browser download): a new profile folder, so no cache, Cache Storage or compiled
 * wasm carries over between runs. Every request is routed: 127.0.0.1 passes, kokoro-js's voice
 * requests to Hugging Face are answered from local files, anything else is refused and recorded.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS } from '@kokoro-kit/browser-tests/harness';
import { chromium } from 'playwright-core';
import { type BrowserMemory, browserMemory } from './memory';
import { BENCH_PAGE_GLOBAL, type BenchPage, type PageMeasurement, type SpeechTask } from './protocol';
import { localVoiceFile } from './site';

export const CHROMIUM = process.env.KOKORO_CHROMIUM ?? '/usr/bin/chromium';

/** The flags every browser run here uses: the browser tests' own (one list, one place). */
export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS];

export interface PageRun extends PageMeasurement, BrowserMemory {
  /** Requests refused because they were not for 127.0.0.1. */
  refused: string[];
  /** Requests to Hugging Face answered from local voice files. */
  voicesFulfilled: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export async function runInChromium<Config>(options: {
  origin: string;
  config: Config;
  task: SpeechTask;
  voicesDir: string;
}): Promise<PageRun> {
  const profile = await mkdtemp(join(tmpdir(), 'kokoro-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const refused: string[] = [];
  const voicesFulfilled: string[] = [];
  const errors: string[] = [];
  try {
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).hostname === '127.0.0.1') return route.continue();
      const voice = localVoiceFile(url, options.voicesDir);
      if (voice === undefined) {
        refused.push(url);
        return route.abort('blockedbyclient');
      }
      voicesFulfilled.push(url);
      // A CORS answer the isolated page may read (COEP require-corp).
      return route.fulfill({
        status: 200,
        body: await readFile(voice),
        headers: {
          'content-type': 'application/octet-stream',
          'access-control-allow-origin': '*',
          'cross-origin-resource-policy': 'cross-origin',
        },
      });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${options.origin}/`);
    await page.waitForFunction((name) => name in globalThis, BENCH_PAGE_GLOBAL, { timeout: 60_000 });
    const measured = await page.evaluate(
      ({ name, config, task }) =>
        (globalThis as unknown as Record<string, BenchPage<unknown>>)[name]!.run(config, task),
      { name: BENCH_PAGE_GLOBAL, config: options.config as unknown, task: options.task },
    );
    // Read while the browser still runs: the renderer's peak covers the whole run.
    return { ...measured, ...browserMemory(), refused, voicesFulfilled, errors };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
