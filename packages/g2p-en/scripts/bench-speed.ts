/**
 * Speed and memory: words per second on one core over generated prose, and the heap taken by
 * the loaded lexicons.
 *
 *   pnpm --filter @kokoro-kit/g2p-en bench:speed [-- --lexicon DIR]
 *
 * Run with --expose-gc (the package script does) so the heap figures are after a collection.
 */
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { createEnglishG2P, joinPhonemes, loadMisakiLexicon } from '../src/node';

const args = process.argv.slice(2);
const lexiconDir = args.includes('--lexicon')
  ? (args[args.indexOf('--lexicon') + 1] as string)
  : misakiLexiconDir;
const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Deterministic prose: common words, numbers, names, punctuation, heteronyms. */
function prose(words: number): string {
  const vocab = (
    'the of and to a in is it you that he was for on are with as I his they be at one have this from ' +
    'or had by hot word but what some we can out other were all there when up use your how said an each ' +
    'she which do their time if will way about many then them write would like so these her long make ' +
    'thing see him two has look more day could go come did number sound no most people my over know water ' +
    'than call first who may down side been now find any new work part take get place made live where after ' +
    'back little only round man year came show every good me give our under name very through just form ' +
    'sentence great think say help low line differ turn cause much mean before move right boy old too same ' +
    'tell does set three want air well also play small end put home read hand port large spell add even ' +
    "land here must big high such follow act why ask men change went light kind off need house picture don't " +
    "it's walked running cities boxes London Smith NASA 1990 $5.50 3.14 22nd record object minute wound"
  ).split(' ');
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let word = vocab[Math.floor(next() * vocab.length)] as string;
    if (i % 12 === 0) word = word[0]?.toUpperCase() + word.slice(1);
    out.push(word + (i % 12 === 11 ? '.' : i % 7 === 6 ? ',' : ''));
  }
  return out.join(' ');
}

async function main() {
  const before = heapMb();
  const t0 = performance.now();
  const us = await loadMisakiLexicon(lexiconDir, 'en-US');
  const loadMs = performance.now() - t0;
  const afterUs = heapMb();
  const gb = await loadMisakiLexicon(lexiconDir, 'en-GB');
  const afterBoth = heapMb();
  const g2p = createEnglishG2P({ lexicons: { 'en-US': us, 'en-GB': gb } });

  const text = prose(10_000);
  await g2p.phonemize(text); // warm-up (JIT)
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const tokens = await g2p.phonemize(text, { language: 'en-US' });
    runs.push(performance.now() - start);
    if (joinPhonemes(tokens).length === 0) throw new Error('no output');
  }
  runs.sort((a, b) => a - b);
  const median = runs[2] as number;
  console.log(`Lexicon load (en-US, gold+silver): ${loadMs.toFixed(0)} ms`);
  console.log(
    `Heap of the loaded lexicons: en-US ${(afterUs - before).toFixed(1)} MB, both ${(afterBoth - before).toFixed(1)} MB`,
  );
  console.log(
    `Phonemize 10,000 words of prose (en-US, one core): median ${median.toFixed(0)} ms of 5 runs` +
      ` → ${Math.round(10_000 / (median / 1000)).toLocaleString('en-US')} words/s` +
      ` (fastest ${runs[0]?.toFixed(0)} ms, slowest ${runs[4]?.toFixed(0)} ms)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
