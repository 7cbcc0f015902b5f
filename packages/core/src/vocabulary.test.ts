import { describe, expect, it } from 'vitest';
import { KOKORO_V1_SYMBOLS, splitVocabulary } from './vocabulary';

describe('KOKORO_V1_SYMBOLS', () => {
  it('has the 114 single-code-point symbols, script ɡ but not ASCII g', () => {
    expect(KOKORO_V1_SYMBOLS.size).toBe(114);
    for (const symbol of KOKORO_V1_SYMBOLS) expect([...symbol]).toHaveLength(1);
    expect(KOKORO_V1_SYMBOLS.has('ɡ')).toBe(true);
    expect(KOKORO_V1_SYMBOLS.has('g')).toBe(false);
    expect(KOKORO_V1_SYMBOLS.has('\u0303')).toBe(true);
  });

  it('splitVocabulary keeps readable symbols and lists the rest in order', () => {
    expect(splitVocabulary('ɡg^1a͡b')).toEqual({ kept: 'ɡab', dropped: ['g', '^', '1', '\u0361'] });
    expect(splitVocabulary('ab', new Set(['a']))).toEqual({ kept: 'a', dropped: ['b'] });
  });
});
