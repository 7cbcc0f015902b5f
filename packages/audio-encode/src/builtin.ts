import { AudioEncodeError } from './errors';
import { createFlacBody } from './flac';
import { createMp3Body } from './mp3';
import type { OpusWasm } from './ogg/libopus';
import { createOpusBody } from './ogg/opus';
import { createPcmBody, createWavBody, type EncoderBody } from './pcm';
import type { ResolvedOptions } from './stream-state';
import type { AudioFormat } from './types';

/** Formats the built-in (WebAssembly / TypeScript) encoders cover. */
export const BUILTIN_FORMATS: readonly AudioFormat[] = ['mp3', 'opus', 'flac', 'wav', 'pcm'];

/** Where the built-in encoders get platform-specific assets (Node reads files, browsers fetch). */
export interface BuiltinAssets {
  opusWasm?: OpusWasm | (() => Promise<OpusWasm>);
}

export async function createBuiltinBody(
  format: AudioFormat,
  options: ResolvedOptions,
  assets: BuiltinAssets = {},
): Promise<EncoderBody> {
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
      return createOpusBody(
        options,
        typeof assets.opusWasm === 'function' ? await assets.opusWasm() : assets.opusWasm,
      );
    default:
      throw new AudioEncodeError(
        'FORMAT_UNAVAILABLE',
        `No built-in ${format} encoder: no maintained, Apache-compatible pure JS/WebAssembly encoder exists. ` +
          `In Node, use createEncoder from '@kokoro-kit/audio-encode/node', which encodes ${format} with a system ffmpeg.`,
      );
  }
}
