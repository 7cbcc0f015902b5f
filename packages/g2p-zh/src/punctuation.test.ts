import { describe, expect, it } from 'vitest';
import { pinyin } from './__fixtures__/pypinyin';
import { createMandarinG2P, joinPhonemes } from './g2p';
import { PUNCTUATION_MAP } from './punctuation';

/**
 * spec §6 step 2, transcribed again here as "what misaki writes for the character": a mark
 * with a space after it, or a space before it.
 */
const SPEC: Readonly<Record<string, string>> = {
  '、': ', ',
  '，': ', ',
  '。': '. ',
  '．': '. ',
  '！': '! ',
  '：': ': ',
  '；': '; ',
  '？': '? ',
  '«': ' “',
  '《': ' “',
  '「': ' “',
  '【': ' “',
  '»': '” ',
  '》': '” ',
  '」': '” ',
  '】': '” ',
  '（': ' (',
  '）': ') ',
};

describe('Chinese punctuation (spec §6 step 2)', async () => {
  const g2p = await createMandarinG2P({ pinyin });

  it('maps exactly the characters the spec lists', () => {
    expect(Object.keys(PUNCTUATION_MAP).sort()).toEqual(Object.keys(SPEC).sort());
  });

  it.each(Object.entries(SPEC))('%s → %j between two words', async (char, written) => {
    // 你 + mark + 好: misaki's string is ni↓ + what it writes for the mark + xau↓ (the two
    // characters are separate CJK runs, so no word-joining space is added).
    const tokens = await g2p.phonemize(`你${char}好`);
    expect(joinPhonemes(tokens)).toBe(`ni↓${written}xau↓`);
    expect(tokens.map((t) => t.text)).toEqual(['你', char, '好']);
    // A space after the mark is carried by the next spoken token; one before it by the mark.
    expect(tokens[1]?.phonemes).toBe(written.trimEnd());
  });

  it('drops the spaces misaki trims at the ends of the text', async () => {
    expect(joinPhonemes(await g2p.phonemize('（你好）'))).toBe('(ni↓xau↓)');
    expect(joinPhonemes(await g2p.phonemize('《你好》。'))).toBe('“ni↓xau↓” .');
  });
});
