import { join } from 'node:path';
import type { G2P, G2PWarning } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/ja.json';
import { joinJapanesePhonemes } from './join';
import { createJapaneseG2P, loadJaWords } from './node';

interface Case {
  text: string;
  expected: string;
  words?: boolean;
  longVowels?: 'unidic' | 'ipadic';
  rules: string;
}

const cases = fixtures.cases as Case[];
const tokenizer = createTokenizer();

describe('Japanese fixtures (src/__fixtures__/ja.json)', () => {
  const g2ps = new Map<string, G2P>();
  beforeAll(async () => {
    const words = await loadJaWords(join(misakiLexiconDir, 'ja_words.txt'));
    g2ps.set('plain', await createJapaneseG2P());
    g2ps.set('words', await createJapaneseG2P({ words }));
    g2ps.set('ipadic', await createJapaneseG2P({ longVowels: 'ipadic' }));
  });

  it('has cases, each citing its rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(c.rules.length, c.text).toBeGreaterThan(5);
  });

  it.each(
    cases.map(
      (c) =>
        [c.text + (c.words ? ' [ja_words]' : '') + (c.longVowels ? ` [${c.longVowels}]` : ''), c] as const,
    ),
  )('%s', async (_, c) => {
    const g2p = g2ps.get(c.words ? 'words' : c.longVowels === 'ipadic' ? 'ipadic' : 'plain') as G2P;
    const warnings: G2PWarning[] = [];
    const tokens = await g2p.phonemize(c.text, { language: 'ja', onWarning: (w) => warnings.push(w) });
    const phonemes = joinJapanesePhonemes(tokens);
    expect(phonemes).toBe(c.expected);
    for (const char of phonemes) expect(tokenizer.has(char), char).toBe(true);
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(c.text);
  });
});
