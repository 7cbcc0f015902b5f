/**
 * `pnpm bench:web`: kokoro-kit's web preset (`createWebTTS`, pipeline in a Worker) against
 * kokoro-js 1.2.1 (fp32, and q8 as its README's browser example loads it) in the same headless
 * Chromium, on the same full-size Kokoro-82M stand-in, text and wasm thread count. Each run gets a
 * fresh browser and profile; sides alternate round by round. Prints a table and the JSON.
 *
 *   pnpm bench:web [--rounds 1] [--threads 2] [--text long|short] [--only ours|kokoro-js]
 *                  [--no-optimize] [--dir DIR]
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { prepareModelFolder, prepareQuantizedModel } from './assets';
import { argv } from './common';
import { kokoroJsPaths } from './kokoro-js';
import { benchText, type TextName, WARMUP_TEXT } from './text';
import { CHROMIUM, type PageRun, runInChromium } from './web/browser';
import { bundleKokoroJsPage, bundleOursPage } from './web/bundle';
import type { KokoroJsPageConfig, OursPageConfig, SpeechTask, WebSide } from './web/protocol';
import { type SiteServer, serveSite } from './web/serve';
import { kokoroJsSite, oursSite, SITE_PATHS } from './web/site';
import { formatWebTable, summarizeWeb, type WebRun } from './web/summary';

const args = process.argv.slice(2);
const rounds = Number(argv('rounds') ?? 1);
const threads = Number(argv('threads') ?? availableParallelism());
const textName = (argv('text') ?? 'long') as TextName;
const only = argv('only');
const optimize = !args.includes('--no-optimize');
const dir = argv('dir') ?? join(tmpdir(), 'kokoro-kit-bench');
const voice = 'af_heart';

const log = (message: string) => process.stderr.write(`${message}\n`);

const folder = join(dir, 'Kokoro-82M-v1.0-synthetic');
await mkdir(dir, { recursive: true });
log(`Building the full synthetic Kokoro-82M in ${folder} …`);
const prepared = await prepareModelFolder(folder);
log(`  ${(prepared.bytes / 1e6).toFixed(1)} MB in ${(prepared.buildMs / 1000).toFixed(1)} s`);
const sides: WebSide[] = (['ours', 'kokoro-js-fp32', 'kokoro-js-q8'] as const).filter(
  (side) => only === undefined || side.startsWith(only),
);
const quantized = sides.includes('kokoro-js-q8') ? await prepareQuantizedModel(folder) : undefined;
if (quantized !== undefined) {
  log(
    `  q8 (quantize.ts, MatMul and Conv): ${(quantized.bytes / 1e6).toFixed(1)} MB, ` +
      `${quantized.reused ? 'reused' : `made in ${(quantized.ms / 1000).toFixed(1)} s`}`,
  );
}

/** A side that fails is reported and left out; the other sides still run. */
const failures: { side: WebSide; round: number; error: string }[] = [];
const bundles = join(dir, 'web-bundles');
await rm(bundles, { recursive: true, force: true });
const servers: Partial<Record<'ours' | 'kokoro-js', SiteServer>> = {};
if (sides.some((side) => side.startsWith('kokoro-js'))) {
  await bundleKokoroJsPage(join(bundles, 'kokoro-js'));
  servers['kokoro-js'] = await serveSite(
    kokoroJsSite({
      bundleDir: join(bundles, 'kokoro-js'),
      modelFolder: folder,
      modelId: basename(folder),
      ortDistDir: kokoroJsOrtDist(),
    }),
  );
}
if (sides.includes('ours')) {
  // Until @kokoro-kit/runtime-web is merged our side cannot be built; kokoro-js's sides still run.
  servers.ours = await serveOurs().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failures.push({ side: 'ours', round: -1, error: `setup: ${message}` });
    log(`ours: setup failed, left out: ${message.split('\n').slice(0, 3).join(' ')}`);
    sides.splice(sides.indexOf('ours'), 1);
    return undefined;
  });
}

async function serveOurs(): Promise<SiteServer> {
  await bundleOursPage(join(bundles, 'ours'));
  // Imported here, not at the top: kokoro-js's side runs without the web preset's runtime.
  const { webAssetFiles } = await import('@kokoro-kit/web/assets');
  return serveSite(
    oursSite({
      bundleDir: join(bundles, 'ours'),
      modelPath: prepared.modelPath,
      voicesDir: realVoicesDir,
      lexiconDir: misakiLexiconDir,
      assets: await webAssetFiles(),
    }),
  );
}

const task: SpeechTask = { text: benchText(textName), warmupText: WARMUP_TEXT, voice };
const runs: WebRun[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      log(`round ${round + 1}/${rounds}: ${side} …`);
      const run = await runSide(side).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ side, round, error: message });
        log(`  failed, left out: ${message.split('\n').slice(0, 3).join(' ')}`);
        return undefined;
      });
      if (run === undefined) continue;
      log(
        `  load ${run.loadMs.toFixed(0)} ms, ttfa ${run.ttfaMs.toFixed(0)} ms, rtf ${run.rtf.toFixed(3)}, ` +
          `longest task ${run.longestTaskMs.toFixed(0)} ms (timer lag ${run.maxTimerLagMs.toFixed(0)} ms), ` +
          `renderer peak ${run.rendererPeakMb.toFixed(0)} MB, ${run.chunks} chunks, ${run.audioSeconds.toFixed(1)} s audio; ${run.backend}`,
      );
      if (run.refused.length > 0) log(`  refused (not 127.0.0.1): ${run.refused.join(', ')}`);
      if (run.errors.length > 0) log(`  page errors: ${run.errors.join(' | ')}`);
      runs.push({ side, round, ...run });
    }
  }
} finally {
  await Promise.all(Object.values(servers).map((server) => server.close()));
}

function runSide(side: WebSide): Promise<PageRun> {
  if (side === 'ours') {
    const origin = servers.ours!.origin;
    const config: OursPageConfig = {
      modelUrl: `${origin}${SITE_PATHS.model}`,
      voicesUrl: `${origin}${SITE_PATHS.voices}`,
      lexiconUrl: `${origin}${SITE_PATHS.lexicons}`,
      assetsUrl: `${origin}${SITE_PATHS.assets}`,
      workerUrl: `${origin}${SITE_PATHS.worker}`,
      threads,
      optimize,
    };
    return runInChromium({ origin, config, task, voicesDir: realVoicesDir });
  }
  const config: KokoroJsPageConfig = {
    dtype: side === 'kokoro-js-q8' ? 'q8' : 'fp32',
    modelId: basename(folder),
    localModelPath: SITE_PATHS.models,
    wasmPaths: SITE_PATHS.kokoroJsOrt,
    threads,
  };
  return runInChromium({ origin: servers['kokoro-js']!.origin, config, task, voicesDir: realVoicesDir });
}

/** onnxruntime-web's `dist/` as transformers.js (kokoro-js's dependency) resolves it. */
function kokoroJsOrtDist(): string {
  return dirname(createRequire(kokoroJsPaths().transformers).resolve('onnxruntime-web'));
}

const summary = summarizeWeb(runs);
const report = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', logicalCpus: availableParallelism(), node: process.version },
  browser: { executable: CHROMIUM, version: await chromiumVersion() },
  text: { name: textName, characters: task.text.length },
  threads,
  rounds,
  optimize,
  model: { bytes: prepared.bytes, buildMs: prepared.buildMs, q8Bytes: quantized?.bytes },
  runs,
  failures,
  summary,
};
await writeFile(join(dir, 'bench-web-result.json'), `${JSON.stringify(report, null, 2)}\n`);

console.log(
  `\nkokoro-kit web vs kokoro-js 1.2.1 in ${report.browser.version} (headless, wasm) — ${report.machine.cpu}, ` +
    `${report.machine.logicalCpus} CPUs, ${threads} wasm threads each`,
);
console.log(
  `text: ${textName}, ${task.text.length} characters; model: full synthetic Kokoro-82M ` +
    `(${(prepared.bytes / 1e6).toFixed(0)} MB fp32${quantized ? `, q8 ${(quantized.bytes / 1e6).toFixed(0)} MB` : ''}); ` +
    `medians of ${rounds} round(s)\n`,
);
console.log(formatWebTable(summary));
for (const failure of failures)
  console.log(`failed: ${failure.side}, round ${failure.round + 1}: ${failure.error.split('\n')[0]}`);
console.log(`\nJSON (also in ${join(dir, 'bench-web-result.json')}):`);
console.log(JSON.stringify(report));

async function chromiumVersion(): Promise<string> {
  return new Promise((resolve) =>
    execFile(CHROMIUM, ['--version'], (error, stdout) => resolve(error ? 'Chromium' : stdout.trim())),
  );
}
