import { InvalidArgumentError } from '@kokoro-kit/core';
import { BUILTIN_FORMATS, createBuiltinBody } from './builtin';
import { assertFormat, toAudioEncoder } from './encoder';
import { AudioEncodeError } from './errors';
import { createFfmpegBody, detectFfmpeg, FFMPEG_FORMATS, ffmpegCanEncode } from './ffmpeg';
import { nodeOpusWasm } from './ogg/opus-wasm-node';
import { resolveOptions } from './stream-state';
import type { AudioEncoder, AudioFormat, EncoderOptions } from './types';

export { detectFfmpeg, type FfmpegInfo, findFfmpeg } from './ffmpeg';
export * from './index';

export type EncoderBackend = 'auto' | 'builtin' | 'ffmpeg';

export interface NodeEncoderOptions extends EncoderOptions {
  /**
   * `builtin`: WebAssembly/TypeScript only. `ffmpeg`: a system ffmpeg process per stream (wav and
   * pcm stay built in: there is nothing to encode). `auto` (default): built in where it exists,
   * ffmpeg otherwise (aac) — built in avoids a process spawn per request.
   */
  backend?: EncoderBackend;
  /** ffmpeg binary; default: the first `ffmpeg` on PATH. */
  ffmpegPath?: string;
}

/** Like the browser-safe `createEncoder`, plus aac and an optional ffmpeg backend. */
export async function createEncoder(
  format: AudioFormat,
  options: NodeEncoderOptions = {},
): Promise<AudioEncoder> {
  assertFormat(format);
  const resolved = resolveOptions(options);
  const backend = options.backend ?? 'auto';
  if (!['auto', 'builtin', 'ffmpeg'].includes(backend)) {
    throw new InvalidArgumentError(`backend must be 'auto', 'builtin' or 'ffmpeg', got "${backend}".`);
  }
  const wantsFfmpeg =
    FFMPEG_FORMATS.includes(format) &&
    (backend === 'ffmpeg' || (backend === 'auto' && !BUILTIN_FORMATS.includes(format)));
  if (!wantsFfmpeg) {
    const body = await createBuiltinBody(format, resolved, { opusWasm: nodeOpusWasm });
    return toAudioEncoder(format, resolved, body);
  }
  const info = await detectFfmpeg(options.ffmpegPath);
  if (!info) {
    throw new AudioEncodeError(
      'FFMPEG_NOT_FOUND',
      `Encoding ${format} ${backend === 'ffmpeg' ? 'with the ffmpeg backend ' : ''}needs ffmpeg, and ` +
        `${options.ffmpegPath ?? 'none was found on PATH'}${options.ffmpegPath ? ' is not an executable' : ''}. ` +
        'Install it (Debian/Ubuntu: apt-get install ffmpeg) or pass ffmpegPath.',
    );
  }
  if (!ffmpegCanEncode(info, format)) {
    throw new AudioEncodeError('FORMAT_UNAVAILABLE', `${info.path} has no encoder for ${format}.`);
  }
  return toAudioEncoder(format, resolved, createFfmpegBody(format, resolved, info));
}
