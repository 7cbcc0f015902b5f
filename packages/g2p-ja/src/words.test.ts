import { join } from 'node:path';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { loadJaWords } from './node';
import { createWordList, parseJaWords } from './words';

describe('createWordList', () => {
  it('answers exact matches only, trimming lines and skipping blanks', () => {
    const list = createWordList(parseJaWords('ました\n ありがとう \n\nございます\nまし\n'));
    expect(list.size).toBe(4);
    for (const word of ['ました', 'ありがとう', 'ございます', 'まし']) expect(list.has(word)).toBe(true);
    for (const word of ['まし た', 'ま', 'ましたか', '', 'ありがとうございます'])
      expect(list.has(word)).toBe(false);
    expect(list.maxLength).toBe(5);
  });

  it("finds every line of misaki's ja_words.txt and nothing that is not one", async () => {
    const words = await loadJaWords(join(misakiLexiconDir, 'ja_words.txt'));
    const list = createWordList(words);
    expect(list.size).toBe(new Set(words).size);
    expect(words.every((word) => list.has(word))).toBe(true);
    const lines = new Set(words);
    const others = words.slice(0, 2000).flatMap((w) => [`${w}を`, w.slice(0, -1)]);
    for (const other of others) expect(list.has(other)).toBe(lines.has(other));
  });
});
