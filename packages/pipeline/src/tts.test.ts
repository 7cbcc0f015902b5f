import { concatFloat32, type G2PWarning, KokoroError, SAMPLES_PER_FRAME } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { buildSyntheticModel, syntheticDurations } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTTS, type TTS } from './tts';

/**
 * The pipeline end to end with real parts: misaki's lexicons, the real voice packs, the
 * tokenizer, and onnxruntime-node running a synthetic model with Kokoro's interface whose
 * durations are known in closed form (`syntheticDurations`).
 */
const tokenizer = createTokenizer();
const voices = createDirectoryVoiceStore({ dir: realVoicesDir });
let tts: TTS;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const [g2p, runtime] = await Promise.all([
    createEnglishG2PFromDir({ dir: misakiLexiconDir, dialects: ['en-US', 'en-GB'] }),
    createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny', durations: true }) }),
  ]);
  tts = createTTS({ g2p, tokenizer, voices, runtime });
  dispose = () => runtime.dispose();
});

afterAll(async () => {
  await dispose?.();
});

const longText = Array.from(
  { length: 40 },
  (_, i) =>
    `Sentence number ${['one', 'two', 'three'][i % 3]} is here, and it keeps going for a while; the end.`,
).join(' ');

describe('createTTS', () => {
  it('synthesizes exactly the frames the model predicts, with the voice row count − 1', async () => {
    const chunks = [];
    for await (const chunk of tts.stream('Hello world.', { voice: 'af_heart' })) chunks.push(chunk);
    expect(chunks).toHaveLength(1);
    const [chunk] = chunks;
    expect(chunk!.phonemes).toBe('həlˈO wˈɜɹld.');
    const { ids } = tokenizer.encode(chunk!.phonemes);
    const pack = await voices.get('af_heart');
    const frames = syntheticDurations(ids, pack.styleFor(ids.length - 2), 1).reduce((a, b) => a + b, 0);
    expect(chunk!.samples.length).toBe(frames * SAMPLES_PER_FRAME);
  });

  it('splits long paragraphs into chunks of at most 510 phonemes and loses no word', async () => {
    const utterance = await tts.synthesize(longText, { voice: 'af_bella' });
    expect(utterance.chunks.length).toBeGreaterThan(1);
    for (const chunk of utterance.chunks) expect([...chunk.phonemes].length).toBeLessThanOrEqual(510);
    const spoken = utterance.chunks.map((c) => c.text).join(' ');
    expect(spoken.replace(/\s+/g, ' ')).toBe(longText);
    expect(utterance.chunks.map((c) => c.phonemes.split('.').length - 1).reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('gives identical samples for stream and synthesize', async () => {
    const parts: Float32Array[] = [];
    for await (const chunk of tts.stream(longText, { voice: 'af_heart' })) parts.push(chunk.samples);
    const whole = await tts.synthesize(longText, { voice: 'af_heart' });
    expect(Buffer.from(concatFloat32(parts).buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });

  it('times words monotonically across chunks, each chunk offset by the audio before it', async () => {
    const chunks = await collect(tts.stream(longText, { voice: 'af_heart' }));
    expect(chunks.length).toBeGreaterThan(1);
    let samplesBefore = 0;
    for (const chunk of chunks) {
      expect(chunk.start).toBe(samplesBefore / 24000);
      const words = chunk.words!;
      expect(words[0]!.start).toBeGreaterThanOrEqual(chunk.start);
      expect(words.at(-1)!.end).toBeLessThanOrEqual(chunk.start + chunk.samples.length / 24000);
      samplesBefore += chunk.samples.length;
    }
    const words = chunks.flatMap((c) => c.words!);
    expect(words.length).toBeGreaterThan(100);
    for (let i = 1; i < words.length; i++)
      expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end - 1e-9);
  });

  it('follows the language of the voice (GB phonemes for a b… voice)', async () => {
    const [chunk] = await collect(tts.stream('Hello world.', { voice: 'bm_george' }));
    expect(chunk!.phonemes).toBe('həlˈQ wˈɜːld.');
  });

  it('blends voices and changes speed', async () => {
    const normal = await tts.synthesize('A short test sentence.', { voice: 'af_heart' });
    const blend = await tts.synthesize('A short test sentence.', { voice: 'af_heart(1)+am_adam(1)' });
    const fast = await tts.synthesize('A short test sentence.', { voice: 'af_heart', speed: 2 });
    expect(Buffer.from(blend.samples.buffer).equals(Buffer.from(normal.samples.buffer))).toBe(false);
    expect(fast.samples.length / normal.samples.length).toBeGreaterThan(0.35);
    expect(fast.samples.length / normal.samples.length).toBeLessThan(0.65);
  });

  it('reports what it cannot say instead of dropping it silently', async () => {
    const warnings: G2PWarning[] = [];
    await tts.synthesize('Hello qwzxv world.', { voice: 'af_heart', onWarning: (w) => warnings.push(w) });
    expect(warnings.some((w) => w.text.includes('qwzxv'))).toBe(true);
  });

  it('returns nothing for empty text and rejects bad options with typed errors', async () => {
    expect((await tts.synthesize('  \n\n ', { voice: 'af_heart' })).samples.length).toBe(0);
    for (const [options, code] of [
      [{ voice: 'nobody' }, 'UNKNOWN_VOICE'],
      [{ voice: '../../etc/passwd' }, 'INVALID_VOICE_NAME'],
      [{ voice: 'af_heart', speed: 0 }, 'INVALID_ARGUMENT'],
      [{ voice: 'af_heart', language: 'xx' }, 'UNSUPPORTED_LANGUAGE'],
    ] as const) {
      const error = await tts.synthesize('Hello.', options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(KokoroError.hasCode(error, code), `${JSON.stringify(options)} → ${String(error)}`).toBe(true);
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const chunk of tts.stream(longText, { voice: 'af_heart', signal: controller.signal })) {
        seen.push(chunk.index);
        controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toEqual([0]);
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
