import { KOKORO_V1_VOCAB } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { KOKORO_V1_SYMBOLS, keepVocabulary } from './vocab';

describe('the Kokoro v1.0 symbol set', () => {
  it('is exactly the tokenizer vocabulary (pad excluded)', () => {
    expect([...KOKORO_V1_SYMBOLS].sort()).toEqual([...KOKORO_V1_VOCAB.keys()].sort());
  });

  it('splits text into what the model reads and what it would drop', () => {
    expect(keepVocabulary('iPad g')).toEqual({ kept: 'iad ', dropped: ['P', 'g'] });
  });
});
