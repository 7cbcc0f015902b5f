/**
 * wasm in Chromium on the full-size synthetic model (Kokoro-82M's architecture and sizes):
 * 1 vs 2 threads (cross-origin isolated page), as it is and with @kokoro-kit/model-optimizer's
 * rewrite. Each configuration in a fresh page (onnxruntime-web fixes its threads per page).
 *
 *   node --conditions=@kokoro-kit/source --import tsx scripts/measure-browser.ts
 */
import { readFile } from 'node:fs/promises';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { ORT_WASM_FILES } from '../src/index';
import { ortWasmAssetPaths } from '../src/node';
import type { PageResult, PageRun } from '../test/__fixtures__/page';
import { bundleForBrowser, launchChromium, serveStatic } from '../test/browser-harness';

const assets = ortWasmAssetPaths();
const server = await serveStatic({
  files: {
    '/': '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
    '/page.js': await bundleForBrowser(new URL('../test/__fixtures__/page.ts', import.meta.url).pathname),
    '/model.onnx': buildSyntheticModel({ preset: 'full' }),
    [`/ort/${ORT_WASM_FILES.mjs}`]: () => readFile(assets.mjs),
    [`/ort/${ORT_WASM_FILES.wasm}`]: () => readFile(assets.wasm),
  },
  headers: { crossOriginIsolated: true },
});
const chromium = await launchChromium();
const ids = Array.from({ length: 60 }, (_, i) => (i === 0 || i === 59 ? 0 : 16 + ((i * 37) % 140)));
const input = { ids, style: Array.from({ length: 256 }, (_, i) => Math.sin(i * 0.37 + 1) * 0.2), speed: 1 };
const configs: Omit<PageRun, 'input'>[] = [
  { threads: 1 },
  { threads: 2 },
  { threads: 1, transform: 'optimizer' },
  { threads: 2, transform: 'optimizer' },
];
for (const config of configs) {
  const page = await chromium.context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => 'runtimeWeb' in globalThis);
  const result = await page.evaluate(
    (o) =>
      (globalThis as unknown as { runtimeWeb: { run(o: PageRun): Promise<PageResult> } }).runtimeWeb.run(o),
    { ...config, input, backend: 'wasm' as const, noCache: true, runs: 3 },
  );
  const audio = result.waveform.length / 24_000;
  console.log(
    `threads ${result.backend.threads}, transform ${result.backend.transform ?? 'none'}: load ${(result.loadMs / 1000).toFixed(1)} s, ` +
      `fastest of 3 runs ${(result.runMs / 1000).toFixed(2)} s for ${audio.toFixed(2)} s of audio (RTF ${(result.runMs / 1000 / audio).toFixed(2)})`,
  );
  await page.close();
}
console.log(`blocked: ${chromium.blocked.length}, console errors: ${chromium.errors.length}`);
await chromium.close();
await server.close();
