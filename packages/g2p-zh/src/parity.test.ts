import { describe, expect, it } from 'vitest';
import { PARITY_CHECKS, phonemesOfWords } from './__fixtures__/parity';
import { pinyin } from './__fixtures__/pypinyin';
import { createMandarinG2P } from './g2p';

describe('parity reference cases (src/__fixtures__/parity.json and the spec fixtures)', async () => {
  const g2p = await createMandarinG2P({ pinyin });

  it('cover each class of difference the issue names', () => {
    const categories = new Set(PARITY_CHECKS.map((c) => c.category));
    for (const name of [
      'single character: first reading',
      'full tone where other dictionaries write neutral',
      '一/不 tone change carried by a phrase entry',
      'number reading',
      "pypinyin's forward-matching cut",
    ]) {
      expect(categories).toContain(name);
    }
  });

  it('write words as syllables through the spec tables', () => {
    expect(phonemesOfWords('你好:ni3 hao3 世界:shi4 jie4')).toBe('ni↓xau↓ ʂɨ↘ʨje↘');
  });

  it.each(PARITY_CHECKS.map((c) => [`${c.category}: ${c.id}`, c] as const))('%s', async (_name, check) => {
    expect(await check.run(g2p)).toBe(check.expected);
  });
});
