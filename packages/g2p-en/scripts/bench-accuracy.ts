/**
 * Accuracy against misaki (spec g2p.md §10): for US and GB, how many fixture sentences come out
 * exactly as misaki's, and the phoneme error rate (total Levenshtein distance over code points
 * divided by the total length of misaki's strings, as spec §9 measures kokoro-js) — for this
 * package and, on the same inputs, for kokoro-js 1.2.1's own phonemizer.
 *
 *   pnpm --filter @kokoro-kit/g2p-en bench:accuracy [-- --lexicon DIR] [-- --verbose]
 *
 * kokoro-js does not export `phonemize`; its public `KokoroTTS.generate()` calls it and hands
 * the phonemes to the tokenizer, so a KokoroTTS built with a capturing tokenizer (and no model)
 * yields exactly the string kokoro-js would feed the model.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { g2pFixturesDir, misakiLexiconDir } from '@kokoro-kit/test-assets';
import { KokoroTTS } from 'kokoro-js';
import { HETERONYM_CASES, scoreHeteronyms } from '../src/heteronym-cases';
import { createEnglishG2PFromDir, joinPhonemes } from '../src/node';

const args = process.argv.slice(2);
const lexiconDir = args.includes('--lexicon')
  ? (args[args.indexOf('--lexicon') + 1] as string)
  : misakiLexiconDir;
const verbose = args.includes('--verbose');

interface Case {
  text: string;
  want: string;
  source: string;
}

const readJson = async <T>(...path: string[]): Promise<T> =>
  JSON.parse(await readFile(join(g2pFixturesDir, ...path), 'utf8')) as T;

/** The asus4 strings are raw misaki output: drop ❓ and join the KPipeline way (spec §10.1). */
const asKPipeline = (raw: string) => raw.replaceAll('❓', '').replace(/\s+/gu, ' ').trim();

async function cases(dialect: 'us' | 'gb'): Promise<Case[]> {
  const asus = await readJson<{ data: { text: string; phonemes: string }[] }>(
    'asus4-kokoro-tts-unity',
    dialect === 'us' ? 'american_test_data.json' : 'british_test_data.json',
  );
  const golden = await readJson<{ cases: { input_text: string; phonemes: string }[] }>(
    'buchwandler-kokorog2p',
    `hexgrad_en_${dialect}_v1.json`,
  );
  return [
    ...asus.data.map((c) => ({ text: c.text, want: asKPipeline(c.phonemes), source: 'asus4' })),
    ...golden.cases.map((c) => ({ text: c.input_text, want: c.phonemes, source: 'kokorog2p' })),
  ];
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[y.length] as number;
}

function score(pairs: { got: string; want: string }[]) {
  let exact = 0;
  let distance = 0;
  let length = 0;
  for (const { got, want } of pairs) {
    if (got === want) exact++;
    distance += levenshtein(got, want);
    length += [...want].length;
  }
  return { exact, total: pairs.length, per: distance / length };
}

/** kokoro-js's phonemizer, reached through its public API (see the header). */
function kokoroJsPhonemizer() {
  const capture = (phonemes: string) => {
    throw Object.assign(new Error('captured'), { phonemes });
  };
  const tts = new KokoroTTS({} as never, capture as never);
  return async (text: string, voice: string): Promise<string> => {
    try {
      await tts.generate(text, { voice: voice as never });
    } catch (error) {
      const phonemes = (error as { phonemes?: string }).phonemes;
      if (typeof phonemes === 'string') return phonemes;
      throw error;
    }
    throw new Error('kokoro-js did not call its tokenizer');
  };
}

async function main() {
  const g2p = await createEnglishG2PFromDir({ dir: lexiconDir });
  const kokoroJs = kokoroJsPhonemizer();
  const rows: string[][] = [];
  const subsetRows: string[][] = [];
  for (const [dialect, language, voice] of [
    ['us', 'en-US', 'af_heart'],
    ['gb', 'en-GB', 'bf_emma'],
  ] as const) {
    const list = await cases(dialect);
    const ours: { got: string; want: string }[] = [];
    const theirs: { got: string; want: string }[] = [];
    for (const c of list) {
      const got = joinPhonemes(await g2p.phonemize(c.text, { language }));
      ours.push({ got, want: c.want });
      theirs.push({ got: await kokoroJs(c.text, voice), want: c.want });
      if (verbose && got !== c.want)
        console.log(`  ${language} ${JSON.stringify(c.text)}: got ${got} | misaki ${c.want}`);
    }
    const latin = list.map((c) => !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c.text));
    const a = score(ours);
    const b = score(theirs);
    const a2 = score(ours.filter((_, i) => latin[i]));
    const b2 = score(theirs.filter((_, i) => latin[i]));
    subsetRows.push([
      language,
      String(a2.total),
      `${a2.exact}/${a2.total}`,
      a2.per.toFixed(3),
      `${b2.exact}/${b2.total}`,
      b2.per.toFixed(3),
    ]);
    rows.push([
      language,
      String(list.length),
      `${a.exact}/${a.total} (${((100 * a.exact) / a.total).toFixed(1)}%)`,
      a.per.toFixed(3),
      `${b.exact}/${b.total} (${((100 * b.exact) / b.total).toFixed(1)}%)`,
      b.per.toFixed(3),
    ]);
  }
  console.log('Fixture sentences vs misaki (asus4 misaki 0.9.3 + kokorog2p misaki 0.9.4 goldens)');
  console.log('| dialect | sentences | g2p-en exact | g2p-en PER | kokoro-js exact | kokoro-js PER |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nWithout the two Japanese inputs (espeak reads them as "Japanese letter …"):');
  for (const row of subsetRows) console.log(`| ${row.join(' | ')} |`);

  const us = await (await import('../src/node')).loadMisakiLexicon(lexiconDir, 'en-US');
  const hetero = await scoreHeteronyms((text) => g2p.phonemize(text, { language: 'en-US' }), us.gold);
  console.log(
    `\nHeteronym set (src/heteronym-cases.ts, en-US): ${hetero.correct}/${hetero.total} variants right` +
      ` (${((100 * hetero.correct) / HETERONYM_CASES.length).toFixed(1)}%)`,
  );
  for (const miss of hetero.misses) console.log(`  miss: ${miss}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
