/**
 * The Mandarin reference cases (parity.json, zh.json, pinyin-ipa.json) as one list of checks,
 * each with a category; shared by parity.test.ts and `pnpm parity`.
 */
import type { G2P } from '@kokoro-kit/core';
import { joinPhonemes } from '../g2p';
import { pinyinToPhonemes } from '../pinyin-to-phonemes';
import parity from './parity.json' with { type: 'json' };
import pinyinIpa from './pinyin-ipa.json' with { type: 'json' };
import sentences from './zh.json' with { type: 'json' };

export interface ParityCheck {
  id: string;
  category: string;
  /** What went in (text or syllable). */
  input: string;
  expected: string;
  /** The G2P's (or the table's) answer. */
  run(g2p: G2P): Promise<string>;
}

/** `我们:wo3 men5 一起:yi4 qi3` → the phonemes: syllables through the spec tables, one space per word. */
export function phonemesOfWords(words: string): string {
  return words
    .split(/\s+(?=\S+:)/)
    .map((word) => {
      const syllables = word.slice(word.indexOf(':') + 1).split(/\s+/);
      return syllables.map((s) => pinyinToPhonemes(s) ?? `<${s}?>`).join('');
    })
    .join(' ');
}

const say = (text: string) => async (g2p: G2P) => joinPhonemes(await g2p.phonemize(text));

export const PARITY_CHECKS: readonly ParityCheck[] = [
  ...parity.cases.map((c) => ({
    id: c.id,
    category: c.category,
    input: c.text,
    expected: phonemesOfWords(c.words),
    run: say(c.text),
  })),
  ...(sentences.cases as { id: string; text: string; expected: string; english?: unknown }[])
    .filter((c) => c.english === undefined)
    .map((c) => ({
      id: c.id,
      category: 'sentences from the spec (zh.json)',
      input: c.text,
      expected: c.expected,
      run: say(c.text),
    })),
  ...Object.entries(pinyinIpa.cases as Record<string, string | null>)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([syllable, expected]) => ({
      id: syllable,
      category: 'pinyin → IPA table (pinyin-ipa.json)',
      input: syllable,
      expected,
      run: async () => pinyinToPhonemes(syllable) ?? '',
    })),
];
