import type { PhonemeToken } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { chunkPhonemes, codePointLength } from './chunking';
import { ChunkPlanner } from './planner';
import type { TextStyle } from './segmenter';

const plain: TextStyle = { voice: undefined, rate: 1 };
/** A piece of `words` words of `n` phonemes, ending with `punct`. */
function piece(words: number, n: number, punct = '.'): PhonemeToken[] {
  const tokens: PhonemeToken[] = Array.from({ length: words }, (_, i) => ({
    text: `w${i}`,
    phonemes: 'a'.repeat(n),
    whitespace: i < words - 1 ? ' ' : '',
  }));
  tokens.push({ text: punct, phonemes: punct, whitespace: ' ' });
  return tokens;
}
const length = (tokens: PhonemeToken[]) => codePointLength(chunkPhonemes(tokens).phonemes);

describe('ChunkPlanner', () => {
  it('emits the first clause at once, then grows chunks (× 2) toward the target', () => {
    const planner = new ChunkPlanner();
    const out = [...planner.add(piece(3, 4, ','), 'clause', plain)];
    expect(out.map((c) => length(c.tokens))).toEqual([15]);
    for (let i = 0; i < 30; i++) out.push(...planner.add(piece(6, 4, '.'), 'sentence', plain));
    out.push(...planner.flush());
    const budgets = out.map((_, i) => Math.min(175, 20 * 2 ** i));
    out.forEach((chunk, i) => {
      expect(length(chunk.tokens), `chunk ${i}`).toBeLessThanOrEqual(budgets[i]!);
    });
    expect(out.slice(4, -1).every((c) => length(c.tokens) > 175 / 2)).toBe(true);
    expect(out.every((c) => c.endsSentence || c === out[0])).toBe(true);
  });

  it('splits an over-long first piece to the first-chunk budget, never over 510 later', () => {
    const planner = new ChunkPlanner();
    const out = [
      ...planner.add(piece(100, 6, ','), 'clause', plain),
      ...planner.add(piece(200, 6), 'sentence', plain),
      ...planner.flush(),
    ];
    expect(length(out[0]!.tokens)).toBeLessThanOrEqual(100);
    for (const chunk of out) expect(length(chunk.tokens)).toBeLessThanOrEqual(250);
    expect(out.flatMap((c) => c.tokens)).toHaveLength(101 + 201); // nothing lost
  });

  it('cuts at the last sentence end when it holds at least half the budget', () => {
    const planner = new ChunkPlanner({ firstChunkMax: 10, targetChunk: 100, chunkGrowth: 10 });
    planner.add(piece(1, 3, ','), 'clause', plain);
    expect(planner.add(piece(6, 9, '.'), 'sentence', plain)).toEqual([]); // 60 phonemes pending
    expect(planner.add(piece(2, 9, ','), 'clause', plain)).toEqual([]); // 80 pending
    const out = planner.add(piece(3, 9, '.'), 'sentence', plain); // would be 110
    expect(out.map((c) => length(c.tokens))).toEqual([60]);
    expect(planner.flush().map((c) => length(c.tokens))).toEqual([51]);
  });

  it('ends a chunk at a paragraph, a style change, or (when asked) every sentence', () => {
    const planner = new ChunkPlanner({ breakAtSentences: true });
    planner.add(piece(1, 3, ','), 'clause', plain);
    expect(planner.add(piece(2, 3), 'sentence', plain)).toHaveLength(1);
    expect(planner.add(piece(2, 3, ','), 'clause', plain)).toEqual([]);
    // The style change flushes the pending clause; the sentence end flushes the new sentence.
    expect(
      planner.add(piece(2, 3), 'sentence', { voice: 'bf_emma', rate: 1 }).map((c) => c.style.voice),
    ).toEqual([undefined, 'bf_emma']);
    expect(planner.flush()).toEqual([]);
    const other = new ChunkPlanner();
    other.add(piece(1, 3, ','), 'clause', plain);
    expect(other.add(piece(2, 3), 'paragraph', plain)).toHaveLength(1);
  });

  it('holds an unfinished sentence when idle, but not a finished one', () => {
    const planner = new ChunkPlanner();
    planner.add(piece(1, 3, ','), 'clause', plain);
    planner.add(piece(2, 3, ','), 'clause', plain);
    expect(planner.idle('clause')).toEqual([]);
    planner.add(piece(2, 3), 'sentence', plain);
    expect(planner.idle('sentence')).toHaveLength(1);
  });
});
