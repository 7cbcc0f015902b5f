import { KOKORO_V1_VOCAB } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { filterToVocab, KOKORO_VOCAB } from './vocab';

describe('KOKORO_VOCAB', () => {
  it('is exactly the tokenizer vocabulary (114 symbols)', () => {
    expect(KOKORO_VOCAB.size).toBe(114);
    expect([...KOKORO_VOCAB].sort()).toEqual([...KOKORO_V1_VOCAB.keys()].sort());
  });
  it('filterToVocab drops ASCII g, ties and digits', () => {
    expect(filterToVocab('ɡg^1a͡b')).toEqual({ kept: 'ɡab', dropped: ['g', '^', '1', '\u0361'] });
  });
});
