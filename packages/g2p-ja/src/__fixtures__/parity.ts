/**
 * The Japanese reference cases (parity.json with ja_words.txt merges, the default path; and the
 * spec-derived ja.json) as one list of checks with categories; shared by parity.test.ts and
 * `pnpm parity`.
 */
import type { G2P } from '@kokoro-kit/core';
import { joinJapanesePhonemes } from '../join';
import fixtures from './ja.json' with { type: 'json' };
import parity from './parity.json' with { type: 'json' };

/** The G2Ps the checks run on: misaki's default path (with ja_words.txt) and two variants. */
export interface ParityG2Ps {
  /** With ja_words.txt, UniDic-style pron (what a user gets). */
  default: G2P;
  /** Without ja_words.txt. */
  plain: G2P;
  /** Without ja_words.txt, IPADIC's pronunciation as it is. */
  ipadic: G2P;
}

export interface ParityCheck {
  id: string;
  category: string;
  input: string;
  expected: string;
  run(g2ps: ParityG2Ps): Promise<string>;
}

const say = (text: string, variant: keyof ParityG2Ps) => async (g2ps: ParityG2Ps) =>
  joinJapanesePhonemes(await g2ps[variant].phonemize(text));

interface SpecCase {
  text: string;
  expected: string;
  words?: boolean;
  longVowels?: string;
}

export const PARITY_CHECKS: readonly ParityCheck[] = [
  ...parity.cases.map((c) => ({
    id: c.id,
    category: c.category,
    input: c.text,
    expected: c.expected,
    run: say(c.text, 'default'),
  })),
  ...(fixtures.cases as SpecCase[]).map((c, i) => ({
    id: `ja.json#${i}`,
    category: 'spec rules (ja.json)',
    input: c.text,
    expected: c.expected,
    run: say(c.text, c.words ? 'default' : c.longVowels === 'ipadic' ? 'ipadic' : 'plain'),
  })),
];
