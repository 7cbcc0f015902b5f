/**
 * `pnpm bench`: kokoro-kit against kokoro-js 1.2.1 on the same full-size Kokoro-82M stand-in,
 * the same text and the same thread count, each side in its own child process (clean load time
 * and peak RSS), alternating sides round by round; then the raw `session.run` floor on the
 * exact inputs our pipeline ran. Prints a table and the JSON.
 *
 *   pnpm bench [--rounds 1] [--threads N] [--profile] [--dir DIR] [--only ours|kokoro-js]
 *              [--no-plain] [--floor-both] [--first-chunk N] [--target-chunk N]
 *
 * Our side runs twice per round: as published — as the CLI runs it: the model rewritten by
 * @kokoro-kit/model-optimizer and optimized by onnxruntime once (timed separately), then loaded
 * from runtime-node's `.ort` cache in place — and plain: the `.onnx` as is. Both use the
 * packages' default chunking unless `--first-chunk`/`--target-chunk` say otherwise.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelTransform, optimizeModel } from '@kokoro-kit/model-optimizer';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { prepareModelFolder } from './assets';
import { argv, runChild, type SideResult } from './common';
import { formatTable, summarize } from './report';
import { LONG_TEXT } from './text';

const args = process.argv.slice(2);
const rounds = Number(argv('rounds') ?? 1);
const threads = Number(argv('threads') ?? availableParallelism());
const profile = args.includes('--profile');
const only = argv('only');
/** Also run our side on the `.onnx` as is (no rewrite, no cache). */
const withPlain = !args.includes('--no-plain');
/** Also replay our inputs on kokoro-js's onnxruntime-node, to separate runtime from pipeline. */
const floorBoth = args.includes('--floor-both');
const dir = argv('dir') ?? join(tmpdir(), 'kokoro-kit-bench');
const passThrough = ['first-chunk', 'target-chunk'].flatMap((name) => {
  const value = argv(name);
  return value === undefined ? [] : [`--${name}`, value];
});

const log = (message: string) => process.stderr.write(`${message}\n`);

const child = runChild;

const folder = join(dir, 'Kokoro-82M-v1.0-synthetic');
const runsFile = join(dir, 'our-runs.json');
await mkdir(dir, { recursive: true });
log(`Building the full synthetic Kokoro-82M in ${folder} …`);
const prepared = await prepareModelFolder(folder);
log(`  ${(prepared.bytes / 1e6).toFixed(1)} MB in ${(prepared.buildMs / 1000).toFixed(1)} s`);
// What the CLI does on a model's first use, timed: the rewrite (model-optimizer) and its cached
// `.onnx`. The measured runs then hit that cache, as every later CLI run does; the rewritten
// graph's floor reads the same file.
const optimizedDir = join(dir, 'optimized');
let conversionMs: number | undefined;
let rewrite: { convolutions: number; squares: number; extraBytes: number; ms: number } | undefined;
let rewrittenPath: string | undefined;
if (only !== 'kokoro-js') {
  await rm(optimizedDir, { recursive: true, force: true });
  const started = performance.now();
  // The CLI's transform (same id, so the workers hit this cache entry), reporting what it did.
  const cliTransform = modelTransform();
  const transform = {
    id: cliTransform.id,
    apply(bytes: Uint8Array) {
      const rewriteStart = performance.now();
      const result = optimizeModel(bytes);
      rewrite = {
        convolutions: result.rewrites.length,
        squares: result.squares.length,
        extraBytes: result.extraBytes,
        ms: performance.now() - rewriteStart,
      };
      return result.bytes;
    },
  };
  const warm = await createNodeRuntime({
    model: prepared.modelPath,
    optimizedCacheDir: optimizedDir,
    transform,
    sessionOptions: { intraOpNumThreads: threads },
  });
  await warm.dispose();
  conversionMs = performance.now() - started;
  const cached = (await readdir(optimizedDir)).find((f) => f.endsWith('.onnx'));
  if (rewrite === undefined || cached === undefined) throw new Error('The model rewrite was not cached.');
  rewrittenPath = join(optimizedDir, cached);
  log(
    `  rewritten by model-optimizer and cached (once per model file and machine) in ${(conversionMs / 1000).toFixed(1)} s: ` +
      `${rewrite.convolutions} convolutions and ${rewrite.squares} squares, +${(rewrite.extraBytes / 1e6).toFixed(0)} MB of weights`,
  );
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  logicalCpus: availableParallelism(),
  mhz: Number(/cpu MHz\s*:\s*([\d.]+)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? cpus()[0]?.speed ?? 0),
  node: process.version,
};

const ours: SideResult[] = [];
const oursPlain: SideResult[] = [];
const kokoroJs: SideResult[] = [];
type Side = 'ours' | 'ours-plain' | 'kokoro-js';
const sides: Side[] = ['ours', ...(withPlain ? (['ours-plain'] as const) : []), 'kokoro-js'];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    if (only !== undefined && !side.startsWith(only)) continue;
    log(`round ${round + 1}/${rounds}: ${side} …`);
    const oursArgs = ['--model', prepared.modelPath, '--threads', String(threads), ...passThrough];
    const result =
      side === 'ours'
        ? await child('worker-ours.ts', [
            ...oursArgs,
            '--optimized-cache',
            optimizedDir,
            '--record',
            runsFile,
          ])
        : side === 'ours-plain'
          ? await child('worker-ours.ts', oursArgs)
          : await child('worker-kokoro-js.ts', ['--folder', folder, '--threads', String(threads)]);
    log(
      `  ttfa ${result.ttfaMs.toFixed(0)} ms, rtf ${result.rtf.toFixed(3)}, load ${result.loadMs.toFixed(0)} ms, ` +
        `rss ${result.peakRssMb.toFixed(0)} MB, ${result.chunks} chunks, ${result.audioSeconds.toFixed(1)} s audio`,
    );
    (side === 'ours' ? ours : side === 'ours-plain' ? oursPlain : kokoroJs).push(result);
  }
}

let raw: SideResult | undefined;
let rawRewritten: SideResult | undefined;
if (only !== 'kokoro-js') {
  const floor = (model: string) =>
    child('worker-raw.ts', [
      '--model',
      model,
      '--threads',
      String(threads),
      '--runs',
      runsFile,
      ...(profile ? ['--profile', dir] : []),
    ]);
  log(
    `raw session.run floor on our ${ours.at(-1)?.chunks} chunks${profile ? ' (profiling)' : ''}: the original graph …`,
  );
  raw = await floor(prepared.modelPath);
  if (rewrittenPath !== undefined) {
    log('  … and the rewritten graph');
    rawRewritten = await floor(rewrittenPath);
  }
}

let rawKokoroJsOrt: SideResult | undefined;
if (floorBoth && raw !== undefined) {
  log("raw session.run floor on kokoro-js's onnxruntime-node …");
  rawKokoroJsOrt = await child('worker-raw.ts', [
    '--model',
    prepared.modelPath,
    '--threads',
    String(threads),
    '--runs',
    runsFile,
    '--ort',
    'kokoro-js',
  ]).catch((error: unknown) => {
    log(`  failed, left out: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  });
}

const peakGflops = (machine.logicalCpus * machine.mhz * 32) / 1000; // 2 × 256-bit FMA per cycle per core
const report = {
  date: new Date().toISOString(),
  machine: { ...machine, assumedPeakGflops: peakGflops },
  text: { characters: LONG_TEXT.length },
  threads,
  rounds,
  model: { bytes: prepared.bytes, buildMs: prepared.buildMs, firstUseMs: conversionMs, rewrite },
  ours,
  oursPlain,
  kokoroJs,
  raw,
  rawRewritten,
  rawKokoroJsOrt,
  summary: ours.length > 0 && kokoroJs.length > 0 ? summarize(ours, kokoroJs) : undefined,
  summaryPlain: oursPlain.length > 0 && kokoroJs.length > 0 ? summarize(oursPlain, kokoroJs) : undefined,
};
await writeFile(join(dir, 'bench-result.json'), `${JSON.stringify(report, null, 2)}\n`);

console.log(
  `\nkokoro-kit vs kokoro-js 1.2.1 — ${machine.cpu}, ${machine.logicalCpus} CPUs, ${threads} threads each`,
);
console.log(
  `text: ${LONG_TEXT.length} characters; model: full synthetic Kokoro-82M (${(prepared.bytes / 1e6).toFixed(0)} MB fp32)\n`,
);
if (report.summary !== undefined) {
  console.log(
    'kokoro-kit as published (as the CLI runs it: the model rewritten by model-optimizer once, ' +
      `${((conversionMs ?? 0) / 1000).toFixed(1)} s on first use, and loaded from the cache):\n`,
  );
  console.log(formatTable(report.summary));
}
if (report.summaryPlain !== undefined) {
  console.log('\nkokoro-kit on the .onnx as is (no rewrite, no cache):\n');
  console.log(formatTable(report.summaryPlain));
}
if (raw !== undefined) {
  const ourRtf = ours.at(-1)?.rtf ?? Number.NaN;
  console.log(
    `\nfloor: bare session.run on our ${raw.chunks} chunks: RTF ${raw.rtf.toFixed(3)} on the original graph, ` +
      `${rawRewritten?.rtf.toFixed(3)} on the rewritten one (our pipeline ${ourRtf.toFixed(3)}); onnxruntime-node ${raw.ort}`,
  );
  if (rawKokoroJsOrt !== undefined) {
    console.log(
      `       the same on kokoro-js's onnxruntime-node ${rawKokoroJsOrt.ort}: RTF ${rawKokoroJsOrt.rtf.toFixed(3)}`,
    );
  }
  if (raw.gflop !== undefined) {
    const perAudioSecond = raw.gflop / raw.audioSeconds;
    const achieved = raw.gflop / (raw.runMs / 1000);
    console.log(
      `arithmetic: ${perAudioSecond.toFixed(1)} GFLOP per second of audio; achieved ${achieved.toFixed(0)} GFLOP/s ` +
        `of an assumed peak ${peakGflops.toFixed(0)} GFLOP/s (${((100 * achieved) / peakGflops).toFixed(0)} %)`,
    );
  }
  for (const [name, floorRun] of [
    ['original', raw],
    ['rewritten', rawRewritten],
  ] as const) {
    if (floorRun?.topOps === undefined) continue;
    console.log(`\ntop operators, ${name} graph (onnxruntime profile, kernel time):`);
    for (const op of floorRun.topOps)
      console.log(`  ${op.op.padEnd(24)} ${(100 * op.share).toFixed(1).padStart(5)} %`);
  }
}
console.log(`\nJSON (also in ${join(dir, 'bench-result.json')}):`);
console.log(JSON.stringify(report));

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
