import { InvalidArgumentError } from '@kokoro-kit/core';
import { AudioEncodeError } from './errors';
import type { AudioFormat, EncoderOptions } from './types';

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
 * The one "a stream has one end" rule: wraps an encoder's body so that a call after `end()` (or
 * after a failure) throws `ENCODER_CLOSED`, and a failing codec closes the stream.
 */
export function guardStream<T extends unknown[], R>(
  format: AudioFormat,
  fns: { write: (...args: T) => Promise<R>; end: () => Promise<R> },
): { write: (...args: T) => Promise<R>; end: () => Promise<R> } {
  let closed = false;
  const run = async <A extends unknown[]>(what: string, fn: (...a: A) => Promise<R>, args: A) => {
    if (closed) {
      throw new AudioEncodeError(
        'ENCODER_CLOSED',
        `Cannot ${what} the ${format} encoder: the stream has already ended. Create a new encoder for the next request.`,
      );
    }
    try {
      return await fn(...args);
    } catch (error) {
      closed = true;
      throw error;
    }
  };
  return {
    write: (...args: T) => run('write to', fns.write, args),
    end: () => {
      const result = run('end', fns.end, []);
      closed = true;
      return result;
    },
  };
}
