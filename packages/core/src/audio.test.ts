import { describe, expect, it } from 'vitest';
import { concatFloat32, decodeWav, encodeWav, floatToPcm16, WAV_UNKNOWN_SIZE, wavHeader } from './audio';
import { KokoroError } from './errors';

const int16s = (bytes: Uint8Array) =>
  Array.from(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2));

describe('floatToPcm16', () => {
  it('maps full scale to the int16 range and clips overshoot', () => {
    const pcm = floatToPcm16(
      Float32Array.from([0, 1, -1, 0.5, -0.5, 1.7, -3, Number.NaN, Infinity, -Infinity]),
    );
    expect(int16s(pcm)).toEqual([0, 32767, -32768, 16384, -16384, 32767, -32768, 0, 32767, -32768]);
  });

  it('writes little-endian bytes', () => {
    const pcm = floatToPcm16(Float32Array.from([1]));
    expect(Array.from(pcm)).toEqual([0xff, 0x7f]);
  });
});

describe('WAV', () => {
  it('writes a canonical 44-byte header for 24 kHz mono 16-bit', () => {
    const h = new DataView(wavHeader(1000).buffer);
    const tag = (o: number) =>
      String.fromCharCode(h.getUint8(o), h.getUint8(o + 1), h.getUint8(o + 2), h.getUint8(o + 3));
    expect([tag(0), tag(8), tag(12), tag(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(h.getUint32(4, true)).toBe(1036);
    expect(h.getUint16(20, true)).toBe(1);
    expect(h.getUint16(22, true)).toBe(1);
    expect(h.getUint32(24, true)).toBe(24000);
    expect(h.getUint32(28, true)).toBe(48000);
    expect(h.getUint16(32, true)).toBe(2);
    expect(h.getUint16(34, true)).toBe(16);
    expect(h.getUint32(40, true)).toBe(1000);
  });

  it('writes a streaming header with unknown sizes that decodes to the end of the stream', () => {
    const header = wavHeader();
    const view = new DataView(header.buffer);
    expect(view.getUint32(4, true)).toBe(WAV_UNKNOWN_SIZE);
    expect(view.getUint32(40, true)).toBe(WAV_UNKNOWN_SIZE);
    const pcm = floatToPcm16(Float32Array.from([0.25, -0.25, 0.5]));
    const file = new Uint8Array(header.length + pcm.length);
    file.set(header);
    file.set(pcm, header.length);
    expect(decodeWav(file).samples.length).toBe(3);
  });

  it('round-trips samples through encodeWav/decodeWav within 1.5 16-bit steps (rounding plus the asymmetric scale)', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.9);
    const decoded = decodeWav(encodeWav(samples));
    expect(decoded.sampleRate).toBe(24000);
    expect(decoded.channels).toBe(1);
    expect(decoded.samples.length).toBe(1000);
    const worst = Math.max(...decoded.samples.map((s, i) => Math.abs(s - samples[i]!)));
    expect(worst).toBeLessThanOrEqual(1.5 / 32768);
  });

  it('rejects bad sizes and non-WAV input with typed errors', () => {
    expect(() => wavHeader(-1)).toThrow(KokoroError);
    expect(() => wavHeader(1.5)).toThrow(/integer/);
    expect(() => decodeWav(new Uint8Array(50))).toThrow(/RIFF/);
  });
});

describe('concatFloat32', () => {
  it('joins in order', () => {
    expect(
      Array.from(concatFloat32([Float32Array.from([1, 2]), new Float32Array(0), Float32Array.from([3])])),
    ).toEqual([1, 2, 3]);
  });
});
