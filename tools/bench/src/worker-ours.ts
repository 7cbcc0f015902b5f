/**
 * Child process: kokoro-kit's real pipeline (misaki G2P, tokenizer, voice store, pipeline,
 * runtime-node) streaming the long text. Prints one RESULT line; with `--record FILE` also
 * writes the model inputs it ran, for the raw-floor process.
 *
 * The parts and options are those `createNodeTTS()` (@kokoro-kit/node, which the CLI runs on)
 * wires — the same G2P, tokenizer, voice store, pipeline defaults, runtime transform and cache —
 * put together by hand here so the runtime can be wrapped to record its inputs. The preset's
 * English G2P also has espeak for out-of-lexicon words; the benchmark texts have none.
 */
import { writeFile } from 'node:fs/promises';
import type { ModelRuntime } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { modelTransform } from '@kokoro-kit/model-optimizer';
import { createTTS } from '@kokoro-kit/pipeline';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { argv, emitStreamResult, type RecordedRun, requiredArg } from './common';
import { LONG_TEXT, WARMUP_TEXT } from './text';

const { env } = await import('onnxruntime-node');
const ortVersion = env.versions.common;

const model = requiredArg('model');
const threads = Number(requiredArg('threads'));
const record = argv('record');
const firstChunkMax = argv('first-chunk') === undefined ? undefined : Number(argv('first-chunk'));
const targetChunk = argv('target-chunk') === undefined ? undefined : Number(argv('target-chunk'));
const voice = argv('voice') ?? 'af_heart';
/**
 * `--optimized-cache DIR`: load as the CLI does — the model rewritten by @kokoro-kit/model-optimizer
 * and optimized by onnxruntime once, cached as `.ort` in DIR, loaded in place. Without it: the
 * `.onnx` as is.
 */
const optimizedCacheDir = argv('optimized-cache');

const setupStart = performance.now();
const runtime = await createNodeRuntime({
  model,
  sessionOptions: { intraOpNumThreads: threads },
  ...(optimizedCacheDir === undefined ? {} : { optimizedCacheDir, transform: modelTransform() }),
});
const loadMs = performance.now() - setupStart;
const g2p = await createEnglishG2PFromDir({ dir: misakiLexiconDir, dialects: ['en-US'] });

// Records every model input (only while measuring) and the largest chunk.
const recorded: RecordedRun[] = [];
let recording = false;
let maxIds = 0;
const recordingRuntime: ModelRuntime = {
  outputs: runtime.outputs,
  dispose: () => runtime.dispose(),
  async run(input, options) {
    const output = await runtime.run(input, options);
    if (recording) {
      maxIds = Math.max(maxIds, input.ids.length);
      if (record !== undefined) {
        recorded.push({
          ids: Array.from(input.ids),
          style: Array.from(input.style),
          speed: input.speed,
          samples: output.waveform.length,
        });
      }
    }
    return output;
  },
};

const tts = createTTS({
  g2p,
  tokenizer: createTokenizer(),
  voices: createDirectoryVoiceStore({ dir: realVoicesDir }),
  runtime: recordingRuntime,
  ...(firstChunkMax === undefined ? {} : { firstChunkMax }),
  ...(targetChunk === undefined ? {} : { targetChunk }),
});
const setupMs = performance.now() - setupStart;

for await (const _ of tts.stream(WARMUP_TEXT, { voice })) {
  // warm-up: JIT, allocator, voice file cache
}

recording = true;
let runMs = 0;
let samples = 0;
let chunks = 0;
let firstAudio: number | undefined;
const arrivals: { at: number; seconds: number }[] = [];
const start = performance.now();
for await (const chunk of tts.stream(LONG_TEXT, {
  voice,
  onEvent: (event) => {
    if (event.type === 'chunk-end') runMs += event.inferenceMs;
  },
})) {
  firstAudio ??= performance.now();
  arrivals.push({ at: performance.now(), seconds: chunk.samples.length / 24_000 });
  samples += chunk.samples.length;
  chunks += 1;
}
const totalMs = performance.now() - start;
recording = false;
if (record !== undefined) await writeFile(record, JSON.stringify(recorded));
await runtime.dispose();

emitStreamResult({
  side: 'ours',
  ort: ortVersion,
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
