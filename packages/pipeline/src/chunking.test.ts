import type { PhonemeToken } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { chunkPhonemes, codePointLength, planChunks } from './chunking';

const t = (text: string, phonemes: string, whitespace = ''): PhonemeToken => ({ text, phonemes, whitespace });

/** A word of `n` phonemes followed by a space. */
const word = (n: number, label = 'w') => t(label, 'a'.repeat(n), ' ');

describe('chunkPhonemes', () => {
  it('joins tokens as KPipeline does: phonemes plus one space per whitespace, trimmed', () => {
    const joined = chunkPhonemes([
      t('Hello', 'həlˈO'),
      t(',', ',', ' '),
      t('world', 'wˈɜɹld'),
      t('!', '!', ' '),
    ]);
    expect(joined.phonemes).toBe('həlˈO, wˈɜɹld!');
    expect(joined.spans.map((s) => [s.start, s.end, s.space])).toEqual([
      [0, 5, -1],
      [5, 6, 6],
      [7, 13, -1],
      [13, 14, -1],
    ]);
  });

  it('never emits a leading space or two spaces in a row for silent tokens', () => {
    const joined = chunkPhonemes([t('[', '', ' '), t('a', 'ɐ', '  '), t('*', '', ' '), t('cat', 'kˈæt', '')]);
    expect(joined.phonemes).toBe('ɐ kˈæt');
    expect(joined.spans[1]!.space).toBe(1);
    expect(joined.spans[2]!.space).toBe(-1);
  });

  it('drops a space that would lead the chunk or double a space (G2Ps that prefix spaces)', () => {
    const joined = chunkPhonemes([
      t('你好', ' ni↓xau↓'),
      t('，', ','),
      t('世界', ' ʂɨ↘ʨje↘', ' '),
      t('x', ' ks'),
    ]);
    expect(joined.phonemes).toBe('ni↓xau↓, ʂɨ↘ʨje↘ ks');
    expect(joined.spans.map((s) => [s.start, s.end])).toEqual([
      [0, 7],
      [7, 8],
      [8, 16],
      [17, 19],
    ]);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('ɐ𝄞a')).toBe(3);
  });
});

describe('planChunks (KPipeline waterfall, 510 phonemes)', () => {
  const flatten = (chunks: PhonemeToken[][]) => chunks.flat();

  it('keeps a paragraph that fits in one chunk', () => {
    const tokens = [word(10), word(10), t('.', '.')];
    expect(planChunks(tokens, 510)).toEqual([tokens]);
  });

  it('never exceeds the limit and loses no token', () => {
    const tokens: PhonemeToken[] = [];
    for (let i = 0; i < 400; i++) {
      tokens.push(word(3 + (i % 7), `w${i}`));
      if (i % 13 === 12) tokens.push(t(',', ',', ' '));
      if (i % 29 === 28) tokens.push(t('.', '.', ' '));
    }
    const chunks = planChunks(tokens, 510);
    expect(chunks.length).toBeGreaterThan(3);
    expect(flatten(chunks)).toEqual(tokens);
    for (const chunk of chunks)
      expect(codePointLength(chunkPhonemes(chunk).phonemes)).toBeLessThanOrEqual(510);
  });

  it('cuts after the last sentence end, then clause punctuation, then commas', () => {
    const sentence = [word(100), word(100), t('.', '.', ' ')];
    const clause = [word(100), t(';', ';', ' ')];
    const tokens = [...sentence, ...clause, word(100), t(',', ',', ' '), word(150)];
    const chunks = planChunks(tokens, 510);
    expect(chunks[0]).toEqual(sentence);
    expect(flatten(chunks)).toEqual(tokens);
  });

  it('keeps a closing bracket or quote with the chunk before the cut', () => {
    const tokens = [word(200), t('.', '.'), t(')', ')', ' '), word(200), word(200)];
    const chunks = planChunks(tokens, 510);
    expect(chunks[0]!.map((x) => x.phonemes)).toEqual(['a'.repeat(200), '.', ')']);
  });

  it('cuts at the current word when no punctuation helps', () => {
    const tokens = Array.from({ length: 12 }, (_, i) => word(50, `w${i}`));
    const chunks = planChunks(tokens, 510);
    expect(chunks.map((c) => c.length)).toEqual([10, 2]);
  });

  it('splits a single token longer than the limit instead of truncating it', () => {
    const giant = t('giant', 'b'.repeat(1200), ' ');
    const chunks = planChunks([giant, word(5)], 510);
    const phonemes = chunks.map((c) => chunkPhonemes(c).phonemes);
    for (const p of phonemes) expect(codePointLength(p)).toBeLessThanOrEqual(510);
    expect(phonemes.join('').replace(/[^b]/g, '').length).toBe(1200);
  });

  it('returns nothing for no tokens', () => {
    expect(planChunks([], 510)).toEqual([]);
  });
});
