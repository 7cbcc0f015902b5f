/**
 * Streaming benchmark (issue 5): time to first audio and real-time factor for a ~2,000-character
 * text, streamed vs whole; the share of time spent outside the model's `run`; and RSS while
 * streaming a 100,000-character text.
 *
 * Runs on real parts (misaki lexicons from ../shared, kokoro-js voices, onnxruntime-node) with
 * the synthetic `tiny` model: its `run` is far cheaper than Kokoro-82M's, so these figures
 * measure the pipeline around the model, not speech synthesis speed (see tools/bench for that).
 *
 *   pnpm --filter @kokoro-kit/pipeline bench:stream
 */
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { createTTS, type TTSEvent } from '../src/index';

const PARAGRAPH =
  'The old lighthouse stood at the edge of the cliff, its white paint peeling in long strips. ' +
  'Every evening, the keeper climbed the spiral stairs, counting each step as his father had taught him. ' +
  'Ships passed far below; some sounded their horns, and he always waved back, although nobody could see him. ' +
  'When the storm came in October, the light kept turning through the night, and in the morning the harbour was calm again. ';

function textOf(chars: number): string {
  let text = '';
  while (text.length < chars) text += PARAGRAPH;
  return text.slice(0, text.lastIndexOf('.', chars) + 1);
}

const g2p = await createEnglishG2PFromDir({ dir: misakiLexiconDir, dialects: ['en-US'] });
const runtime = await createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny', durations: true }) });
let inferenceMs = 0;
const tts = createTTS({
  g2p,
  tokenizer: createTokenizer(),
  voices: createDirectoryVoiceStore({ dir: realVoicesDir }),
  runtime,
  onEvent: (event: TTSEvent) => {
    if (event.type === 'chunk-end') inferenceMs += event.inferenceMs;
  },
});
const voice = 'af_heart';
await tts.synthesize('Warm up.', { voice });

const text = textOf(2000);
const rows: Record<string, string | number>[] = [];
for (let round = 0; round < 3; round++) {
  inferenceMs = 0;
  let t0 = performance.now();
  let first = -1;
  let samples = 0;
  for await (const chunk of tts.stream(text, { voice })) {
    if (first < 0) first = performance.now() - t0;
    samples += chunk.samples.length;
  }
  const streamed = performance.now() - t0;
  const streamedInference = inferenceMs;
  inferenceMs = 0;
  t0 = performance.now();
  const whole = await tts.synthesize(text, { voice });
  const wholeMs = performance.now() - t0;
  const audio = samples / 24000;
  rows.push({
    round,
    chars: text.length,
    'audio s': audio.toFixed(1),
    'stream TTFA ms': first.toFixed(1),
    'stream total ms': streamed.toFixed(1),
    'stream RTF': (streamed / 1000 / audio).toFixed(4),
    'whole TTFA ms (= total)': wholeMs.toFixed(1),
    'whole RTF': (wholeMs / 1000 / (whole.samples.length / 24000)).toFixed(4),
    'outside run %': ((100 * (streamed - streamedInference)) / streamed).toFixed(1),
  });
}
console.table(rows);

async function rssWhileStreaming(
  chars: number,
): Promise<{ chars: number; start: number; peak: number; end: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  for await (const _ of tts.stream(textOf(chars), { voice })) {
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { chars, start, peak, end: process.memoryUsage().rss };
}
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const memory = [];
for (const chars of [10_000, 100_000]) {
  const r = await rssWhileStreaming(chars);
  memory.push({
    chars: r.chars,
    'RSS start MB': mb(r.start),
    'RSS peak MB': mb(r.peak),
    'peak − start MB': mb(r.peak - r.start),
  });
}
console.table(memory);
await runtime.dispose();
