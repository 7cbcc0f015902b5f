/**
 * Child process: the floor. Replays the exact model inputs our pipeline ran (`--runs FILE`)
 * through a bare onnxruntime-node session, one after another, timing `session.run` alone.
 * `--ort kokoro-js` uses kokoro-js's onnxruntime-node instead of ours; `--profile DIR` adds
 * onnxruntime's profiler and reports the top operators.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { argv, emit, peakRssMb, type RecordedRun, requiredArg } from './common';
import { kokoroMacs } from './flops';
import { kokoroJsOrt } from './kokoro-js';

const model = requiredArg('model');
const threads = Number(requiredArg('threads'));
const runs: RecordedRun[] = JSON.parse(await readFile(requiredArg('runs'), 'utf8'));
// Only one onnxruntime native library may be loaded per process: import ours only when used.
const ort = argv('ort') === 'kokoro-js' ? kokoroJsOrt() : await import('onnxruntime-node');
const profileDir = argv('profile');
const profilePrefix = profileDir === undefined ? undefined : join(profileDir, `kokoro-${Date.now()}`);

const loadStart = performance.now();
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: threads,
  graphOptimizationLevel: 'all',
  ...(profilePrefix === undefined ? {} : { enableProfiling: true, profileFilePrefix: profilePrefix }),
});
const loadMs = performance.now() - loadStart;

const feeds = (run: RecordedRun) => ({
  input_ids: new ort.Tensor(
    'int64',
    BigInt64Array.from(run.ids, (id) => BigInt(id)),
    [1, run.ids.length],
  ),
  style: new ort.Tensor('float32', Float32Array.from(run.style), [1, 256]),
  speed: new ort.Tensor('float32', Float32Array.of(run.speed), [1]),
});

// Warm-up on the shortest input, as the pipelines warm up on a short sentence.
const shortest = runs.reduce((a, b) => (a.ids.length <= b.ids.length ? a : b));
await session.run(feeds(shortest));

let runMs = 0;
let firstMs = 0;
let samples = 0;
let macs = 0;
for (const [i, run] of runs.entries()) {
  const input = feeds(run);
  const t = performance.now();
  const out = await session.run(input);
  const ms = performance.now() - t;
  if (i === 0) firstMs = ms;
  runMs += ms;
  const length = (out.waveform!.data as Float32Array).length;
  samples += length;
  macs += kokoroMacs(run.ids.length, length / 600);
}

let topOps: { op: string; ms: number; share: number }[] | undefined;
if (profilePrefix !== undefined && profileDir !== undefined) {
  session.endProfiling();
  const name = (await readdir(profileDir)).find((f) => join(profileDir, f).startsWith(profilePrefix));
  if (name !== undefined) topOps = topOperators(JSON.parse(await readFile(join(profileDir, name), 'utf8')));
}
await session.release();

const audioSeconds = samples / 24_000;
emit({
  side: 'raw',
  ort: ort.env.versions.common,
  threads,
  loadMs,
  setupMs: loadMs,
  ttfaMs: firstMs,
  totalMs: runMs,
  audioSeconds,
  rtf: runMs / 1000 / audioSeconds,
  runMs,
  outsideMs: 0,
  chunks: runs.length,
  maxIds: Math.max(...runs.map((r) => r.ids.length)),
  peakRssMb: peakRssMb(),
  gflop: (2 * macs) / 1e9,
  ...(topOps === undefined ? {} : { topOps }),
});

/** Kernel time per operator type from an onnxruntime profile (Chrome trace events). */
function topOperators(events: { cat?: string; dur?: number; args?: { op_name?: string } }[]) {
  const byOp = new Map<string, number>();
  let total = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || e.args?.op_name === undefined || e.dur === undefined) continue;
    byOp.set(e.args.op_name, (byOp.get(e.args.op_name) ?? 0) + e.dur);
    total += e.dur;
  }
  return [...byOp.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([op, us]) => ({ op, ms: us / 1000, share: us / total }));
}
