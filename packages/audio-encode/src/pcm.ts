import { floatToPcm16, wavHeader } from '@kokoro-kit/core';
import type { ResolvedOptions } from './stream-state';

/** What each codec implements; `toAudioEncoder` adds checks and the one-end rule. */
export interface EncoderBody {
  write(samples: Float32Array): Uint8Array[] | Promise<Uint8Array[]>;
  end(): Uint8Array[] | Promise<Uint8Array[]>;
  /** Frees what the codec holds (a process, wasm memory) when the stream is dropped midway. */
  cancel?(): void;
}

/** Raw s16le, no header (OpenAI's `pcm`). */
export function createPcmBody(): EncoderBody {
  return {
    write: (samples) => (samples.length === 0 ? [] : [floatToPcm16(samples)]),
    end: () => [],
  };
}

/** WAV with the "size unknown" (0xFFFFFFFF) header first, then s16le as it comes. */
export function createWavBody(options: ResolvedOptions): EncoderBody {
  const pcm = createPcmBody();
  let headerSent = false;
  const header = (): Uint8Array[] => {
    if (headerSent) return [];
    headerSent = true;
    return [wavHeader(undefined, { sampleRate: options.sampleRate, channels: options.channels })];
  };
  return {
    write: (samples) => [...header(), ...(pcm.write(samples) as Uint8Array[])],
    end: () => header(),
  };
}

/** s16 samples as an Int16Array view over `floatToPcm16`'s little-endian bytes. */
export function floatToInt16Array(samples: Float32Array): Int16Array {
  const bytes = floatToPcm16(samples);
  return new Int16Array(bytes.buffer, bytes.byteOffset, samples.length);
}
