import {
  type AudioChunk,
  concatFloat32,
  describeVoice,
  type G2P,
  type G2PWarning,
  InvalidArgumentError,
  type KokoroVoiceName,
  type LanguageTag,
  type ModelRuntime,
  type PhonemeToken,
  SAMPLE_RATE,
  type Tokenizer,
  throwIfAborted,
  type VoicePack,
  type VoiceStore,
  type WordTiming,
} from '@kokoro-kit/core';
import { type ChunkPhonemes, chunkPhonemes, planChunks } from './chunking';
import { splitParagraphs } from './segment';
import { wordTimings } from './timings';

/** A problem the pipeline worked around: G2P warnings plus the pipeline's own. */
export interface PipelineWarning extends G2PWarning {}

export interface TTSOptions {
  g2p: G2P;
  tokenizer: Tokenizer;
  voices: VoiceStore;
  runtime: ModelRuntime;
  /** Used when `speak` options name no voice. Default `af_heart`. */
  defaultVoice?: KokoroVoiceName;
  /** Called for every warning of every call (in addition to a per-call `onWarning`). */
  onWarning?: (warning: PipelineWarning) => void;
}

export interface SpeakOptions {
  /** A voice name or blend expression. */
  voice?: KokoroVoiceName;
  /** > 1 is faster. Default 1. Accepted range 0.25–4. */
  speed?: number;
  /** Defaults to the language of the voice's first letter (`a` en-US, `b` en-GB, …). */
  language?: LanguageTag;
  signal?: AbortSignal;
  onWarning?: (warning: PipelineWarning) => void;
}

/** A whole utterance: all chunks' samples joined. */
export interface Utterance {
  samples: Float32Array;
  sampleRate: typeof SAMPLE_RATE;
  text: string;
  /** The chunks as streamed, without their samples (they are in `samples`). */
  chunks: Omit<AudioChunk, 'samples'>[];
  /** Word timings across the utterance, or `undefined` when the model has no durations output. */
  words: WordTiming[] | undefined;
}

export interface TTS {
  /** Audio chunk by chunk, as soon as each is synthesized. */
  stream(text: string, options?: SpeakOptions): AsyncIterable<AudioChunk>;
  /** The whole utterance; identical samples to concatenating `stream` for the same text. */
  synthesize(text: string, options?: SpeakOptions): Promise<Utterance>;
}

const MIN_SPEED = 0.25;
const MAX_SPEED = 4;

/**
 * Composes a text-to-speech pipeline from its parts:
 * text → paragraphs → G2P tokens → chunks of ≤ `tokenizer.maxPhonemes` phonemes (KPipeline's
 * waterfall rule) → ids → style row → model → samples (+ word timings when the model has a
 * durations output).
 */
export function createTTS(options: TTSOptions): TTS {
  const { g2p, tokenizer, voices, runtime } = options;

  async function* stream(text: string, speak: SpeakOptions = {}): AsyncGenerator<AudioChunk> {
    const warn = combineWarnings(options.onWarning, speak.onWarning);
    const speed = checkSpeed(speak.speed ?? 1);
    const voiceName = speak.voice ?? options.defaultVoice ?? 'af_heart';
    const language = speak.language ?? languageOfVoice(voiceName);
    const { signal } = speak;
    throwIfAborted(signal);
    const voice = await voices.get(voiceName, { signal });
    let index = 0;
    let samplesSoFar = 0;
    for (const paragraph of splitParagraphs(text)) {
      throwIfAborted(signal);
      const tokens = await g2p.phonemize(paragraph, { language, signal, onWarning: warn });
      const kept = tokens.map((token) => keepVocabulary(token, tokenizer, warn));
      for (const chunkTokens of planChunks(kept, tokenizer.maxPhonemes)) {
        const planned = chunkPhonemes(chunkTokens);
        if (planned.phonemes === '') {
          reportSilent(chunkTokens, warn);
          continue;
        }
        const start = samplesSoFar / SAMPLE_RATE;
        const chunk = await synthesizeChunk(planned, chunkTokens, voice, speed, start, signal);
        samplesSoFar += chunk.samples.length;
        yield { ...chunk, index: index++ };
      }
    }
  }

  async function synthesizeChunk(
    planned: ChunkPhonemes,
    tokens: PhonemeToken[],
    voice: VoicePack,
    speed: number,
    start: number,
    signal: AbortSignal | undefined,
  ): Promise<Omit<AudioChunk, 'index'>> {
    const { ids } = tokenizer.encode(planned.phonemes);
    const phonemeCount = ids.length - 2;
    const style = voice.styleFor(phonemeCount);
    const output = await runtime.run({ ids, style, speed }, { signal });
    const words = output.durations ? wordTimings(planned.spans, output.durations, start) : undefined;
    return {
      samples: output.waveform,
      sampleRate: SAMPLE_RATE,
      text: joinText(tokens),
      phonemes: planned.phonemes,
      words,
      start,
    };
  }

  async function synthesize(text: string, speak: SpeakOptions = {}): Promise<Utterance> {
    const parts: Float32Array[] = [];
    const chunks: Omit<AudioChunk, 'samples'>[] = [];
    for await (const { samples, ...info } of stream(text, speak)) {
      parts.push(samples);
      chunks.push(info);
    }
    const words = chunks.every((c) => c.words) ? chunks.flatMap((c) => c.words!) : undefined;
    return { samples: concatFloat32(parts), sampleRate: SAMPLE_RATE, text, chunks, words };
  }

  return { stream, synthesize };
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new InvalidArgumentError(
      `Speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1 is normal), got ${speed}.`,
    );
  }
  return speed;
}

/** The language a voice (or the first voice of a blend) was made for. */
function languageOfVoice(expression: string): LanguageTag | undefined {
  const first = /[A-Za-z0-9_.-]+/.exec(expression)?.[0];
  return first === undefined ? undefined : describeVoice(first).language;
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

function reportSilent(tokens: readonly PhonemeToken[], warn: (w: PipelineWarning) => void): void {
  const text = joinText(tokens);
  if (/[\p{L}\p{N}]/u.test(text)) {
    warn({ kind: 'silent-text', text, message: `Nothing to say for ${JSON.stringify(text)}: no phonemes.` });
  }
}

function joinText(tokens: readonly PhonemeToken[]): string {
  return tokens
    .map((t) => t.text + t.whitespace)
    .join('')
    .trim();
}

function combineWarnings(
  ...handlers: (((w: PipelineWarning) => void) | undefined)[]
): (warning: PipelineWarning) => void {
  return (warning) => {
    for (const handler of handlers) handler?.(warning);
  };
}
