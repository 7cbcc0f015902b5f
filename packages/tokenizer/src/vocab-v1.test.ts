import { KOKORO_V1_SYMBOLS, MAX_PHONEMES } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import expected from './__fixtures__/vocab-v1.json';
import { KOKORO_V1_VOCAB, PAD_ID } from './vocab-v1';

/** `U+0261` → the character. */
function fromCodePoint(label: string): string {
  return String.fromCodePoint(Number.parseInt(label.slice(2), 16));
}

describe('KOKORO_V1_VOCAB', () => {
  it("has exactly core's KOKORO_V1_SYMBOLS (what the G2Ps check their output against)", () => {
    expect([...KOKORO_V1_VOCAB.keys()].sort()).toEqual([...KOKORO_V1_SYMBOLS].sort());
  });

  it('has the 114 symbols of the v1.0 table, ids within 1..177', () => {
    expect(KOKORO_V1_VOCAB.size).toBe(114);
    expect(expected.count).toBe(114);
    for (const id of KOKORO_V1_VOCAB.values()) {
      expect(Number.isInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(1);
      expect(id).toBeLessThanOrEqual(177);
    }
    expect(new Set(KOKORO_V1_VOCAB.values()).size).toBe(114);
  });

  it('matches every id/symbol pair of the spec table (§6), transcribed independently in the fixture', () => {
    const fromFixture = new Map(expected.entries.map((e) => [fromCodePoint(e.codePoint), e.id]));
    expect(fromFixture.size).toBe(114);
    expect([...KOKORO_V1_VOCAB].sort((a, b) => a[1] - b[1])).toEqual(
      [...fromFixture].sort((a, b) => a[1] - b[1]),
    );
  });

  it('leaves exactly the spec list of ids unused (pad 0 included)', () => {
    const used = new Set(KOKORO_V1_VOCAB.values());
    const unused: number[] = [];
    for (let id = 0; id <= 177; id++) if (!used.has(id)) unused.push(id);
    expect(unused).toEqual(expected.unusedIds);
    expect(unused).toHaveLength(64);
    expect(unused[0]).toBe(PAD_ID);
  });

  it('uses single code points only, including the combining tilde', () => {
    for (const symbol of KOKORO_V1_VOCAB.keys()) expect([...symbol]).toHaveLength(1);
    expect(KOKORO_V1_VOCAB.get('\u0303')).toBe(17);
  });

  it('is v1.0, not the v0.19 list (§6.1)', () => {
    expect(KOKORO_V1_VOCAB.get('"')).toBe(11);
    expect(KOKORO_V1_VOCAB.get('“')).toBe(14);
    expect(KOKORO_V1_VOCAB.get('A')).toBe(24);
    expect(KOKORO_V1_VOCAB.get('ᵊ')).toBe(42);
    expect(KOKORO_V1_VOCAB.has('«')).toBe(false);
    expect(KOKORO_V1_VOCAB.has('Z')).toBe(false);
  });

  it('has script ɡ (U+0261) but not ASCII g', () => {
    expect(KOKORO_V1_VOCAB.get('\u0261')).toBe(92);
    expect(KOKORO_V1_VOCAB.has('g')).toBe(false);
  });

  it('cannot be modified', () => {
    const vocab = KOKORO_V1_VOCAB as Map<string, number>;
    expect(() => vocab.set('g', 49)).toThrow(TypeError);
    expect(() => vocab.delete('a')).toThrow(TypeError);
    expect(() => vocab.clear()).toThrow(TypeError);
    expect(KOKORO_V1_VOCAB.size).toBe(114);
    expect(KOKORO_V1_VOCAB.has('g')).toBe(false);
  });

  it('exports the 510 limit', () => {
    expect(MAX_PHONEMES).toBe(510);
  });
});
