/**
 * Agreement with misaki's v1.0 Mandarin path on this package's reference cases, per category:
 *   pnpm --filter @kokoro-kit/g2p-zh parity [--dir DIR]
 * DIR holds pypinyin's pinyin_dict.json and phrases_dict.json (default: ../shared/data/pypinyin).
 * The cases and where each expected value comes from: src/__fixtures__/parity.json (jieba
 * 0.42.1 + pypinyin 0.53.0's dictionaries and algorithm), zh.json and pinyin-ipa.json (spec).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PARITY_CHECKS } from '../src/__fixtures__/parity';
import { createMandarinG2PFromDir } from '../src/node';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pypinyin');
const g2p = await createMandarinG2PFromDir({ dir });

const byCategory = new Map<string, { agree: number; total: number; misses: string[] }>();
for (const check of PARITY_CHECKS) {
  const got = await check.run(g2p);
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
console.log(`${`${agree}/${total}`.padStart(8)}  ${pct(agree, total).padStart(6)}  all (zh)`);
process.exitCode = agree === total ? 0 : 1;
