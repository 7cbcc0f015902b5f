/**
 * An MSB-first bit writer (FLAC's bit order). Grows as needed; `bytes()` returns the written,
 * byte-aligned prefix.
 */
export class BitWriter {
  private buffer: Uint8Array;
  private byteLength = 0;
  private acc = 0; // pending bits, right-aligned
  private accBits = 0;

  constructor(capacity = 4096) {
    this.buffer = new Uint8Array(capacity);
  }

  /** Writes the low `bits` bits of `value` (bits ≤ 32; value taken as unsigned). */
  write(value: number, bits: number): void {
    if (bits > 24) {
      this.write(Math.floor(value / 0x1_0000) & 0xffff, bits - 16);
      this.write(value & 0xffff, 16);
      return;
    }
    this.acc = (this.acc << bits) | (value & ((1 << bits) - 1));
    this.accBits += bits;
    while (this.accBits >= 8) {
      this.accBits -= 8;
      this.pushByte((this.acc >>> this.accBits) & 0xff);
    }
    this.acc &= (1 << this.accBits) - 1;
  }

  /** Writes a signed value in two's complement over `bits` bits. */
  writeSigned(value: number, bits: number): void {
    this.write(value < 0 ? value + 2 ** bits : value, bits);
  }

  /** `count` zero bits then a one (FLAC's unary code for a Rice quotient). */
  writeUnary(count: number): void {
    let left = count;
    while (left >= 24) {
      this.write(0, 24);
      left -= 24;
    }
    this.write(1, left + 1);
  }

  /** Pads with zero bits to the next byte boundary. */
  alignToByte(): void {
    if (this.accBits > 0) this.write(0, 8 - this.accBits);
  }

  get length(): number {
    return this.byteLength;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.byteLength);
  }

  private pushByte(byte: number): void {
    if (this.byteLength === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.byteLength++] = byte;
  }
}
