import { AudioEncodeError } from './errors';
import { createFlacBody } from './flac';
import { createMp3Body } from './mp3';
import { createOpusBody } from './ogg/opus';
import { createPcmBody, createWavBody, type EncoderBody } from './pcm';
import type { ResolvedOptions } from './stream-state';
import type { AudioFormat } from './types';

/** Formats the built-in (WebAssembly / TypeScript) encoders cover. */
export const BUILTIN_FORMATS: readonly AudioFormat[] = ['mp3', 'opus', 'flac', 'wav', 'pcm'];

export async function createBuiltinBody(format: AudioFormat, options: ResolvedOptions): Promise<EncoderBody> {
  switch (format) {
    case 'pcm':
      return createPcmBody();
    case 'wav':
      return createWavBody(options);
    case 'flac':
      return createFlacBody(options);
    case 'mp3':
      return createMp3Body(options);
    case 'opus':
      return createOpusBody(options);
    default:
      throw new AudioEncodeError(
        'FORMAT_UNAVAILABLE',
        `No built-in ${format} encoder: no maintained, Apache-compatible pure JS/WebAssembly encoder exists. ` +
          `In Node, use createEncoder from '@kokoro-kit/audio-encode/node', which encodes ${format} with a system ffmpeg.`,
      );
  }
}
