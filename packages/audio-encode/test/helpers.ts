import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Test helpers: a known signal, and Debian's ffmpeg/ffprobe as the independent decoder
 * (`scripts/ensure-ffmpeg.mjs` installs them before the tests run).
 */
export const FFMPEG = process.env.KOKORO_FFMPEG ?? '/usr/bin/ffmpeg';
export const FFPROBE = process.env.KOKORO_FFPROBE ?? '/usr/bin/ffprobe';

/** A speech-like test signal: harmonics under a syllable-rate envelope, plus a little noise. */
export function testSignal(sampleRate: number, seconds: number, channels = 1): Float32Array {
  const frames = Math.round(sampleRate * seconds);
  const out = new Float32Array(frames * channels);
  let seed = 12345;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const noise = (seed / 2 ** 31 - 0.5) * 0.02;
    const voice =
      0.3 * Math.sin(2 * Math.PI * 140 * t) +
      0.15 * Math.sin(2 * Math.PI * 420 * t) +
      0.08 * Math.sin(2 * Math.PI * 1900 * t);
    for (let ch = 0; ch < channels; ch++)
      out[i * channels + ch] = envelope * voice * (ch === 0 ? 1 : 0.5) + noise;
  }
  return out;
}

/** Splits `samples` into consecutive chunks of the given durations (the rest in the last one). */
export function unevenChunks(
  samples: Float32Array,
  sampleRate: number,
  seconds: number[],
  channels = 1,
): Float32Array[] {
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const s of seconds) {
    const size = Math.round(s * sampleRate) * channels;
    chunks.push(samples.subarray(offset, offset + size));
    offset += size;
  }
  chunks.push(samples.subarray(offset));
  return chunks;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface Decoded {
  codec: string;
  sampleRate: number;
  channels: number;
  /** Interleaved s16 samples as the decoder produced them, at its own rate. */
  samples: Int16Array;
}

/** Decodes a whole stream with ffmpeg (fed through stdin, like a client reading the response). */
/** `inputArgs` describe a headerless input (pcm: `-f s16le -ar 24000 -ac 1`). */
export async function decodeWithFfmpeg(bytes: Uint8Array, inputArgs: string[] = []): Promise<Decoded> {
  const info = await probe(bytes, inputArgs);
  const args = ['-hide_banner', '-v', 'error', ...inputArgs, '-i', 'pipe:0', '-f', 's16le', 'pipe:1'];
  const pcm = await run(FFMPEG, args, bytes);
  return { ...info, samples: new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1) };
}

async function probe(bytes: Uint8Array, inputArgs: string[]) {
  const args = [
    '-v',
    'error',
    ...inputArgs,
    '-show_entries',
    'stream=codec_name,sample_rate,channels',
    '-of',
    'json',
    'pipe:0',
  ];
  const json = JSON.parse(new TextDecoder().decode(await run(FFPROBE, args, bytes))) as {
    streams: { codec_name: string; sample_rate: string; channels: number }[];
  };
  const stream = json.streams[0];
  if (!stream) throw new Error('ffprobe found no audio stream');
  return { codec: stream.codec_name, sampleRate: Number(stream.sample_rate), channels: stream.channels };
}

function run(command: string, args: string[], input: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdin.on('error', () => {});
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(new Uint8Array(Buffer.concat(out)))
        : reject(new Error(`${command} exited ${code}: ${err}`)),
    );
    child.stdin.end(input);
  });
}

export const execFileAsync = promisify(execFile);
