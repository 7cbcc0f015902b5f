/**
 * Exact-match rate of the Japanese G2P on src/__fixtures__/ja.json (hand-derived expectations,
 * spec g2p.md §5). Run: pnpm --filter @kokoro-kit/g2p-ja bench:fixtures
 * ja_words.txt is read from KOKORO_SHARED_DIR/data/misaki (default ../shared beside the repo).
 */
import { join } from 'node:path';
import type { G2P } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import fixtures from '../src/__fixtures__/ja.json';
import { createJapaneseG2P, joinJapanesePhonemes, loadJaWords } from '../src/node';

interface Case {
  text: string;
  expected: string;
  words?: boolean;
  longVowels?: 'unidic' | 'ipadic';
}

const words = await loadJaWords(join(misakiLexiconDir, 'ja_words.txt'));
const variants: Record<string, G2P> = {
  plain: await createJapaneseG2P(),
  words: await createJapaneseG2P({ words }),
  ipadic: await createJapaneseG2P({ longVowels: 'ipadic' }),
};

let passed = 0;
const cases = fixtures.cases as Case[];
for (const c of cases) {
  const variant = c.words ? 'words' : c.longVowels === 'ipadic' ? 'ipadic' : 'plain';
  const got = joinJapanesePhonemes(await (variants[variant] as G2P).phonemize(c.text));
  const ok = got === c.expected;
  if (ok) passed++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} [${variant}] ${c.text} → ${got}${ok ? '' : `   (expected ${c.expected})`}`,
  );
}
console.log(`\nexact match: ${passed}/${cases.length} (${((100 * passed) / cases.length).toFixed(1)}%)`);
process.exitCode = passed === cases.length ? 0 : 1;
