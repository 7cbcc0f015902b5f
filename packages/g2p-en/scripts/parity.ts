/**
 * Agreement with misaki's part-of-speech choices on this package's heteronym cases
 * (src/heteronym-cases.ts: the gold variant spaCy's tag selects), per word:
 *   pnpm --filter @kokoro-kit/g2p-en parity [--lexicon DIR]
 * DIR holds misaki's us_gold.json / us_silver.json (default: ../shared/data/misaki). Whole
 * sentences against misaki's own output: `bench:accuracy`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { heteronymResults } from '../src/heteronym-cases';
import { createEnglishG2PFromDir, loadMisakiLexicon } from '../src/node';

const { values } = parseArgs({ options: { lexicon: { type: 'string' } } });
const dir = values.lexicon ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'misaki');
const g2p = await createEnglishG2PFromDir({ dir, dialects: ['en-US'] });
const { gold } = await loadMisakiLexicon(dir, 'en-US');
const results = await heteronymResults((text) => g2p.phonemize(text, { language: 'en-US' }), gold);

const byWord = new Map<string, typeof results>();
for (const result of results) {
  const word = result.case.word.toLowerCase();
  byWord.set(word, [...(byWord.get(word) ?? []), result]);
}
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
for (const [word, rows] of byWord) {
  const agree = rows.filter((r) => r.ok).length;
  console.log(`${`${agree}/${rows.length}`.padStart(8)}  ${pct(agree, rows.length).padStart(6)}  ${word}`);
  for (const r of rows.filter((row) => !row.ok)) {
    console.log(`    ${r.case.text}: got ${r.got}, want ${r.case.variant} ${r.expected} (${r.case.why})`);
  }
}
const agree = results.filter((r) => r.ok).length;
console.log(
  `${`${agree}/${results.length}`.padStart(8)}  ${pct(agree, results.length).padStart(6)}  all (en-US heteronyms)`,
);
process.exitCode = agree === results.length ? 0 : 1;
