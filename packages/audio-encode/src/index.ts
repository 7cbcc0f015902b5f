import { createBuiltinBody } from './builtin';
import { assertFormat, toAudioEncoder } from './encoder';
import type { OpusWasm } from './ogg/libopus';
import { resolveOptions } from './stream-state';
import type { AudioEncoder, AudioFormat, EncoderOptions } from './types';

export { BUILTIN_FORMATS } from './builtin';
export { encodeAudio } from './encode-audio';
export { AudioEncodeError, type AudioEncodeErrorCode } from './errors';
export { FLAC_BLOCK_SIZE } from './flac/flac-encoder';
export type { OpusWasm } from './ogg/libopus';
export {
  AUDIO_FORMATS,
  type AudioEncoder,
  type AudioFormat,
  CONTENT_TYPES,
  DEFAULT_BITRATES,
  type EncoderOptions,
} from './types';

/**
 * A streaming encoder for one request, from the built-in encoders (WebAssembly and TypeScript, no
 * native code, no install scripts): mp3, opus, flac, wav, pcm. aac needs ffmpeg: see
 * `@kokoro-kit/audio-encode/node`.
 */
export async function createEncoder(
  format: AudioFormat,
  options: BrowserEncoderOptions = {},
): Promise<AudioEncoder> {
  assertFormat(format);
  const resolved = resolveOptions(options);
  return toAudioEncoder(
    format,
    resolved,
    await createBuiltinBody(format, resolved, { opusWasm: options.opusWasm }),
  );
}

export interface BrowserEncoderOptions extends EncoderOptions {
  /**
   * libopus as WebAssembly, needed for opus here: the bytes or compiled module of
   * `@evan/opus/wasm/opus.wasm` (or `simd.wasm`), e.g. from `fetch(wasmUrl)`. The Node entry
   * loads it itself.
   */
  opusWasm?: OpusWasm;
}
