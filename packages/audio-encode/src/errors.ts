import { KokoroError, type KokoroErrorOptions } from '@kokoro-kit/core';

/**
 * Error codes of the audio encoders.
 * - `ENCODER_CLOSED`: `write` or `end` after `end` (or after a failure): a stream has one end.
 * - `FORMAT_UNAVAILABLE`: no encoder for this format on this backend (aac without ffmpeg).
 * - `FFMPEG_NOT_FOUND`: the ffmpeg backend was asked for and no ffmpeg binary was found.
 * - `ENCODE_FAILED`: the codec or the ffmpeg process failed while encoding.
 */
export type AudioEncodeErrorCode =
  | 'ENCODER_CLOSED'
  | 'FORMAT_UNAVAILABLE'
  | 'FFMPEG_NOT_FOUND'
  | 'ENCODE_FAILED';

/** A failure creating or driving an audio encoder. */
export class AudioEncodeError extends KokoroError {
  declare readonly code: AudioEncodeErrorCode;
  constructor(code: AudioEncodeErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'AudioEncodeError';
  }
}
