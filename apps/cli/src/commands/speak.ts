import { open, rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type AudioChunk,
  encodeWav,
  floatToPcm16,
  type LanguageTag,
  SAMPLE_RATE,
  WAV_HEADER_BYTES,
  type WordTiming,
  wavHeader,
} from '@kokoro-kit/core';
import type { NodeTTS } from '@kokoro-kit/node';
import { createCliTTS } from '../assets';
import { type CliIO, inputTextStream, UsageError, write } from '../io';
import { parseLanguage, parseSpeed } from '../options';
import { formatTimestamps, timestampFormat } from '../timestamps';

export const speakHelp = `kokoro speak [TEXT] [--file F] [--voice V] [--lang L] [--speed S] [--model PATH|ID] [--voices DIR]
             [--lexicon DIR] [--offline] [--out FILE|-] [--format wav|pcm] [--stream] [--timestamps FILE.json|.srt|.vtt]
             [--no-optimize]
  Speaks TEXT (or --file, or stdin) to a 24 kHz mono 16-bit WAV (default speech.wav), or to stdout
  with --out -. --format pcm writes raw s16le PCM. --stream writes audio chunk by chunk as it is made.
  --voice takes a name or a blend such as "af_bella(2)+af_sky(1)"; --lang defaults to the voice's.
  --model is an ONNX file or a hub id (org/name[@revision]); without it, and without --voices and
  --lexicon, Kokoro-82M (onnx-community, pinned revision), the voice and the lexicons are fetched
  from the hub into the cache (KOKORO_CACHE_DIR) on first use. --offline (KOKORO_OFFLINE=1): cache only.
  The first use of a model file also rewrites it for this machine (exact, ~11 % faster synthesis) and
  saves the result under the cache's optimized/ folder; --no-optimize (KOKORO_OPTIMIZE=0) loads it as is.`;

export async function speak(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      voice: { type: 'string', default: 'af_heart' },
      lang: { type: 'string' },
      speed: { type: 'string' },
      model: { type: 'string' },
      voices: { type: 'string' },
      lexicon: { type: 'string' },
      out: { type: 'string', default: 'speech.wav' },
      format: { type: 'string' },
      stream: { type: 'boolean', default: false },
      timestamps: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'no-optimize': { type: 'boolean', default: false },
    },
  });
  const voice = values.voice;
  const speed = parseSpeed(values.speed);
  // Without --lang the preset takes the voice's language (af_heart → en-US, zf_xiaoxiao → zh).
  const language = values.lang === undefined ? undefined : parseLanguage(values.lang);
  const format = outputFormat(values.format, values.out);
  const stampFormat = values.timestamps === undefined ? undefined : timestampFormat(values.timestamps);
  if (values.timestamps !== undefined && stampFormat === undefined) {
    throw new UsageError(`--timestamps must name a .json, .srt or .vtt file, got "${values.timestamps}".`);
  }
  // Flags, else KOKORO_MODEL / KOKORO_VOICES_DIR / KOKORO_LEXICON_DIR, else the hub cache.
  const { tts, done } = await createCliTTS(io, {
    ...values,
    optimize: values['no-optimize'] ? false : undefined,
  });
  try {
    const text = await inputTextStream(positionals, values.file, io);
    // The voice first (a bad one fails before anything else loads), then the model and the G2P.
    const model = await tts.load({ voice, language }).finally(done);
    if (model.optimized === 'miss') {
      await write(
        io.stderr,
        'Optimized the model for this machine (once per model file; --no-optimize skips it).\n',
      );
    }
    if (stampFormat !== undefined && !model.durations) {
      throw new UsageError(
        '--timestamps needs a model with a durations output (the -timestamped ONNX export, or synth-model --durations).',
      );
    }
    const words = await render(tts, text, { voice, speed, language }, values.out, format, values.stream, io);
    if (values.timestamps !== undefined && stampFormat !== undefined) {
      await writeFile(values.timestamps, formatTimestamps(words ?? [], stampFormat));
    }
  } finally {
    await tts.dispose();
  }
  return 0;
}

type Speak = { voice: string; speed: number; language: LanguageTag | undefined };

/** Synthesizes and writes the audio; returns the word timings (if the model has durations). */
async function render(
  tts: Pick<NodeTTS, 'stream' | 'synthesize'>,
  text: string | AsyncIterable<string>,
  speak: Speak,
  out: string,
  format: 'wav' | 'pcm',
  stream: boolean,
  io: CliIO,
): Promise<WordTiming[] | undefined> {
  if (stream) return renderStreaming(tts.stream(text, speak), out, format, io);
  const utterance = await tts.synthesize(text, speak);
  const bytes = format === 'wav' ? encodeWav(utterance.samples) : floatToPcm16(utterance.samples);
  if (out === '-') {
    await write(io.stdout, bytes);
  } else {
    // Write beside the target and rename, so a failure never leaves a half-written file.
    const temp = `${out}.${process.pid}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, out);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  describeOutput(io, out, format, utterance.samples.length);
  return utterance.words;
}

/** Writes each chunk as soon as it is synthesized. */
async function renderStreaming(
  chunks: AsyncIterable<AudioChunk>,
  out: string,
  format: 'wav' | 'pcm',
  io: CliIO,
): Promise<WordTiming[] | undefined> {
  if (format === 'pcm' && out === '-') io.stderr.write('kokoro: streaming raw PCM: s16le, 24000 Hz, mono\n');
  const file = out === '-' ? undefined : await open(out, 'w');
  const sink = (bytes: Uint8Array) =>
    file ? file.write(bytes).then(() => undefined) : write(io.stdout, bytes);
  let samples = 0;
  let words: WordTiming[] | undefined = [];
  try {
    if (format === 'wav') await sink(wavHeader());
    for await (const chunk of chunks) {
      await sink(floatToPcm16(chunk.samples));
      samples += chunk.samples.length;
      words = chunk.words && words ? [...words, ...chunk.words] : undefined;
    }
    // A file can be fixed up with the real sizes; stdout keeps the "unknown length" header.
    if (file && format === 'wav') await file.write(wavHeader(samples * 2), 0, WAV_HEADER_BYTES, 0);
  } finally {
    await file?.close();
  }
  describeOutput(io, out, format, samples);
  return words;
}

function describeOutput(io: CliIO, out: string, format: 'wav' | 'pcm', samples: number): void {
  const seconds = (samples / SAMPLE_RATE).toFixed(2);
  const what = format === 'wav' ? 'WAV, 24 kHz mono 16-bit' : 'raw PCM: s16le, 24000 Hz, mono';
  io.stderr.write(
    out === '-'
      ? `kokoro: wrote ${seconds} s of audio to stdout (${what})\n`
      : `Wrote ${out} (${seconds} s, ${what})\n`,
  );
}

function outputFormat(flag: string | undefined, out: string): 'wav' | 'pcm' {
  if (flag === undefined) return /\.(pcm|raw)$/i.test(out) ? 'pcm' : 'wav';
  if (flag === 'wav' || flag === 'pcm') return flag;
  throw new UsageError(`--format must be wav or pcm, got "${flag}".`);
}
