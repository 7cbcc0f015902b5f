import { BitWriter } from './bit-writer';
import { crc8, crc16 } from './crc';
import { writeSubframe } from './subframe';

/**
 * A streaming FLAC encoder for 16-bit PCM (RFC 9639): "fLaC" and a STREAMINFO block first, then
 * one frame per `BLOCK_SIZE` samples as soon as they arrive. Written for a live stream, so the
 * STREAMINFO fields only known at the end (total samples, MD5, frame sizes) are 0 = "unknown",
 * which the format allows and decoders accept.
 */
export const FLAC_BLOCK_SIZE = 4096;

const SAMPLE_RATE_CODES: Record<number, number> = {
  88200: 0b0001,
  176400: 0b0010,
  192000: 0b0011,
  8000: 0b0100,
  16000: 0b0101,
  22050: 0b0110,
  24000: 0b0111,
  32000: 0b1000,
  44100: 0b1001,
  48000: 0b1010,
  96000: 0b1011,
};

export class FlacStreamEncoder {
  private readonly pending: Int16Array;
  private pendingFrames = 0; // samples per channel in `pending`
  private frameNumber = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly channels: number,
  ) {
    this.pending = new Int16Array(FLAC_BLOCK_SIZE * channels);
  }

  /** "fLaC" and the (last) STREAMINFO metadata block. */
  header(): Uint8Array {
    const out = new BitWriter(42);
    for (const c of 'fLaC') out.write(c.charCodeAt(0), 8);
    out.write(1, 1); // last metadata block
    out.write(0, 7); // STREAMINFO
    out.write(34, 24);
    out.write(FLAC_BLOCK_SIZE, 16); // min block size (the last block may be shorter)
    out.write(FLAC_BLOCK_SIZE, 16); // max block size
    out.write(0, 24); // min frame size: unknown
    out.write(0, 24); // max frame size: unknown
    out.write(this.sampleRate, 20);
    out.write(this.channels - 1, 3);
    out.write(16 - 1, 5);
    out.write(0, 4); // total samples (36 bits): unknown in a stream
    out.write(0, 32);
    for (let i = 0; i < 4; i++) out.write(0, 32); // MD5: unknown
    return out.bytes().slice();
  }

  /** Interleaved 16-bit samples in; complete frames out. */
  push(samples: Int16Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const room = (FLAC_BLOCK_SIZE - this.pendingFrames) * this.channels;
      const take = Math.min(room, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.pendingFrames * this.channels);
      this.pendingFrames += take / this.channels;
      offset += take;
      if (this.pendingFrames === FLAC_BLOCK_SIZE) frames.push(this.flushBlock());
    }
    return frames;
  }

  /** The last, possibly short, frame. */
  finish(): Uint8Array[] {
    return this.pendingFrames > 0 ? [this.flushBlock()] : [];
  }

  private flushBlock(): Uint8Array {
    const size = this.pendingFrames;
    const out = new BitWriter(size * this.channels * 2 + 64);
    this.writeFrameHeader(out, size);
    for (let ch = 0; ch < this.channels; ch++) {
      const block = new Int32Array(size);
      for (let i = 0; i < size; i++) block[i] = this.pending[i * this.channels + ch]!;
      writeSubframe(out, block);
    }
    out.alignToByte();
    out.write(crc16(out.bytes()), 16);
    this.pendingFrames = 0;
    this.frameNumber++;
    return out.bytes().slice();
  }

  private writeFrameHeader(out: BitWriter, size: number): void {
    const full = size === FLAC_BLOCK_SIZE;
    out.write(0b111111111111100, 15); // sync code
    out.write(0, 1); // fixed block size: frames are numbered
    out.write(full ? 0b1100 : 0b0111, 4); // 4096, or "16-bit (size − 1) at the end of the header"
    out.write(SAMPLE_RATE_CODES[this.sampleRate] ?? 0b0000, 4); // 0 = "see STREAMINFO"
    out.write(this.channels - 1, 4); // independent channels
    out.write(0b100, 3); // 16 bits per sample
    out.write(0, 1);
    writeUtf8Number(out, this.frameNumber);
    if (!full) out.write(size - 1, 16);
    out.write(crc8(out.bytes()), 8);
  }
}

/** FLAC's "UTF-8"-style variable-length frame number (RFC 9639 §9.1.5). */
function writeUtf8Number(out: BitWriter, n: number): void {
  if (n < 0x80) {
    out.write(n, 8);
    return;
  }
  const continuation = n < 0x800 ? 1 : n < 0x1_0000 ? 2 : n < 0x20_0000 ? 3 : n < 0x400_0000 ? 4 : 5;
  const lead = (0xff << (7 - continuation)) & 0xff;
  out.write(lead | Math.floor(n / 2 ** (6 * continuation)), 8);
  for (let i = continuation - 1; i >= 0; i--) out.write(0x80 | (Math.floor(n / 2 ** (6 * i)) & 0x3f), 8);
}
