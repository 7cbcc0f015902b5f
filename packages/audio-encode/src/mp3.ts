import { InvalidArgumentError } from '@kokoro-kit/core';
import type { EncoderBody } from './pcm';
import type { ResolvedOptions } from './stream-state';
import { DEFAULT_BITRATES } from './types';

/**
 * MP3 through LAME compiled to WebAssembly (wasm-media-encoders). One LAME instance per stream,
 * so the output is one frame sequence with one bit reservoir — never per-sentence files glued
 * together (the bug behind Kokoro-FastAPI#57 and livekit/agents#1850).
 */
// LAME's CBR rates in kbit/s. Which are legal depends on the MPEG version the sample rate selects.
const MPEG1_KBPS = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_KBPS = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

export async function createMp3Body(options: ResolvedOptions): Promise<EncoderBody> {
  const kbps = mp3Kbps(options);
  const { createMp3Encoder } = await import('wasm-media-encoders');
  const lame = await createMp3Encoder();
  lame.configure({ sampleRate: options.sampleRate, channels: options.channels as 1 | 2, bitrate: kbps });
  return {
    write: (samples) => {
      if (samples.length === 0) return [];
      const out = lame.encode(deinterleave(samples, options.channels));
      return out.length > 0 ? [out.slice()] : [];
    },
    end: () => {
      const out = lame.finalize();
      return out.length > 0 ? [out.slice()] : [];
    },
  };
}

function mp3Kbps(options: ResolvedOptions): number {
  const allowed = options.sampleRate >= 32_000 ? MPEG1_KBPS : MPEG2_KBPS;
  const wanted = Math.round((options.bitrate ?? DEFAULT_BITRATES.mp3) / 1000);
  if (!allowed.includes(wanted)) {
    throw new InvalidArgumentError(
      `MP3 at ${options.sampleRate} Hz takes a bitrate of ${allowed.join(', ')} kbit/s; got ${wanted} kbit/s.`,
    );
  }
  return wanted;
}

export function deinterleave(samples: Float32Array, channels: number): Float32Array[] {
  if (channels === 1) return [samples];
  const frames = Math.floor(samples.length / channels);
  return Array.from({ length: channels }, (_, ch) => {
    const plane = new Float32Array(frames);
    for (let i = 0; i < frames; i++) plane[i] = samples[i * channels + ch]!;
    return plane;
  });
}
