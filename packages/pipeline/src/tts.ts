import {
  type AudioChunk,
  abortable,
  concatFloat32,
  type G2P,
  type G2PWarning,
  InvalidArgumentError,
  type KokoroVoiceName,
  type LanguageTag,
  languageOfVoice,
  type ModelRuntime,
  type PhonemeToken,
  SAMPLE_RATE,
  type Tokenizer,
  throwIfAborted,
  type VoiceStore,
  type WordTiming,
} from '@kokoro-kit/core';
import { chunkPhonemes } from './chunking';
import { ChunkPlanner, type ChunkPlanOptions, type PlannedChunk } from './planner';
import { type Boundary, type SegmentEvent, type SegmenterOptions, StreamSegmenter } from './segmenter';
import { wordTimings } from './timings';

/** A problem the pipeline worked around: G2P warnings plus the pipeline's own. */
export interface PipelineWarning extends G2PWarning {}

/** Progress events, for players and servers that follow along. */
export type TTSEvent =
  | { type: 'chunk-start'; index: number; kind: 'speech' | 'silence'; text: string; phonemes: string }
  | {
      type: 'chunk-end';
      index: number;
      kind: 'speech' | 'silence';
      /** Seconds from the stream start. */
      start: number;
      duration: number;
      /** Milliseconds spent inside the model's `run` (0 for silence). */
      inferenceMs: number;
      words: WordTiming[] | undefined;
    };

export type TextInput = string | AsyncIterable<string> | Iterable<string>;

export interface TTSOptions extends ChunkPlanOptions {
  g2p: G2P;
  tokenizer: Tokenizer;
  voices: VoiceStore;
  runtime: ModelRuntime;
  /** Used when `speak` options name no voice. Default `af_heart`. */
  defaultVoice?: KokoroVoiceName;
  /** Chunks synthesized ahead of the consumer (bounded lookahead). Default 1. */
  lookahead?: number;
  /** Called for every warning of every call (in addition to a per-call `onWarning`). */
  onWarning?: (warning: PipelineWarning) => void;
  /** Called for every progress event of every call. */
  onEvent?: (event: TTSEvent) => void;
}

export interface SpeakOptions {
  /** A voice name or blend expression. */
  voice?: KokoroVoiceName;
  /** > 1 is faster. Default 1. Accepted range 0.25–4. */
  speed?: number;
  /** Defaults to the language of the voice's first letter (`a` en-US, `b` en-GB, …). */
  language?: LanguageTag;
  /** Silence inserted after each sentence (seconds). Default 0. */
  sentenceSilence?: number;
  /** SSML handling: 'auto' (default: when the text starts with `<speak`), 'always', 'never'. */
  ssml?: SegmenterOptions['ssml'];
  signal?: AbortSignal;
  onWarning?: (warning: PipelineWarning) => void;
  onEvent?: (event: TTSEvent) => void;
}

/** A whole utterance: all chunks' samples joined. */
export interface Utterance {
  samples: Float32Array;
  sampleRate: typeof SAMPLE_RATE;
  /** The chunks as streamed, without their samples (they are in `samples`). */
  chunks: Omit<AudioChunk, 'samples'>[];
  /** Word timings across the utterance, or `undefined` when the model has no durations output. */
  words: WordTiming[] | undefined;
}

export interface TTS {
  /** Audio chunk by chunk, as soon as each is synthesized. Ends when the input ends. */
  stream(input: TextInput, options?: SpeakOptions): AsyncIterable<AudioChunk>;
  /** The whole utterance; identical samples to concatenating `stream` for the same input. */
  synthesize(input: TextInput, options?: SpeakOptions): Promise<Utterance>;
}

const MIN_SPEED = 0.25;
const MAX_SPEED = 4;

/** Work for the synthesis stage, in output order. */
type Work = { kind: 'speech'; chunk: PlannedChunk } | { kind: 'silence'; seconds: number };

/** A synthesized chunk before its place in the stream is assigned. */
type Rendered = Omit<AudioChunk, 'index' | 'start' | 'words'> & {
  relativeWords: WordTiming[] | undefined;
  inferenceMs: number;
};

/**
 * Composes a streaming text-to-speech pipeline from its parts:
 * text (or a stream of text pieces) → sentences and clauses (+ markup) → G2P tokens → chunks
 * (a short first one, then ~175 phonemes, never over 510) → ids → style row → model →
 * samples and word timings, with the next chunk synthesized while the consumer handles the
 * current one.
 */
export function createTTS(options: TTSOptions): TTS {
  const { g2p, tokenizer, voices, runtime } = options;
  const lookahead = Math.max(0, Math.floor(options.lookahead ?? 1));

  function stream(input: TextInput, speak: SpeakOptions = {}): AsyncIterable<AudioChunk> {
    checkSpeed(speak.speed ?? 1);
    checkSilence(speak.sentenceSilence ?? 0);
    return { [Symbol.asyncIterator]: () => run(input, speak) };
  }

  async function* run(input: TextInput, speak: SpeakOptions): AsyncGenerator<AudioChunk> {
    // Stops the input and planning side when the consumer leaves early or aborts.
    const stop = new AbortController();
    const context = callContext(speak, stop.signal);
    throwIfAborted(context.signal);
    await voices.get(context.voice, { signal: context.signal }); // fail before any work on a bad voice
    const work = planWork(input, context)[Symbol.asyncIterator]();
    let samplesSoFar = 0;
    let index = 0;
    let previous: Promise<unknown> = Promise.resolve();
    let scheduled = 0;
    const queue: Promise<Rendered | undefined>[] = [];
    const startNext = () => {
      const slot = scheduled++;
      // Planning (segmentation, G2P) of this slot starts now, so it overlaps the model run of
      // the slot before; renders run one after another (one model session).
      const planned = work.next();
      planned.catch(() => undefined);
      const rendered = Promise.all([planned, previous]).then(([next]) =>
        next.done ? undefined : render(next.value, context, slot),
      );
      previous = rendered.catch(() => undefined);
      rendered.catch(() => undefined); // surfaced when awaited; never an unhandled rejection
      queue.push(rendered);
    };
    try {
      startNext();
      for (;;) {
        while (queue.length < lookahead + 1) startNext();
        const rendered = await queue.shift()!;
        if (rendered === undefined) break;
        const start = samplesSoFar / SAMPLE_RATE;
        const words = rendered.relativeWords?.map((w) => ({
          ...w,
          start: w.start + start,
          end: w.end + start,
        }));
        const { relativeWords: _, inferenceMs: __, ...chunk } = rendered;
        samplesSoFar += chunk.samples.length;
        const out: AudioChunk = { ...chunk, index, start, words };
        emit(context, {
          type: 'chunk-end',
          index,
          kind: out.kind ?? 'speech',
          start,
          duration: chunk.samples.length / SAMPLE_RATE,
          inferenceMs: rendered.inferenceMs,
          words,
        });
        index++;
        throwIfAborted(context.signal);
        yield out;
      }
    } finally {
      // Leave no work running: stop reading input, wait for synthesis in flight, close up.
      stop.abort();
      await Promise.allSettled(queue);
      await work.return?.(undefined);
    }
  }

  async function render(item: Work, context: CallContext, index: number): Promise<Rendered> {
    throwIfAborted(context.signal);
    if (item.kind === 'silence') {
      emit(context, { type: 'chunk-start', index, kind: 'silence', text: '', phonemes: '' });
      const samples = new Float32Array(Math.round(item.seconds * SAMPLE_RATE));
      return {
        kind: 'silence',
        samples,
        sampleRate: SAMPLE_RATE,
        text: '',
        phonemes: '',
        relativeWords: runtime.outputs.durations ? [] : undefined,
        inferenceMs: 0,
      };
    }
    const planned = chunkPhonemes(item.chunk.tokens);
    const text = joinText(item.chunk.tokens);
    emit(context, { type: 'chunk-start', index, kind: 'speech', text, phonemes: planned.phonemes });
    const { ids } = tokenizer.encode(planned.phonemes);
    const voice = await voices.get(item.chunk.style.voice ?? context.voice, { signal: context.signal });
    const style = voice.styleFor(ids.length - 2);
    const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, context.speed * item.chunk.style.rate));
    const began = now();
    const output = await runtime.run({ ids, style, speed }, { signal: context.signal });
    const inferenceMs = now() - began;
    return {
      kind: 'speech',
      samples: output.waveform,
      sampleRate: SAMPLE_RATE,
      text,
      phonemes: planned.phonemes,
      relativeWords: output.durations ? wordTimings(planned.spans, output.durations) : undefined,
      inferenceMs,
    };
  }

  /** Segmentation, markup, G2P and chunk planning: the work for the synthesis stage, in order. */
  async function* planWork(input: TextInput, context: CallContext): AsyncGenerator<Work> {
    const segmenter = new StreamSegmenter({ ssml: context.ssml });
    const planner = new ChunkPlanner({ ...options, breakAtSentences: context.sentenceSilence > 0 });
    let lastBoundary: Boundary | undefined;
    let sentenceEnded = false;
    const speech = function* (chunks: PlannedChunk[]): Generator<Work> {
      for (const chunk of chunks) {
        if (chunk.tokens.every((t) => t.phonemes === '')) continue;
        if (sentenceEnded && context.sentenceSilence > 0)
          yield { kind: 'silence', seconds: context.sentenceSilence };
        sentenceEnded = chunk.endsSentence;
        yield { kind: 'speech', chunk };
      }
    };
    const drain = async function* (): AsyncGenerator<Work> {
      for (let event = segmenter.next(); event; event = segmenter.next()) {
        throwIfAborted(context.signal);
        if (event.type === 'text') {
          const tokens = await phonemizePiece(event, context);
          lastBoundary = event.boundary;
          yield* speech(planner.add(tokens, event.boundary, event.style));
        } else if (event.type === 'pause') {
          yield* speech(planner.flush());
          sentenceEnded = false;
          yield { kind: 'silence', seconds: event.seconds };
        } else if (event.warning) {
          context.warn({ kind: 'markup', text: event.markup, message: event.warning });
        }
      }
    };
    for await (const piece of textPieces(input, context.signal)) {
      segmenter.push(piece);
      yield* drain();
      // More text is not here yet: do not hold back a finished sentence waiting for it.
      if (!segmenter.buffered) yield* speech(planner.idle(lastBoundary));
    }
    segmenter.close();
    yield* drain();
    yield* speech(planner.flush());
  }

  /** Phonemes for one piece of text, restricted to the vocabulary, with its trailing whitespace. */
  async function phonemizePiece(
    event: Extract<SegmentEvent, { type: 'text' }>,
    context: CallContext,
  ): Promise<PhonemeToken[]> {
    let tokens: PhonemeToken[];
    if (event.phonemes !== undefined) {
      tokens = [{ text: event.text, phonemes: event.phonemes, whitespace: '' }];
    } else {
      const language = context.language ?? languageOfVoice(event.style.voice ?? context.voice);
      tokens = await g2p.phonemize(event.text, { language, signal: context.signal, onWarning: context.warn });
    }
    tokens = tokens.map((token) => keepVocabulary(token, tokenizer, context.warn));
    const last = tokens.at(-1);
    if (last && event.whitespace !== '' && last.whitespace === '')
      tokens[tokens.length - 1] = { ...last, whitespace: event.whitespace };
    if (tokens.every((t) => t.phonemes === '') && /[\p{L}\p{N}]/u.test(event.text)) {
      context.warn({
        kind: 'silent-text',
        text: event.text,
        message: `Nothing to say for ${JSON.stringify(event.text)}: no phonemes.`,
      });
    }
    return tokens;
  }

  interface CallContext {
    voice: string;
    speed: number;
    language: LanguageTag | undefined;
    sentenceSilence: number;
    ssml: SegmenterOptions['ssml'];
    signal: AbortSignal | undefined;
    warn: (warning: PipelineWarning) => void;
    onEvent: (event: TTSEvent) => void;
  }

  function callContext(speak: SpeakOptions, stop: AbortSignal): CallContext {
    const warnHandlers = [options.onWarning, speak.onWarning];
    const eventHandlers = [options.onEvent, speak.onEvent];
    return {
      voice: speak.voice ?? options.defaultVoice ?? 'af_heart',
      speed: checkSpeed(speak.speed ?? 1),
      language: speak.language,
      sentenceSilence: checkSilence(speak.sentenceSilence ?? 0),
      ssml: speak.ssml,
      signal: speak.signal ? anySignal([speak.signal, stop]) : stop,
      warn: (warning) => {
        for (const handler of warnHandlers) handler?.(warning);
      },
      onEvent: (event) => {
        for (const handler of eventHandlers) handler?.(event);
      },
    };
  }

  function emit(context: CallContext, event: TTSEvent): void {
    context.onEvent(event);
  }

  async function synthesize(input: TextInput, speak: SpeakOptions = {}): Promise<Utterance> {
    const parts: Float32Array[] = [];
    const chunks: Omit<AudioChunk, 'samples'>[] = [];
    for await (const { samples, ...info } of stream(input, speak)) {
      parts.push(samples);
      chunks.push(info);
    }
    const words = chunks.every((c) => c.words) ? chunks.flatMap((c) => c.words!) : undefined;
    return { samples: concatFloat32(parts), sampleRate: SAMPLE_RATE, chunks, words };
  }

  return { stream, synthesize };
}

/** Text pieces from any input shape; a string is one piece. Stops promptly on abort. */
async function* textPieces(input: TextInput, signal: AbortSignal | undefined): AsyncGenerator<string> {
  if (typeof input === 'string') {
    yield input;
    return;
  }
  if (
    input === null ||
    typeof input !== 'object' ||
    !(Symbol.asyncIterator in input || Symbol.iterator in input)
  ) {
    throw new InvalidArgumentError('Text input must be a string or an (async) iterable of strings.');
  }
  const iterator =
    Symbol.asyncIterator in input
      ? input[Symbol.asyncIterator]()
      : (input as Iterable<string>)[Symbol.iterator]();
  let finished = false;
  try {
    for (;;) {
      const result = await abortable(Promise.resolve(iterator.next()), signal);
      if (result.done) {
        finished = true;
        return;
      }
      const piece: unknown = result.value;
      if (typeof piece !== 'string') {
        throw new InvalidArgumentError(
          `Text input pieces must be strings, got ${piece === null ? 'null' : typeof piece}.`,
        );
      }
      yield piece;
    }
  } finally {
    // Tell the source we stopped early (not awaited: a stalled source must not stall us).
    if (!finished) Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** An AbortSignal that aborts when any of `signals` does. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new InvalidArgumentError(
      `Speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1 is normal), got ${speed}.`,
    );
  }
  return speed;
}

function checkSilence(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 10) {
    throw new InvalidArgumentError(`sentenceSilence must be between 0 and 10 seconds, got ${seconds}.`);
  }
  return seconds;
}

/** Removes phonemes the model has no id for, reporting them, so ids and spans stay aligned. */
function keepVocabulary(
  token: PhonemeToken,
  tokenizer: Tokenizer,
  warn: (w: PipelineWarning) => void,
): PhonemeToken {
  let kept = '';
  const dropped: string[] = [];
  for (const char of token.phonemes) {
    if (tokenizer.has(char)) kept += char;
    else dropped.push(char);
  }
  if (dropped.length === 0) return token;
  warn({
    kind: 'unsupported-phoneme',
    text: token.text,
    message: `Dropped ${dropped.map((c) => JSON.stringify(c)).join(', ')} from the phonemes of ${JSON.stringify(token.text)}: not in the model's vocabulary.`,
  });
  return { ...token, phonemes: kept };
}

function joinText(tokens: readonly PhonemeToken[]): string {
  return tokens
    .map((t) => t.text + t.whitespace)
    .join('')
    .trim();
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
