/**
 * Agreement with misaki's v1.0 Japanese path on this package's reference cases, per category:
 *   pnpm --filter @kokoro-kit/g2p-ja parity [--words FILE]
 * FILE is misaki's ja_words.txt (default: ../shared/data/misaki/ja_words.txt). Where each
 * expected value comes from: src/__fixtures__/parity.json (UniDic pron conventions + spec
 * §5), ja.json (spec §5 on IPADIC's readings).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PARITY_CHECKS } from '../src/__fixtures__/parity';
import { createJapaneseG2P } from '../src/node';

const { values } = parseArgs({ options: { words: { type: 'string' } } });
const wordsFile =
  values.words ??
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'misaki', 'ja_words.txt');
const g2ps = {
  default: await createJapaneseG2P({ wordsFile }),
  plain: await createJapaneseG2P(),
  ipadic: await createJapaneseG2P({ longVowels: 'ipadic' }),
};

const byCategory = new Map<string, { agree: number; total: number; misses: string[] }>();
for (const check of PARITY_CHECKS) {
  const got = await check.run(g2ps);
  const row = byCategory.get(check.category) ?? { agree: 0, total: 0, misses: [] };
  row.total++;
  if (got === check.expected) row.agree++;
  else
    row.misses.push(
      `    ${check.id} ${check.input}: got ${JSON.stringify(got)}, expected ${JSON.stringify(check.expected)}`,
    );
  byCategory.set(check.category, row);
}
let agree = 0;
let total = 0;
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
for (const [category, row] of byCategory) {
  agree += row.agree;
  total += row.total;
  console.log(
    `${`${row.agree}/${row.total}`.padStart(8)}  ${pct(row.agree, row.total).padStart(6)}  ${category}`,
  );
  for (const miss of row.misses) console.log(miss);
}
console.log(`${`${agree}/${total}`.padStart(8)}  ${pct(agree, total).padStart(6)}  all (ja)`);
process.exitCode = agree === total ? 0 : 1;
