/**
 * Exact-match rates on the spec-derived fixtures:
 *   pnpm --filter @kokoro-kit/g2p-zh bench:fixtures
 * Sentences (src/__fixtures__/zh.json): the whole phoneme string, tokens joined as KPipeline
 * joins them. Syllables (src/__fixtures__/pinyin-ipa.json): pinyin → phonemes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { G2P } from '@kokoro-kit/core';
import { createMandarinG2P, joinPhonemes, pinyinToPhonemes } from '../src/index';
import { loadPypinyinDictionaries } from '../src/node';

interface FixtureCase {
  id: string;
  text: string;
  expected: string;
  english?: Record<string, string>;
}

const dir = join(import.meta.dirname, '..', 'src', '__fixtures__');
const sentences = (JSON.parse(readFileSync(join(dir, 'zh.json'), 'utf8')) as { cases: FixtureCase[] }).cases;
const syllables = Object.entries(
  (JSON.parse(readFileSync(join(dir, 'pinyin-ipa.json'), 'utf8')) as { cases: Record<string, string | null> })
    .cases,
);

const tableEnglish = (table: Record<string, string>): G2P => ({
  languages: ['en-US'],
  phonemize: async (text) => [{ text, phonemes: table[text] ?? '', whitespace: '' }],
});

const pinyin = await loadPypinyinDictionaries(
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pypinyin'),
);
const plain = await createMandarinG2P({ pinyin });
let exact = 0;
const misses: string[] = [];
for (const c of sentences) {
  const g2p =
    c.english === undefined ? plain : await createMandarinG2P({ pinyin, english: tableEnglish(c.english) });
  const got = joinPhonemes(await g2p.phonemize(c.text));
  if (got === c.expected) exact++;
  else misses.push(`  ${c.id}: got ${JSON.stringify(got)}, expected ${JSON.stringify(c.expected)}`);
}
const syllableExact = syllables.filter(([s, expected]) => (pinyinToPhonemes(s) ?? null) === expected).length;

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
console.log(
  `sentences (zh.json):       ${exact}/${sentences.length} exact (${pct(exact, sentences.length)})`,
);
console.log(
  `syllables (pinyin-ipa.json): ${syllableExact}/${syllables.length} exact (${pct(syllableExact, syllables.length)})`,
);
if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
