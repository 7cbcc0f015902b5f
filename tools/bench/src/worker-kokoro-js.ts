/**
 * Child process: kokoro-js 1.2.1 as shipped (its transformers.js and onnxruntime-node), loading
 * the local model folder, streaming the long text sentence by sentence. Prints one RESULT line.
 */
import { basename, dirname } from 'node:path';
import { emitStreamResult, requiredArg } from './common';
import { fileUrl, instrumentOrt, kokoroJsOrt, kokoroJsPaths } from './kokoro-js';
import { LONG_TEXT, WARMUP_TEXT } from './text';

const folder = requiredArg('folder');
const threads = Number(requiredArg('threads'));
const voice = 'af_heart';

const ort = kokoroJsOrt();
const timing = instrumentOrt(ort, threads);
const paths = kokoroJsPaths();
// The same transformers.js module instance kokoro-js imports, to configure its `env`.
const { env } = await import(fileUrl(paths.transformersEsm));
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${dirname(folder)}/`;
const { KokoroTTS, TextSplitterStream } = await import(fileUrl(paths.kokoroJs.replace(/\.cjs$/, '.js')));

const setupStart = performance.now();
const tts = await KokoroTTS.from_pretrained(basename(folder), { dtype: 'fp32', device: 'cpu' });
const loadMs = performance.now() - setupStart;
const setupMs = loadMs;

/** kokoro-js's stream() never ends for a string input (spec §12.6), so feed a closed splitter. */
async function* speak(text: string) {
  const splitter = new TextSplitterStream();
  splitter.push(text);
  splitter.close();
  yield* tts.stream(splitter, { voice });
}

for await (const _ of speak(WARMUP_TEXT)) {
  // warm-up: JIT, phonemizer (eSpeak WASM), voice file
}

const runBefore = timing.runMs();
const runsBefore = timing.runs();
let samples = 0;
let chunks = 0;
let maxIds = 0;
let firstAudio: number | undefined;
const arrivals: { at: number; seconds: number }[] = [];
const start = performance.now();
for await (const { audio, phonemes } of speak(LONG_TEXT)) {
  firstAudio ??= performance.now();
  arrivals.push({ at: performance.now(), seconds: audio.audio.length / 24_000 });
  samples += audio.audio.length;
  chunks += 1;
  maxIds = Math.max(maxIds, Math.min(512, [...phonemes].length + 2));
}
const totalMs = performance.now() - start;
const runMs = timing.runMs() - runBefore;
if (timing.runs() - runsBefore !== chunks)
  throw new Error('kokoro-js ran the model an unexpected number of times.');

emitStreamResult({
  side: 'kokoro-js',
  ort: ort.env.versions.common,
  threads,
  loadMs,
  setupMs,
  start,
  firstAudio,
  totalMs,
  samples,
  runMs,
  chunks,
  maxIds,
  arrivals,
});
