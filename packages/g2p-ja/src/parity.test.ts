import { join } from 'node:path';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { PARITY_CHECKS } from './__fixtures__/parity';
import { createJapaneseG2P } from './node';

describe('parity reference cases (src/__fixtures__/parity.json, ja.json)', async () => {
  const g2ps = {
    default: await createJapaneseG2P({ wordsFile: join(misakiLexiconDir, 'ja_words.txt') }),
    plain: await createJapaneseG2P(),
    ipadic: await createJapaneseG2P({ longVowels: 'ipadic' }),
  };

  it('cover the classes the issue names that rules can reach', () => {
    const categories = new Set(PARITY_CHECKS.map((c) => c.category));
    for (const name of ['long e (e-row + イ)', 'long i (adjective ending)', 'volitional う (one long o)']) {
      expect(categories).toContain(name);
    }
  });

  it.each(PARITY_CHECKS.map((c) => [`${c.category}: ${c.id} ${c.input}`, c] as const))(
    '%s',
    async (_name, check) => {
      expect(await check.run(g2ps)).toBe(check.expected);
    },
  );
});
