import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { AudioEncodeError } from './errors';
import { type EncoderBody, floatToInt16Array } from './pcm';
import type { ResolvedOptions } from './stream-state';
import { type AudioFormat, DEFAULT_BITRATES } from './types';

/** How ffmpeg writes each format: container, codec, and the ffmpeg encoder it needs. */
const FFMPEG_OUTPUT: Partial<Record<AudioFormat, { muxer: string; codec: string; lossy: boolean }>> = {
  mp3: { muxer: 'mp3', codec: 'libmp3lame', lossy: true },
  opus: { muxer: 'ogg', codec: 'libopus', lossy: true },
  aac: { muxer: 'adts', codec: 'aac', lossy: true },
  flac: { muxer: 'flac', codec: 'flac', lossy: false },
};

export const FFMPEG_FORMATS = Object.keys(FFMPEG_OUTPUT) as AudioFormat[];

export interface FfmpegInfo {
  path: string;
  /** Encoder names this binary has (`ffmpeg -encoders`). */
  encoders: ReadonlySet<string>;
}

/** First executable `ffmpeg` on `PATH` (or the given path), or undefined. */
export function findFfmpeg(path?: string, envPath = process.env.PATH ?? ''): string | undefined {
  const candidates = path
    ? [path]
    : envPath
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, 'ffmpeg'));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const probes = new Map<string, Promise<FfmpegInfo | undefined>>();

/** Finds ffmpeg and lists its encoders; cached per path, so a server probes once. */
export function detectFfmpeg(path?: string): Promise<FfmpegInfo | undefined> {
  const found = findFfmpeg(path);
  if (!found) return Promise.resolve(undefined);
  let probe = probes.get(found);
  if (!probe) {
    probe = promisify(execFile)(found, ['-hide_banner', '-encoders'], { maxBuffer: 4 * 1024 * 1024 }).then(
      ({ stdout }) => ({ path: found, encoders: parseEncoders(stdout) }),
      () => undefined,
    );
    probes.set(found, probe);
  }
  return probe;
}

function parseEncoders(listing: string): Set<string> {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /^\s*[VAS.][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}

/** True if this ffmpeg can write `format`. */
export function ffmpegCanEncode(info: FfmpegInfo, format: AudioFormat): boolean {
  const output = FFMPEG_OUTPUT[format];
  return output !== undefined && info.encoders.has(output.codec);
}

/**
 * One ffmpeg process per stream: s16le on stdin, the encoded stream on stdout. `write` returns
 * whatever stdout produced so far; `end` closes stdin and waits for the process.
 */
export function createFfmpegBody(
  format: AudioFormat,
  options: ResolvedOptions,
  info: FfmpegInfo,
): EncoderBody {
  const output = FFMPEG_OUTPUT[format];
  if (!output || !ffmpegCanEncode(info, format)) {
    throw new AudioEncodeError(
      'FORMAT_UNAVAILABLE',
      `${info.path} cannot encode ${format} (it lacks the ${output?.codec ?? format} encoder).`,
    );
  }
  const bitrate = options.bitrate ?? DEFAULT_BITRATES[format as keyof typeof DEFAULT_BITRATES];
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    ...['-f', 's16le', '-ar', String(options.sampleRate), '-ac', String(options.channels), '-i', 'pipe:0'],
    ...['-c:a', output.codec, ...(output.lossy ? ['-b:a', String(bitrate)] : [])],
    ...['-flush_packets', '1', '-f', output.muxer, 'pipe:1'],
  ];
  const child = spawn(info.path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return new FfmpegProcess(child, format, options.channels).body();
}

class FfmpegProcess {
  private chunks: Uint8Array[] = [];
  private stderr = '';
  private wroteSamples = false;
  private readonly exited: Promise<number | null>;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly format: AudioFormat,
    private readonly channels: number,
  ) {
    child.stdout.on('data', (chunk: Buffer) => this.chunks.push(new Uint8Array(chunk)));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    // A write to a dead process fails with EPIPE; `end` reports the process's own error instead.
    child.stdin.on('error', () => {});
    this.exited = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
  }

  body(): EncoderBody {
    return {
      write: async (samples) => {
        const pcm = floatToInt16Array(samples);
        if (pcm.length > 0) {
          this.wroteSamples = true;
          await this.send(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
        }
        return this.take();
      },
      end: async () => {
        // With no input at all, ffmpeg's mp3, ogg and adts muxers write nothing decodable; one
        // silent sample frame makes it a valid stream of (at most) one codec frame of silence.
        if (!this.wroteSamples) await this.send(new Uint8Array(2 * this.channels));
        this.child.stdin.end();
        const code = await this.exited.catch((error: unknown) => {
          throw new AudioEncodeError('ENCODE_FAILED', `ffmpeg could not run: ${String(error)}`, {
            cause: error,
          });
        });
        if (code !== 0) {
          throw new AudioEncodeError(
            'ENCODE_FAILED',
            `ffmpeg exited with code ${code} while encoding ${this.format}: ${this.stderr.trim() || '(no message)'}`,
          );
        }
        return this.take();
      },
      cancel: () => {
        this.child.stdin.destroy();
        this.child.kill('SIGKILL');
      },
    };
  }

  private send(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.child.stdin.write(bytes, (error) =>
        error
          ? reject(
              new AudioEncodeError('ENCODE_FAILED', `ffmpeg stopped reading input: ${error.message}`, {
                cause: error,
              }),
            )
          : resolve(),
      );
    });
  }

  private take(): Uint8Array[] {
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}
