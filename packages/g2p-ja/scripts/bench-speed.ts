/**
 * Cold start (IPADIC load) and throughput of the Japanese G2P in Node.
 * Run: pnpm --filter @kokoro-kit/g2p-ja bench:speed
 * Figures depend on the machine; run on an idle one and read them as orders of magnitude.
 */
import { join } from 'node:path';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { createJapaneseG2P, loadJaWords } from '../src/node';

const SENTENCES = [
  'こんにちは、世界。',
  '吾輩は猫である。名前はまだ無い。',
  '先生は東京へ行った。',
  '今日は天気がいいので、公園を散歩しましょう。',
  '彼女はコーヒーを飲みながら新聞を読んでいる。',
  '2024年の売上は1万2千円でした。',
  '「はい」と言って、ちょっと待ってください！',
  'このプログラムはテキストを音声に変換します。',
  '日本語の発音は、ひらがなとカタカナで表されます。',
  '駅から徒歩5分のところにあります。',
];

const t0 = performance.now();
const g2p = await createJapaneseG2P();
const coldStart = performance.now() - t0;

const t1 = performance.now();
await g2p.phonemize(SENTENCES[0] as string);
const firstCall = performance.now() - t1;

const t2 = performance.now();
const words = await loadJaWords(join(misakiLexiconDir, 'ja_words.txt'));
const withWords = await createJapaneseG2P({ words });
const wordsLoad = performance.now() - t2;

async function throughput(label: string, run: () => Promise<unknown>, chars: number, sentences: number) {
  await run(); // warm-up
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < 3000) {
    await run();
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label}: ${Math.round((chars * rounds) / seconds).toLocaleString('en')} chars/s, ` +
      `${Math.round((sentences * rounds) / seconds).toLocaleString('en')} sentences/s`,
  );
}

const chars = SENTENCES.join('').length;
console.log(`cold start (IPADIC load, first createJapaneseG2P): ${coldStart.toFixed(0)} ms`);
console.log(`first phonemize after load: ${firstCall.toFixed(1)} ms`);
console.log(`ja_words.txt load + second G2P (dictionary shared): ${wordsLoad.toFixed(0)} ms`);
console.log(
  `heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
await throughput(
  'sentence by sentence',
  async () => {
    for (const s of SENTENCES) await g2p.phonemize(s);
  },
  chars,
  SENTENCES.length,
);
await throughput(
  'sentence by sentence, with ja_words',
  async () => {
    for (const s of SENTENCES) await withWords.phonemize(s);
  },
  chars,
  SENTENCES.length,
);
const big = SENTENCES.join('').repeat(200);
await throughput('one 33k-character text', () => g2p.phonemize(big), big.length, SENTENCES.length * 200);
