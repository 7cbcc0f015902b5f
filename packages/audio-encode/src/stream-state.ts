import { InvalidArgumentError } from '@kokoro-kit/core';
import { AudioEncodeError } from './errors';
import type { EncoderBody } from './pcm';
import type { AudioEncoder, AudioFormat, EncoderOptions } from './types';

export interface ResolvedOptions {
  sampleRate: number;
  channels: number;
  bitrate: number | undefined;
}

/** Validates options once, for every backend. */
export function resolveOptions(options: EncoderOptions = {}): ResolvedOptions {
  const sampleRate = options.sampleRate ?? 24_000;
  const channels = options.channels ?? 1;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new InvalidArgumentError(`sampleRate must be a positive integer, got ${sampleRate}.`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > 2) {
    throw new InvalidArgumentError(`channels must be 1 or 2, got ${channels}.`);
  }
  const bitrate = options.bitrate;
  if (bitrate !== undefined && (!Number.isFinite(bitrate) || bitrate < 6_000 || bitrate > 512_000)) {
    throw new InvalidArgumentError(`bitrate must be between 6000 and 512000 bits/s, got ${bitrate}.`);
  }
  return { sampleRate, channels, bitrate };
}

/**
 * The one "a stream has one end" rule: after `end()`, `cancel()` or a failure, every call throws
 * `ENCODER_CLOSED`; a failure or a cancel releases the codec (an ffmpeg process, wasm memory).
 */
export function guardStream(
  format: AudioFormat,
  body: EncoderBody,
): Pick<AudioEncoder, 'write' | 'end' | 'cancel'> {
  let closed = false;
  const release = () => {
    closed = true;
    body.cancel?.();
  };
  const run = async (what: string, fn: () => Uint8Array[] | Promise<Uint8Array[]>) => {
    if (closed) {
      throw new AudioEncodeError(
        'ENCODER_CLOSED',
        `Cannot ${what} the ${format} encoder: the stream has already ended. Create a new encoder for the next request.`,
      );
    }
    try {
      return await fn();
    } catch (error) {
      release();
      throw error;
    }
  };
  return {
    write: (samples) => run('write to', () => body.write(samples)),
    end: () => {
      const result = run('end', () => body.end());
      closed = true;
      return result;
    },
    cancel: () => {
      if (!closed) release();
    },
  };
}
