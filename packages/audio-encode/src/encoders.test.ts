import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { floatToPcm16, KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { concatBytes, decodeWithFfmpeg, testSignal, unevenChunks } from '../test/helpers';
import { createEncoder as createBrowserSafeEncoder } from './index';
import { type AudioFormat, createEncoder, type EncoderBackend } from './node';

/**
 * Every format, both backends: one continuous stream fed in uneven chunks, decoded by Debian's
 * ffmpeg. Lossless formats must give back the input's s16 samples exactly; lossy ones the same
 * duration within one codec frame (after the codec's fixed priming, which MP3 and ADTS streams
 * cannot signal, unlike Ogg Opus's pre-skip).
 */
const RATE = 24_000;
const CHUNKS = [1, 0.37, 2.1]; // seconds; the rest (0.53 s) goes in a last chunk
const SIGNAL = testSignal(RATE, 4);

/** Samples per codec frame at 24 kHz, and the priming a decoder cannot know to skip. */
const FRAMES: Record<AudioFormat, { frame: number; priming: number; lossless: boolean }> = {
  pcm: { frame: 1, priming: 0, lossless: true },
  wav: { frame: 1, priming: 0, lossless: true },
  flac: { frame: 4096, priming: 0, lossless: true },
  opus: { frame: 480, priming: 0, lossless: false }, // 20 ms; pre-skip and end granule trim exactly
  mp3: { frame: 576, priming: 1105, lossless: false }, // MPEG-2 layer III; LAME's 576 + 529 delay
  aac: { frame: 1024, priming: 1024, lossless: false }, // AAC-LC; ffmpeg's aac priming
};

const CASES: [AudioFormat, EncoderBackend][] = [
  ['pcm', 'builtin'],
  ['wav', 'builtin'],
  ['flac', 'builtin'],
  ['flac', 'ffmpeg'],
  ['mp3', 'builtin'],
  ['mp3', 'ffmpeg'],
  ['opus', 'builtin'],
  ['opus', 'ffmpeg'],
  ['aac', 'ffmpeg'],
  ['aac', 'auto'],
];

async function encodeAll(format: AudioFormat, backend: EncoderBackend, chunks: Float32Array[]) {
  const encoder = await createEncoder(format, { backend });
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) parts.push(...(await encoder.write(chunk)));
  parts.push(...(await encoder.end()));
  return { encoder, bytes: concatBytes(parts) };
}

/** Decoded length in 24 kHz samples (Opus decodes at 48 kHz). */
async function decodedLength(format: AudioFormat, bytes: Uint8Array) {
  const decoded = await decodeWithFfmpeg(
    bytes,
    format === 'pcm' ? ['-f', 's16le', '-ar', String(RATE), '-ac', '1'] : [],
  );
  return { decoded, length: ((decoded.samples.length / decoded.channels) * RATE) / decoded.sampleRate };
}

describe.each(CASES)('%s (%s backend)', (format, backend) => {
  it('encodes one continuous stream that ffmpeg decodes to the fed duration', async () => {
    const { encoder, bytes } = await encodeAll(format, backend, unevenChunks(SIGNAL, RATE, CHUNKS));
    expect(encoder.contentType).toMatch(/^audio\//);
    const { decoded, length } = await decodedLength(format, bytes);
    expect(decoded.channels).toBe(1);
    const { frame, priming, lossless } = FRAMES[format];
    const extra = length - SIGNAL.length - priming;
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThan(frame);
    if (lossless) {
      expect(decoded.sampleRate).toBe(RATE);
      const expected = floatToPcm16(SIGNAL);
      expect(
        new Uint8Array(decoded.samples.buffer, decoded.samples.byteOffset, decoded.samples.byteLength),
      ).toEqual(expected);
    }
  });

  it('gives a valid stream when no sample was written', async () => {
    const { bytes } = await encodeAll(format, backend, []);
    if (format === 'pcm' || (format === 'mp3' && bytes.length === 0)) {
      expect(bytes.length).toBe(0); // a headerless format (or frameless MP3) with nothing in it
      return;
    }
    // Valid and short: at most the priming and two frames of silence (the ffmpeg backend feeds one
    // silent sample so that its muxers write a decodable stream; LAME may flush an extra frame).
    const { length } = await decodedLength(format, bytes);
    expect(length).toBeLessThanOrEqual(FRAMES[format].priming + 2 * FRAMES[format].frame);
  });
});

describe('stereo', () => {
  it.each(['flac', 'wav'] as const)('%s round-trips interleaved stereo exactly', async (format) => {
    const stereo = testSignal(RATE, 1.3, 2);
    const encoder = await createEncoder(format, { channels: 2 });
    const bytes = concatBytes([...(await encoder.write(stereo)), ...(await encoder.end())]);
    const decoded = await decodeWithFfmpeg(bytes);
    expect(decoded.channels).toBe(2);
    expect(
      new Uint8Array(decoded.samples.buffer, decoded.samples.byteOffset, decoded.samples.byteLength),
    ).toEqual(floatToPcm16(stereo));
  });
});

describe('browser-safe entry', () => {
  it('encodes opus from libopus wasm bytes it is given (no file system access of its own)', async () => {
    const path = createRequire(import.meta.url).resolve('@evan/opus/wasm/opus.wasm');
    const encoder = await createBrowserSafeEncoder('opus', { opusWasm: await readFile(path) });
    const parts: Uint8Array[] = [];
    for (const chunk of unevenChunks(SIGNAL, RATE, CHUNKS)) parts.push(...(await encoder.write(chunk)));
    parts.push(...(await encoder.end()));
    const { length } = await decodedLength('opus', concatBytes(parts));
    expect(length).toBe(SIGNAL.length);
  });

  it('asks for the wasm when opus has none', async () => {
    await expect(createBrowserSafeEncoder('opus')).rejects.toSatisfy(
      (e) => KokoroError.hasCode(e, 'FORMAT_UNAVAILABLE') && /opusWasm/.test((e as Error).message),
    );
  });
});

describe('wav header', () => {
  it('says "size unknown" (0xFFFFFFFF) in the RIFF and data sizes, since the length is not known up front', async () => {
    const encoder = await createEncoder('wav');
    const [header] = await encoder.write(new Float32Array(10));
    const view = new DataView(header!.buffer, header!.byteOffset, 44);
    expect(view.getUint32(4, true)).toBe(0xffffffff);
    expect(view.getUint32(40, true)).toBe(0xffffffff);
    expect(view.getUint32(24, true)).toBe(RATE);
  });
});
