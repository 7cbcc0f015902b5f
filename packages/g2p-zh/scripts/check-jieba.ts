/**
 * jieba-wasm's segmentation against Python jieba 0.42.1 (misaki's `jieba.lcut(run, cut_all=False)`):
 *   pnpm --filter @kokoro-kit/g2p-zh check:jieba [--python /usr/bin/python3] [--lines 20000]
 * Needs a Python with jieba 0.42.1 (Debian: apt-get install python3-jieba). The text: lines of
 * pypinyin's phrase keys and single characters in a fixed pseudo-random order, so both segmenters
 * meet dictionary words, unknown runs (HMM) and ambiguous joins.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { python: { type: 'string' }, lines: { type: 'string' } } });
const python = values.python ?? '/usr/bin/python3';
const lineCount = Number(values.lines ?? 20_000);
const data = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pypinyin');
const phrases = Object.keys(JSON.parse(readFileSync(join(data, 'phrases_dict.json'), 'utf8')));
const chars = Object.keys(JSON.parse(readFileSync(join(data, 'pinyin_dict.json'), 'utf8')))
  .map(Number)
  .filter((cp) => cp >= 0x4e00 && cp <= 0x9fff)
  .map((cp) => String.fromCodePoint(cp));

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const lines: string[] = [];
for (let i = 0; i < lineCount; i++) {
  let line = '';
  const n = 3 + Math.floor(random() * 8);
  for (let j = 0; j < n; j++) {
    line +=
      random() < 0.7 ? phrases[Math.floor(random() * phrases.length)] : chars[Math.floor(random() * 3000)];
  }
  lines.push(line);
}

const script = [
  'import jieba, json, sys',
  'jieba.setLogLevel(60)',
  'print(jieba.__version__, file=sys.stderr)',
  "lines = sys.stdin.read().split('\\n')",
  'print(json.dumps([jieba.lcut(l, cut_all=False) for l in lines], ensure_ascii=False))',
].join('\n');
const reference = JSON.parse(
  execFileSync(python, ['-c', script], { input: lines.join('\n'), maxBuffer: 1 << 28, encoding: 'utf8' }),
) as string[][];

const jieba = (await import('jieba-wasm')) as unknown as { cut(text: string, hmm: boolean): string[] };
let same = 0;
let words = 0;
const misses: string[] = [];
lines.forEach((line, i) => {
  const ours = jieba.cut(line, true);
  words += reference[i]?.length ?? 0;
  if (JSON.stringify(ours) === JSON.stringify(reference[i])) same++;
  else if (misses.length < 10) misses.push(`  ${ours.join('|')}\n  ${reference[i]?.join('|')} (jieba)`);
});
console.log(`${same}/${lines.length} lines identical (${words} words from Python jieba)`);
if (misses.length > 0) console.log(misses.join('\n'));
process.exitCode = same === lines.length ? 0 : 1;
