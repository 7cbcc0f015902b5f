import type { PhonemeToken } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { chunkPhonemes } from './chunking';
import { wordTimings } from './timings';

const t = (text: string, phonemes: string, whitespace = ''): PhonemeToken => ({ text, phonemes, whitespace });

describe('wordTimings (KPipeline.join_timestamps)', () => {
  it('reproduces the worked example of spec §10.2', () => {
    const { phonemes, spans } = chunkPhonemes([t('Hi', 'hI', ' '), t('there', 'ðɛɹ'), t('.', '.')]);
    expect(phonemes).toBe('hI ðɛɹ.');
    const durations = [10, 3, 4, 2, 3, 3, 3, 5, 8];
    expect(wordTimings(spans, durations)).toEqual([
      { text: 'Hi', phonemes: 'hI', start: 0.175, end: 0.375 },
      { text: 'there', phonemes: 'ðɛɹ', start: 0.375, end: 0.625 },
      { text: '.', phonemes: '.', start: 0.625, end: 0.75 },
    ]);
  });

  it('adds the chunk offset and lets silent tokens advance time through their space', () => {
    const { spans } = chunkPhonemes([t('a', 'ɐ', ' '), t('*', '', ' '), t('b', 'bˈi')]);
    // ids: BOS ɐ ␠ b ˈ i EOS — the '*' adds nothing, its space collapses into the first one.
    const words = wordTimings(spans, [4, 2, 2, 1, 1, 2, 4], 10);
    expect(words.map((w) => w.text)).toEqual(['a', 'b']);
    expect(words[0]!.start).toBeCloseTo(10 + (2 * 1) / 80);
    expect(words[0]!.end).toBeCloseTo(words[1]!.start);
  });

  it('handles fractional durations without rounding', () => {
    const { spans } = chunkPhonemes([t('o', 'O')]);
    const [w] = wordTimings(spans, [3.5, 2.25, 1]);
    expect(w!.start).toBeCloseTo(1 / 80);
    expect(w!.end).toBeCloseTo((1 + 4.5) / 80);
  });

  it('returns no timings without at least BOS, one id and EOS', () => {
    expect(wordTimings(chunkPhonemes([t('x', 'k')]).spans, [1, 1])).toEqual([]);
  });
});
