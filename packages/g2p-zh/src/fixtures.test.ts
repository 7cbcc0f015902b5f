import type { G2P } from '@kokoro-kit/core';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { pinyin } from './__fixtures__/pypinyin';
import fixture from './__fixtures__/zh.json' with { type: 'json' };
import { createMandarinG2P, joinPhonemes } from './g2p';

interface FixtureCase {
  id: string;
  text: string;
  expected: string;
  rule: string;
  english?: Record<string, string>;
}

const cases = fixture.cases as FixtureCase[];
const tokenizer = createTokenizer();

/** The in-test English G2P: whole Latin runs looked up in the case's table. */
function tableEnglish(table: Record<string, string>): G2P {
  return {
    languages: ['en-US'],
    phonemize: async (text) => [{ text, phonemes: table[text] ?? '', whitespace: '' }],
  };
}

describe('fixtures derived from the spec (src/__fixtures__/zh.json)', async () => {
  const plain = await createMandarinG2P({ pinyin });

  it('cover the cases the issue names', () => {
    const ids = cases.map((c) => c.id);
    for (const id of ['xingzou', 'yi-bu-no-sandhi', 'numeral-count', 'punct-quotes', 'latin-english']) {
      expect(ids).toContain(id);
    }
    expect(cases.every((c) => c.rule.length > 0)).toBe(true);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const g2p =
      c.english === undefined ? plain : await createMandarinG2P({ pinyin, english: tableEnglish(c.english) });
    const tokens = await g2p.phonemize(c.text);
    const phonemes = joinPhonemes(tokens);
    expect(phonemes).toBe(c.expected);
    expect(tokenizer.encode(phonemes).dropped).toEqual([]);
  });
});
