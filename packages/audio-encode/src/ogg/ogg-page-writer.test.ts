import { describe, expect, it } from 'vitest';
import { OggPageWriter, oggCrc32 } from './ogg-page-writer';

function parsePage(page: Uint8Array) {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const count = page[26]!;
  const copy = page.slice();
  copy.fill(0, 22, 26);
  return {
    flags: page[5]!,
    granule: view.getUint32(6, true) + view.getUint32(10, true) * 2 ** 32,
    noPacketEnds: page.subarray(6, 14).every((byte) => byte === 0xff),
    sequence: view.getUint32(18, true),
    crcOk: view.getUint32(22, true) === oggCrc32(copy),
    segments: [...page.subarray(27, 27 + count)],
    bodyLength: page.length - 27 - count,
  };
}

describe('OggPageWriter', () => {
  it('laces packets: 255-byte segments, a terminating short one (0 after an exact multiple)', () => {
    const writer = new OggPageWriter(7);
    const [page] = writer.pages([
      { data: new Uint8Array(600), granule: 10 },
      { data: new Uint8Array(510), granule: 20 },
    ]);
    const parsed = parsePage(page!);
    expect(parsed.segments).toEqual([255, 255, 90, 255, 255, 0]);
    expect(parsed.granule).toBe(20);
    expect(parsed.flags).toBe(0x02); // first page: beginning of stream
    expect(parsed.crcOk).toBe(true);
    expect(parsed.bodyLength).toBe(1110);
  });

  it('continues a packet over pages and marks the last page end-of-stream', () => {
    const writer = new OggPageWriter(7);
    writer.pages([{ data: new Uint8Array(1), granule: 0 }]);
    const pages = writer.pages([{ data: new Uint8Array(300 * 255), granule: 960 }], true).map(parsePage);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.segments).toHaveLength(255);
    expect(pages[0]!.noPacketEnds).toBe(true); // granule position -1
    expect(pages[1]!.flags).toBe(0x01 | 0x04); // continued, end of stream
    expect(pages[1]!.granule).toBe(960);
    expect(pages.map((p) => p.sequence)).toEqual([1, 2]);
    expect(pages.every((p) => p.crcOk)).toBe(true);
  });
});
