/**
 * Cold start and throughput of the Mandarin G2P in Node:
 *   pnpm --filter @kokoro-kit/g2p-zh bench:speed
 * Cold start = a fresh Node process importing the package, loading jieba-wasm and pypinyin's
 * dictionaries from ../shared/data/pypinyin (createMandarinG2PFromDir) and phonemizing one
 * sentence; measured in child processes (with --expose-gc, for the heap the G2P keeps), median of 5.
 * Throughput = warm phonemize() over a mixed corpus (median of 15 rounds after 10 warm-up
 * rounds). The machine this was measured on is shared and noisy; expect ±30%.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createMandarinG2PFromDir } from '../src/node';

const dir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pypinyin');

const SENTENCES = [
  '我们一起去银行，不要着急。',
  '他行走在银行旁边，看见了2024年3月5日的报纸。',
  '今天的气温是37℃，湿度为50%，比昨天高了3.5度。',
  '「你好」他说（小声）：这本书一共有1001页！',
  '中华人民共和国成立于1949年10月1日。',
  '学习汉语需要时间和耐心，但是很有意思。',
];

if (process.argv.includes('--cold')) {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const { createMandarinG2PFromDir: create } = await import('../src/node');
  const t1 = performance.now();
  const g2p = await create({ dir });
  const t2 = performance.now();
  await g2p.phonemize('你好，世界。');
  const t3 = performance.now();
  gc();
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const rssMB = process.memoryUsage().rss / 1e6;
  console.log(
    JSON.stringify({
      importMs: t1 - t0,
      loadMs: t2 - t1,
      firstCallMs: t3 - t2,
      totalMs: t3 - t0,
      heapMB,
      rssMB,
    }),
  );
  process.exit(0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Cold start, in fresh processes (the same tsx loader this script runs under).
const colds: {
  importMs: number;
  loadMs: number;
  firstCallMs: number;
  totalMs: number;
  heapMB: number;
  rssMB: number;
}[] = [];
for (let i = 0; i < 5; i++) {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', import.meta.filename, '--cold'],
    {
      encoding: 'utf8',
    },
  );
  colds.push(JSON.parse(out.trim().split('\n').at(-1) as string));
}
const ms = (n: number) => `${n.toFixed(0)} ms`;
console.log('cold start (fresh process, median of 5):');
console.log(`  import the package           ${ms(median(colds.map((c) => c.importMs)))}`);
console.log(`  load (createMandarinG2PFromDir) ${ms(median(colds.map((c) => c.loadMs)))}`);
console.log(`  first phonemize()            ${ms(median(colds.map((c) => c.firstCallMs)))}`);
console.log(`  total                        ${ms(median(colds.map((c) => c.totalMs)))}`);
console.log(`  JS heap kept by the G2P      ${median(colds.map((c) => c.heapMB)).toFixed(1)} MB`);
console.log(`  process RSS after the call   ${median(colds.map((c) => c.rssMB)).toFixed(0)} MB`);

// Warm throughput.
const g2p = await createMandarinG2PFromDir({ dir });
const corpus = Array.from({ length: 400 }, (_, i) => SENTENCES[i % SENTENCES.length]).join('');
const chars = [...corpus].length;
// Warm-up: fills the word cache and lets the JIT settle, as in a long-running process.
for (let i = 0; i < 10; i++) await g2p.phonemize(corpus);
const rounds: number[] = [];
let tokens = 0;
for (let i = 0; i < 15; i++) {
  const t0 = performance.now();
  tokens = (await g2p.phonemize(corpus)).length;
  rounds.push(performance.now() - t0);
}
const t = median(rounds) / 1000;
console.log(`throughput (warm, ${chars} characters, ${tokens} tokens per round, median of 15):`);
console.log(`  ${(chars / t).toFixed(0)} characters/s, ${(tokens / t).toFixed(0)} tokens/s`);

// A huge input: one 1,000,000-character call (the default maxInputLength).
const huge = corpus.repeat(Math.ceil(1_000_000 / corpus.length)).slice(0, 1_000_000);
const h0 = performance.now();
const hugeTokens = (await g2p.phonemize(huge)).length;
console.log(`huge input: 1,000,000 characters → ${hugeTokens} tokens in ${ms(performance.now() - h0)}`);
