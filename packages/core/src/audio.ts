import { InvalidArgumentError } from './errors';
import { SAMPLE_RATE } from './types';

/**
 * Audio utilities that run anywhere (no Node APIs): float32 → 16-bit PCM, WAV headers and files.
 */

/**
 * Converts float samples in [-1, 1] to signed 16-bit little-endian PCM. Values outside the range
 * are clipped (the model can overshoot); NaN becomes 0. Positive full scale maps to 32767 and
 * negative full scale to −32768, so the conversion is symmetric around zero up to rounding.
 */
export function floatToPcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) {
    view.setInt16(i * 2, floatToInt16(samples[i]!), true);
  }
  return out;
}

function floatToInt16(value: number): number {
  if (Number.isNaN(value)) return 0;
  const clipped = Math.min(1, Math.max(-1, value));
  return clipped < 0 ? Math.round(clipped * 32768) : Math.round(clipped * 32767);
}

export interface WavFormat {
  sampleRate?: number;
  channels?: number;
}

/** Data size used in a streaming header, where the length is not known up front. */
export const WAV_UNKNOWN_SIZE = 0xffff_ffff;
/** Size of the canonical PCM WAV header written here. */
export const WAV_HEADER_BYTES = 44;

/**
 * A 44-byte RIFF/WAVE header for 16-bit PCM. With `dataBytes` omitted, the RIFF and data sizes
 * are set to 0xFFFFFFFF, which players and ffmpeg read as "until the end of the stream": write
 * this header first, then PCM as it is produced.
 */
export function wavHeader(dataBytes?: number, format: WavFormat = {}): Uint8Array {
  const sampleRate = format.sampleRate ?? SAMPLE_RATE;
  const channels = format.channels ?? 1;
  if (
    dataBytes !== undefined &&
    (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > 0xffff_ffff - 36)
  ) {
    throw new InvalidArgumentError(
      `WAV data size must be an integer between 0 and ${0xffff_ffff - 36}, got ${dataBytes}.`,
    );
  }
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i);
  };
  const bytesPerSample = 2;
  ascii(0, 'RIFF');
  view.setUint32(4, dataBytes === undefined ? WAV_UNKNOWN_SIZE : 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true); // byte rate
  view.setUint16(32, channels * bytesPerSample, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes === undefined ? WAV_UNKNOWN_SIZE : dataBytes, true);
  return header;
}

/** A complete 16-bit PCM WAV file for mono float samples. */
export function encodeWav(samples: Float32Array, format: WavFormat = {}): Uint8Array {
  const pcm = floatToPcm16(samples);
  const header = wavHeader(pcm.length, format);
  const out = new Uint8Array(header.length + pcm.length);
  out.set(header, 0);
  out.set(pcm, header.length);
  return out;
}

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Samples as floats in [-1, 1), interleaved if there are several channels. */
  samples: Float32Array;
}

/**
 * Reads a 16-bit PCM WAV file (as written by `encodeWav`, or any canonical one). A streaming
 * header's 0xFFFFFFFF size means "to the end of the buffer".
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new InvalidArgumentError('Not a WAV file: the RIFF/WAVE signature is missing.');
  }
  let offset = 12;
  let format:
    | { channels: number; sampleRate: number; bitsPerSample: number; audioFormat: number }
    | undefined;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format)
        throw new InvalidArgumentError('Malformed WAV file: the data chunk comes before the fmt chunk.');
      if (format.audioFormat !== 1 || format.bitsPerSample !== 16) {
        throw new InvalidArgumentError(
          `Unsupported WAV encoding (format ${format.audioFormat}, ${format.bitsPerSample} bits); only 16-bit PCM is read.`,
        );
      }
      const end = size === WAV_UNKNOWN_SIZE ? bytes.length : Math.min(bytes.length, body + size);
      const count = Math.floor((end - body) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true) / 32768;
      return { sampleRate: format.sampleRate, channels: format.channels, bitsPerSample: 16, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new InvalidArgumentError('Malformed WAV file: no data chunk.');
}

/** Concatenates float arrays into one. */
export function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Float32Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
