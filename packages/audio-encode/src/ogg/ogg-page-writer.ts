/**
 * Ogg page writer (RFC 3533): turns whole packets into pages. Each `page()` call writes the given
 * packets as one or more pages, so a caller decides when bytes leave (here: after every write, to
 * keep a stream's latency at one encoder call).
 */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000_0000 ? (crc << 1) ^ 0x04c1_1db7 : crc << 1;
    table[byte] = crc >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: poly 0x04C11DB7, MSB first, init 0, no final xor. */
export function oggCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

const MAX_SEGMENTS = 255;
const HEADER_BYTES = 27;

export interface OggPacket {
  data: Uint8Array;
  /** Granule position after this packet (for Opus: 48 kHz samples including pre-skip). */
  granule: number;
}

export class OggPageWriter {
  private sequence = 0;
  private started = false;

  constructor(private readonly serial: number) {}

  /**
   * Pages holding `packets` (each ends on this call's pages: no packet continues into a later
   * call). `last` marks the final page end-of-stream.
   */
  pages(packets: readonly OggPacket[], last = false): Uint8Array[] {
    const out: Uint8Array[] = [];
    let segments: number[] = [];
    let bodies: Uint8Array[] = [];
    let granule = -1; // "no packet finishes on this page"
    let continued = false;
    const flush = (isLast: boolean) => {
      out.push(this.page(segments, bodies, granule, continued, isLast));
      segments = [];
      bodies = [];
      granule = -1;
    };
    packets.forEach((packet, index) => {
      let offset = 0;
      // Lacing: 255-byte segments, then one shorter (possibly 0) segment that ends the packet.
      for (;;) {
        const size = Math.min(255, packet.data.length - offset);
        segments.push(size);
        bodies.push(packet.data.subarray(offset, offset + size));
        offset += size;
        const ended = size < 255;
        if (ended) granule = packet.granule;
        if (segments.length === MAX_SEGMENTS && !(ended && index === packets.length - 1)) {
          flush(false);
          continued = !ended; // the next page starts inside this packet
        }
        if (ended) break;
      }
    });
    if (segments.length > 0 || last) flush(last);
    return out;
  }

  private page(
    segments: number[],
    bodies: Uint8Array[],
    granule: number,
    continued: boolean,
    last: boolean,
  ): Uint8Array {
    const bodyLength = bodies.reduce((n, b) => n + b.length, 0);
    const page = new Uint8Array(HEADER_BYTES + segments.length + bodyLength);
    const view = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
    page[4] = 0; // version
    page[5] = (continued ? 0x01 : 0) | (this.started ? 0 : 0x02) | (last ? 0x04 : 0);
    // Granule position: int64 LE; -1 means "no packet ends here".
    view.setUint32(6, granule === -1 ? 0xffff_ffff : granule % 2 ** 32, true);
    view.setUint32(10, granule === -1 ? 0xffff_ffff : Math.floor(granule / 2 ** 32), true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.sequence++, true);
    page[26] = segments.length;
    page.set(segments, HEADER_BYTES);
    let offset = HEADER_BYTES + segments.length;
    for (const body of bodies) {
      page.set(body, offset);
      offset += body.length;
    }
    view.setUint32(22, oggCrc32(page), true); // computed with the CRC field still 0
    this.started = true;
    return page;
  }
}
