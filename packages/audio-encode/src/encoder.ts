import { InvalidArgumentError } from '@kokoro-kit/core';
import type { EncoderBody } from './pcm';
import { guardStream, type ResolvedOptions } from './stream-state';
import { AUDIO_FORMATS, type AudioEncoder, type AudioFormat, CONTENT_TYPES } from './types';

export function assertFormat(format: string): asserts format is AudioFormat {
  if (!AUDIO_FORMATS.includes(format as AudioFormat)) {
    throw new InvalidArgumentError(
      `Unknown audio format "${format}"; use one of ${AUDIO_FORMATS.join(', ')}.`,
    );
  }
}

/** Wraps a codec body into the public encoder: checks input, enforces one end per stream. */
export function toAudioEncoder(
  format: AudioFormat,
  options: ResolvedOptions,
  body: EncoderBody,
): AudioEncoder {
  const checked: EncoderBody = {
    write: (samples) => {
      if (!(samples instanceof Float32Array)) {
        throw new InvalidArgumentError('write() takes a Float32Array of samples in [-1, 1].');
      }
      if (samples.length % options.channels !== 0) {
        throw new InvalidArgumentError(
          `write() got ${samples.length} samples, not a multiple of ${options.channels} channels.`,
        );
      }
      return body.write(samples);
    },
    end: () => body.end(),
    cancel: () => body.cancel?.(),
  };
  return { format, contentType: CONTENT_TYPES[format], ...guardStream(format, checked) };
}
