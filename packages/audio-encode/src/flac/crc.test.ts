import { describe, expect, it } from 'vitest';
import { oggCrc32 } from '../ogg/ogg-page-writer';
import { crc8, crc16 } from './crc';

// Check values for "123456789" from the CRC catalogue (CRC-8/SMBUS, CRC-16/UMTS, and
// CRC-32/POSIX without its final xor).
const CHECK = new TextEncoder().encode('123456789');

describe('checksums', () => {
  it('match the catalogue check values', () => {
    expect(crc8(CHECK)).toBe(0xf4);
    expect(crc16(CHECK)).toBe(0xfee8);
    expect(oggCrc32(CHECK)).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
  });
});
