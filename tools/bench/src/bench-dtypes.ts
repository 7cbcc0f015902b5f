/**
 * `pnpm bench:dtypes`: which dtype to run Kokoro-82M in on this CPU.
 * Builds the full stand-in (fp32) and, from it, quantized stand-ins made like onnxruntime's
 * `quantize_dynamic` (`q8-matmul`: MatMul only; `q8`: MatMul and Conv) and an fp16-weights file
 * (`quantize.ts`); records our pipeline's chunks of the bench text once; then replays the same
 * chunks on each file in its own process (bare `session.run`, worker-raw.ts) and compares one
 * chunk's output with fp32's.
 *
 *   pnpm bench:dtypes [--threads N] [--chunks 6] [--dir DIR]
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { prepareModelFolder } from './assets';
import { argv, type RecordedRun, runChild } from './common';
import { makeVariant, type Variant } from './quantize';

const threads = Number(argv('threads') ?? availableParallelism());
const chunkCount = Number(argv('chunks') ?? 6);
const dir = argv('dir') ?? join(tmpdir(), 'kokoro-kit-bench-dtypes');
const log = (message: string) => process.stderr.write(`${message}\n`);

const child = runChild;

await mkdir(dir, { recursive: true });
log('Building the full synthetic Kokoro-82M (fp32) …');
const prepared = await prepareModelFolder(join(dir, 'Kokoro-82M-v1.0-synthetic'));
const runsFile = join(dir, 'runs.json');
log("Recording our pipeline's chunks of the bench text …");
await child('worker-ours.ts', [
  '--model',
  prepared.modelPath,
  '--threads',
  String(threads),
  '--record',
  runsFile,
]);
const allRuns: RecordedRun[] = JSON.parse(await readFile(runsFile, 'utf8'));
const runs = allRuns.slice(0, chunkCount);
const subsetFile = join(dir, 'runs-subset.json');
await writeFile(subsetFile, JSON.stringify(runs));

const fp32 = new Uint8Array(readFileSync(prepared.modelPath));
const files: { variant: 'fp32' | Variant; path: string; bytes: number; rewritten: Record<string, number> }[] =
  [{ variant: 'fp32', path: prepared.modelPath, bytes: fp32.length, rewritten: {} }];
for (const variant of ['q8-matmul', 'q8', 'fp16-weights'] as const) {
  const started = performance.now();
  const made = makeVariant(fp32, variant);
  const path = join(dir, `model-${variant}.onnx`);
  await writeFile(path, made.bytes);
  log(
    `  ${variant}: ${JSON.stringify(made.rewritten)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  files.push({ variant, path, bytes: made.bytes.length, rewritten: made.rewritten });
}

// One chunk through each file, in this process, against fp32's output.
const probe = runs.reduce((a, b) => (b.ids.length > a.ids.length ? b : a));
async function probeOutput(path: string) {
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: threads });
  try {
    const out = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(probe.ids, BigInt), [1, probe.ids.length]),
      style: new ort.Tensor('float32', Float32Array.from(probe.style), [1, 256]),
      speed: new ort.Tensor('float32', Float32Array.of(probe.speed), [1]),
    });
    return out.waveform!.data as Float32Array;
  } finally {
    await session.release();
  }
}
const reference = await probeOutput(prepared.modelPath);

const rows = [];
for (const file of files) {
  log(`floor on ${file.variant} (${runs.length} chunks) …`);
  const result = await child('worker-raw.ts', [
    '--model',
    file.path,
    '--threads',
    String(threads),
    '--runs',
    subsetFile,
  ]);
  const output = file.variant === 'fp32' ? reference : await probeOutput(file.path);
  rows.push({ ...file, result, quality: compare(reference, output) });
}

const base = rows[0]!.result.rtf;
console.log(
  `\ndtypes on ${cpus()[0]?.model ?? 'this CPU'}, ${threads} threads, onnxruntime-node ${rows[0]!.result.ort}; ` +
    `bare session.run over ${runs.length} chunks of the bench text:\n`,
);
console.log('variant        file (MB)  load (ms)    RTF  vs fp32  peak RSS (MB)  output vs fp32 (one chunk)');
for (const r of rows) {
  console.log(
    `${r.variant.padEnd(14)} ${(r.bytes / 1e6).toFixed(0).padStart(9)} ${r.result.loadMs.toFixed(0).padStart(10)} ` +
      `${r.result.rtf.toFixed(3).padStart(6)} ${(r.result.rtf / base).toFixed(2).padStart(8)} ` +
      `${r.result.peakRssMb.toFixed(0).padStart(14)}  ${r.quality}`,
  );
}
console.log(`\nJSON: ${JSON.stringify(rows.map(({ path: _, ...r }) => r))}`);

/**
 * Same length: the log-spectral distance (dB, 512-sample frames; phase-blind, since the
 * stand-in's harmonic source integrates F0, so any change drifts the phase) and the waveform
 * SNR; otherwise how the length — the predicted durations — changed.
 */
function compare(expected: Float32Array, actual: Float32Array): string {
  if (expected === actual) return 'reference';
  if (expected.length !== actual.length) {
    const frames = (actual.length - expected.length) / 600;
    return `durations changed: ${frames > 0 ? '+' : ''}${frames} frames of ${expected.length / 600}`;
  }
  let signal = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    signal += expected[i]! ** 2;
    error += (expected[i]! - actual[i]!) ** 2;
  }
  if (error === 0) return 'identical';
  const snr = 10 * Math.log10(signal / error);
  return `log-spectral distance ${logSpectralDistance(expected, actual).toFixed(2)} dB, SNR ${snr.toFixed(1)} dB`;
}

function logSpectralDistance(a: Float32Array, b: Float32Array, size = 512): number {
  const bins = size / 2 + 1;
  const cos = new Float64Array(bins * size);
  const sin = new Float64Array(bins * size);
  for (let k = 0; k < bins; k++) {
    for (let n = 0; n < size; n++) {
      cos[k * size + n] = Math.cos((2 * Math.PI * k * n) / size);
      sin[k * size + n] = Math.sin((2 * Math.PI * k * n) / size);
    }
  }
  const power = (x: Float32Array, start: number, k: number) => {
    let re = 0;
    let im = 0;
    for (let n = 0; n < size; n++) {
      re += x[start + n]! * cos[k * size + n]!;
      im -= x[start + n]! * sin[k * size + n]!;
    }
    return re * re + im * im + 1e-12;
  };
  let sum = 0;
  let frames = 0;
  for (let start = 0; start + size <= a.length; start += size) {
    let squared = 0;
    for (let k = 0; k < bins; k++) squared += (10 * Math.log10(power(a, start, k) / power(b, start, k))) ** 2;
    sum += Math.sqrt(squared / bins);
    frames++;
  }
  return sum / frames;
}
