// Exact-match rate of the G2P against src/__fixtures__/<lang>.json (run: pnpm bench:fixtures).
// Uses the built package (dist/), so it measures what users get.
import { readFileSync } from 'node:fs';
import { createEspeakG2P } from '../dist/index.js';

const join = (tokens) =>
  tokens
    .map((t) => t.phonemes + (t.whitespace ? ' ' : ''))
    .join('')
    .trim();

const g2p = createEspeakG2P();
let total = 0;
let matched = 0;
for (const name of ['es', 'fr-fr', 'hi', 'it', 'pt-br']) {
  const fixture = JSON.parse(
    readFileSync(new URL(`../src/__fixtures__/${name}.json`, import.meta.url), 'utf8'),
  );
  let ok = 0;
  const misses = [];
  for (const c of fixture.cases) {
    const got = join(await g2p.phonemize(c.text, { language: fixture.voice }));
    if (got === c.expected) ok += 1;
    else misses.push(`    ${c.text}\n      expected ${c.expected}\n      got      ${got}`);
  }
  total += fixture.cases.length;
  matched += ok;
  console.log(
    `${name.padEnd(6)} ${ok}/${fixture.cases.length} exact (${((100 * ok) / fixture.cases.length).toFixed(1)}%)`,
  );
  for (const miss of misses) console.log(miss);
}
console.log(`all    ${matched}/${total} exact (${((100 * matched) / total).toFixed(1)}%)`);
