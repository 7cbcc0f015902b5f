import {
  type AudioChunk,
  concatFloat32,
  type G2PWarning,
  KokoroError,
  type LanguageTag,
  type ModelRuntime,
  SAMPLE_RATE,
} from '@kokoro-kit/core';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { buildSyntheticModel, syntheticDurations } from '@kokoro-kit/synthetic-model';
import { realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLetterG2P } from './__fixtures__/letter-g2p';
import { chunkPhonemes, codePointLength } from './chunking';
import { createTTS, type TTSEvent, type TTSOptions } from './tts';

/**
 * The streaming core with real onnxruntime (a synthetic model with Kokoro's interface and
 * closed-form durations) and real voices; the G2P is the predictable letter G2P so that
 * segmentation, chunking and timing can be checked exactly (the real English G2P runs in
 * tts.test.ts).
 */
const tokenizer = createTokenizer();
const voices = createDirectoryVoiceStore({ dir: realVoicesDir });
let runtime: ModelRuntime;
/** Runs in flight right now, and runs started in total. */
const counters = { inFlight: 0, started: 0 };

beforeAll(async () => {
  const real = await createNodeRuntime({ model: buildSyntheticModel({ preset: 'tiny', durations: true }) });
  runtime = {
    outputs: real.outputs,
    async run(input, options) {
      counters.inFlight++;
      counters.started++;
      try {
        return await real.run(input, options);
      } finally {
        counters.inFlight--;
      }
    },
    dispose: () => real.dispose(),
  };
});

afterAll(async () => {
  await runtime?.dispose();
});

function tts(
  options: Partial<TTSOptions> & { calls?: { text: string; language: LanguageTag | undefined }[] } = {},
) {
  return createTTS({ g2p: createLetterG2P(options.calls), tokenizer, voices, runtime, ...options });
}

async function collect(iterable: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

/** Fails the test instead of hanging if a stream does not end. */
function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) {
    await new Promise((r) => setImmediate(r));
    yield text.slice(i, i + size);
  }
}

const prose = Array.from(
  { length: 30 },
  (_, i) =>
    `This is sentence number ${i}, which has a clause or two; and then it ends. ` +
    (i % 5 === 0 ? 'Dr. Who said "hello there." ' : '') +
    (i % 7 === 0 ? '\n' : ''),
).join('');

const squash = (text: string) => text.replace(/\s+/g, '');

describe('stream: termination for every input shape', () => {
  const longNoPeriod = Array.from({ length: 1700 }, (_, i) => `w${i % 10}x`).join(' ');
  const shapes: [string, () => string | AsyncIterable<string> | Iterable<string>][] = [
    ['empty string', () => ''],
    ['whitespace', () => ' \n\t \n '],
    ['one word', () => 'hello'],
    ['no punctuation', () => 'hello there my friend how are you'],
    ['10k characters without a period', () => longNoPeriod],
    [
      'URLs followed by newlines',
      () => 'see http://example.com/a.b\nhttps://x.org/y?z=1\n\nmail me at a@b.co\n',
    ],
    ['unclosed quotes', () => 'he said "this never ends. and more "and more'],
    ['an empty async iterable', () => pieces('', 1)],
    ['a token stream', () => pieces(prose, 3)],
    ['an iterable of empty strings', () => ['', '', '']],
    ['only markup', () => '[voice:af_bella][pause:0.1s]'],
    ['garbage', () => '\u0000\u0007😀\u202e\uffff [ < ] >'],
  ];
  for (const [name, input] of shapes) {
    it(`ends: ${name}`, async () => {
      const chunks = await withinSeconds(collect(tts().stream(input(), { voice: 'af_heart' })), 60);
      for (const chunk of chunks) expect(codePointLength(chunk.phonemes)).toBeLessThanOrEqual(510);
      expect(counters.inFlight).toBe(0);
    });
  }
});

describe('stream: chunk planning', () => {
  it('keeps the first chunk to a few words of the first clause, later ones under ~175 and all ≤ 510', async () => {
    const chunks = await collect(tts().stream(prose, { voice: 'af_heart' }));
    const lengths = chunks.map((c) => codePointLength(c.phonemes));
    expect(chunks[0]!.text).toBe('This is sentence');
    expect(lengths[0]).toBeLessThanOrEqual(20);
    for (const length of lengths.slice(1)) expect(length).toBeLessThanOrEqual(175);
    expect(lengths.filter((l) => l > 120).length).toBeGreaterThan(chunks.length / 3);
  });

  it('honours custom sizes', async () => {
    const chunks = await collect(
      tts({ firstChunkMax: 30, targetChunk: 60 }).stream(prose, { voice: 'af_heart' }),
    );
    expect(codePointLength(chunks[0]!.phonemes)).toBeLessThanOrEqual(30);
    for (const c of chunks) expect(codePointLength(c.phonemes)).toBeLessThanOrEqual(60);
  });

  it('loses nothing: every input character is in some chunk text (or was markup)', async () => {
    const text = `${prose} Tail [pause:0.2s] after the pause, [voice:af_bella] with Bella.`;
    const chunks = await collect(tts().stream(text, { voice: 'af_heart' }));
    const spoken = chunks.map((c) => c.text).join(' ');
    expect(squash(spoken)).toBe(squash(text.replace('[pause:0.2s]', '').replace('[voice:af_bella]', '')));
  });

  it('streamed token input loses nothing either', async () => {
    const chunks = await collect(tts().stream(pieces(prose, 5), { voice: 'af_heart' }));
    expect(squash(chunks.map((c) => c.text).join(''))).toBe(squash(prose));
  });
});

describe('stream: audio and timings', () => {
  it('gives identical samples for stream and synthesize', async () => {
    const engine = tts({ lookahead: 2 });
    const streamed = concatFloat32(
      (await collect(engine.stream(prose, { voice: 'af_heart' }))).map((c) => c.samples),
    );
    const whole = await engine.synthesize(prose, { voice: 'af_heart' });
    expect(Buffer.from(streamed.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });

  it('times words monotonically; the last word of each chunk ends EOS + 3 frames before its audio ends', async () => {
    const chunks = await collect(tts().stream(prose, { voice: 'af_heart', sentenceSilence: 0.25 }));
    let samples = 0;
    let previousEnd = 0;
    for (const chunk of chunks) {
      expect(chunk.start).toBe(samples / SAMPLE_RATE);
      samples += chunk.samples.length;
      if (chunk.kind === 'silence') {
        expect(chunk.words).toEqual([]);
        continue;
      }
      for (const word of chunk.words!) {
        expect(word.start).toBeGreaterThanOrEqual(previousEnd - 1e-9);
        expect(word.end).toBeGreaterThanOrEqual(word.start);
        previousEnd = word.end;
      }
      const { ids } = tokenizer.encode(chunk.phonemes);
      const pack = await voices.get('af_heart');
      const d = syntheticDurations(ids, pack.styleFor(ids.length - 2), 1);
      const tail = (d[d.length - 1]! + Math.min(3, d[0]!)) / 40;
      const chunkEnd = chunk.start + chunk.samples.length / SAMPLE_RATE;
      expect(chunk.words!.at(-1)!.end).toBeCloseTo(chunkEnd - tail, 9);
    }
  });

  it('inserts pauses of exactly the requested length, and sentence silence between sentences', async () => {
    const chunks = await collect(
      tts().stream('One. [pause:1.5s] Two. <three>', { voice: 'af_heart', sentenceSilence: 0.3 }),
    );
    expect(
      chunks
        .map((c) => `${c.kind}:${c.samples.length}:${c.text}`)
        .map((s) => s.replace(/^speech:\d+/, 'speech')),
    ).toEqual(['speech:One.', 'silence:36000:', 'speech:Two.', 'silence:7200:', 'speech:<three>']);
    const ssml = await collect(
      tts().stream('<speak>One <break time="250ms"/> two <break strength="x-strong"/></speak>', {
        voice: 'af_heart',
      }),
    );
    expect(ssml.filter((c) => c.kind === 'silence').map((c) => c.samples.length)).toEqual([6000, 36000]);
  });

  it('switches voice and language inline, and applies SSML prosody rate', async () => {
    const calls: { text: string; language: LanguageTag | undefined }[] = [];
    const engine = tts({ calls });
    const chunks = await collect(
      engine.stream('Hello there. [voice:bm_george] Cheerio mate.', { voice: 'af_heart' }),
    );
    expect(chunks.map((c) => c.text)).toEqual(['Hello there.', 'Cheerio mate.']);
    expect(calls.map((c) => c.language)).toEqual(['en-US', 'en-GB']);
    const normal = await engine.synthesize('<speak>slow words here</speak>', { voice: 'af_heart' });
    const slow = await engine.synthesize('<speak><prosody rate="50%">slow words here</prosody></speak>', {
      voice: 'af_heart',
    });
    expect(slow.samples.length / normal.samples.length).toBeGreaterThan(1.6);
  });

  it('uses phonemes from <phoneme> as given', async () => {
    const [chunk] = await collect(
      tts().stream('<speak><phoneme ph="təmˈɑtO">tomato</phoneme></speak>', { voice: 'af_heart' }),
    );
    expect(chunk!.phonemes).toBe('təmˈɑtO');
    expect(chunk!.words!.map((w) => w.text)).toEqual(['tomato']);
  });

  it('reports malformed markup and phonemes outside the vocabulary', async () => {
    const warnings: G2PWarning[] = [];
    await tts().synthesize(
      '<speak><break time="soon"/><phoneme ph="x#y">z</phoneme> ok</speak> [pause:forever]',
      {
        voice: 'af_heart',
        onWarning: (w) => warnings.push(w),
      },
    );
    expect(warnings.map((w) => w.kind)).toEqual(['markup', 'unsupported-phoneme', 'markup']);
  });
});

describe('stream: scheduling, events and cancellation', () => {
  it('delivers the first chunk while a token stream is still arriving', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let ended = false;
    async function* llm() {
      yield 'Hello there, ';
      yield 'this is the first sentence. ';
      await gate;
      yield 'And the rest.';
      ended = true;
    }
    const iterator = tts().stream(llm(), { voice: 'af_heart' })[Symbol.asyncIterator]();
    const first = await withinSeconds(iterator.next(), 30);
    expect(first.value?.text).toBe('Hello there,');
    const second = await withinSeconds(iterator.next(), 30);
    expect(second.value?.text).toBe('this is the first sentence.');
    expect(ended).toBe(false);
    release();
    const rest: string[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value.text);
    expect(rest).toEqual(['And the rest.']);
  });

  it('synthesizes the next chunk while the consumer holds the current one, and no further', async () => {
    const engine = tts({ lookahead: 1 });
    const iterator = engine.stream(prose, { voice: 'af_heart' })[Symbol.asyncIterator]();
    await iterator.next();
    const before = counters.started;
    await new Promise((r) => setTimeout(r, 300));
    expect(counters.started - before).toBeLessThanOrEqual(1);
    expect(counters.inFlight).toBe(0);
    await iterator.return?.(undefined);
  });

  it('emits chunk-start and chunk-end events in order', async () => {
    const events: TTSEvent[] = [];
    const chunks = await collect(
      tts().stream('One, two. Three [pause:0.1s] four.', {
        voice: 'af_heart',
        onEvent: (e) => events.push(e),
      }),
    );
    expect(events.filter((e) => e.type === 'chunk-end').map((e) => e.index)).toEqual(
      chunks.map((c) => c.index),
    );
    expect(events.filter((e) => e.type === 'chunk-start').map((e) => e.index)).toEqual(
      chunks.map((c) => c.index),
    );
    const end = events.find((e) => e.type === 'chunk-end' && e.kind === 'speech');
    expect(end && end.type === 'chunk-end' && end.inferenceMs).toBeGreaterThan(0);
  });

  it('stops on abort mid-stream and leaves no work running', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const chunk of tts({ lookahead: 2 }).stream(prose, {
        voice: 'af_heart',
        signal: controller.signal,
      })) {
        seen.push(chunk.index);
        if (chunk.index === 1) controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
    expect(seen).toEqual([0, 1]);
    expect(counters.inFlight).toBe(0);
    const started = counters.started;
    await new Promise((r) => setTimeout(r, 200));
    expect(counters.started).toBe(started);
  });

  it('returns promptly when the consumer leaves while the input is stalled, and closes the input', async () => {
    let closed = false;
    async function* stalled() {
      try {
        yield 'First sentence here. ';
        await new Promise(() => undefined); // never resolves
      } finally {
        closed = true;
      }
    }
    await withinSeconds(
      (async () => {
        for await (const _ of tts().stream(stalled(), { voice: 'af_heart' })) break;
      })(),
      10,
    );
    expect(counters.inFlight).toBe(0);
    expect(closed).toBe(false); // a generator stuck at an await cannot run its finally…
  });

  it('rejects bad input with typed errors', async () => {
    const engine = tts();
    for (const [input, options, code] of [
      ['Hi.', { voice: 'nobody' }, 'UNKNOWN_VOICE'],
      ['Hi.', { voice: 'af_heart', speed: 9 }, 'INVALID_ARGUMENT'],
      ['Hi.', { voice: 'af_heart', sentenceSilence: -1 }, 'INVALID_ARGUMENT'],
      [42 as unknown as string, { voice: 'af_heart' }, 'INVALID_ARGUMENT'],
      [[1, 2] as unknown as string[], { voice: 'af_heart' }, 'INVALID_ARGUMENT'],
      ['[voice:nobody] Hi.', { voice: 'af_heart' }, 'UNKNOWN_VOICE'],
      [`<speak>${'<prosody rate="slow">'.repeat(101)}Hi.</speak>`, { voice: 'af_heart' }, 'SSML_TOO_DEEP'],
    ] as const) {
      const error = await (async () => collect(engine.stream(input, options)))().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(
        KokoroError.hasCode(error, code),
        `${JSON.stringify(input)} ${JSON.stringify(options)}: ${String(error)}`,
      ).toBe(true);
    }
  });
});

describe('chunk phonemes of the stream', () => {
  it('are what the tokens join to', async () => {
    const chunks = await collect(tts().stream('Hello,   world! (Yes.)', { voice: 'af_heart' }));
    expect(chunks.map((c) => c.phonemes)).toEqual(['hello,', 'world! (yes.)']);
    expect(chunkPhonemes([{ text: 'a', phonemes: 'a', whitespace: ' ' }]).phonemes).toBe('a');
  });
});
