import { describe, expect, it } from 'vitest';
import { KokoroError } from '../errors';
import type { Tokenizer } from '../types';

export interface TokenizerContractOptions {
  create: () => Tokenizer;
  /** A phoneme string made only of vocabulary symbols. */
  sample: string;
}

/** Behaviour every tokenizer must have. */
export function testTokenizer(name: string, options: TokenizerContractOptions): void {
  describe(`Tokenizer contract: ${name}`, () => {
    it('wraps ids in one pad (0) at each end, one id per vocabulary symbol', () => {
      const { ids, dropped } = options.create().encode(options.sample);
      expect(dropped).toEqual([]);
      expect(ids[0]).toBe(0);
      expect(ids[ids.length - 1]).toBe(0);
      expect(ids.length).toBe([...options.sample].length + 2);
      for (const id of ids.subarray(1, -1)) expect(id).toBeGreaterThan(0);
    });

    it('reports (and drops) characters outside the vocabulary with their positions', () => {
      const tokenizer = options.create();
      const input = `#${options.sample}\u0000`;
      const { ids, dropped } = tokenizer.encode(input);
      expect(dropped).toEqual([
        { char: '#', index: 0 },
        { char: '\u0000', index: input.length - 1 },
      ]);
      expect(Array.from(ids)).toEqual(Array.from(tokenizer.encode(options.sample).ids));
    });

    it('encodes the empty string to the two pads', () => {
      expect(Array.from(options.create().encode('').ids)).toEqual([0, 0]);
    });

    it(`enforces maxPhonemes with a typed error`, () => {
      const tokenizer = options.create();
      const first = [...options.sample][0]!;
      expect(tokenizer.encode(first.repeat(tokenizer.maxPhonemes)).ids.length).toBe(
        tokenizer.maxPhonemes + 2,
      );
      let error: unknown;
      try {
        tokenizer.encode(first.repeat(tokenizer.maxPhonemes + 1));
      } catch (e) {
        error = e;
      }
      expect(KokoroError.hasCode(error, 'PHONEMES_TOO_LONG')).toBe(true);
    });
  });
}
