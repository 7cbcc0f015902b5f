import { describe, expect, it } from 'vitest';
import { KokoroError } from '../errors';
import type { G2P, G2PWarning, LanguageTag, Tokenizer } from '../types';

export interface G2PContractOptions {
  /** Creates the G2P under test (called once per suite). */
  create: () => G2P | Promise<G2P>;
  /** The language to test. */
  language: LanguageTag;
  /** A sentence in that language that the G2P handles fully. */
  sample: string;
  /** If given, every phoneme must be in this tokenizer's vocabulary. */
  tokenizer?: Tokenizer;
}

/** Behaviour every G2P must have, whatever the language. */
export function testG2P(name: string, options: G2PContractOptions): void {
  describe(`G2P contract: ${name} (${options.language})`, () => {
    const g2p = async () => options.create();

    it('declares the language under test', async () => {
      expect((await g2p()).languages).toContain(options.language);
    });

    it('returns tokens whose text and whitespace rebuild the input', async () => {
      const tokens = await (await g2p()).phonemize(options.sample, { language: options.language });
      expect(tokens.length).toBeGreaterThan(0);
      const rebuilt = tokens.map((t) => t.text + t.whitespace).join('');
      expect(rebuilt.replace(/\s+/g, ' ').trim()).toBe(options.sample.replace(/\s+/g, ' ').trim());
      for (const token of tokens) {
        expect(typeof token.phonemes).toBe('string');
        expect(token.whitespace).toMatch(/^\s*$/);
      }
      expect(tokens.some((t) => t.phonemes.length > 0)).toBe(true);
    });

    it('emits only vocabulary symbols', async () => {
      if (!options.tokenizer) return;
      const tokens = await (await g2p()).phonemize(options.sample, { language: options.language });
      for (const token of tokens) {
        for (const char of token.phonemes)
          expect(options.tokenizer.has(char), `${char} in ${token.text}`).toBe(true);
      }
    });

    it('is deterministic', async () => {
      const instance = await g2p();
      const a = await instance.phonemize(options.sample, { language: options.language });
      const b = await instance.phonemize(options.sample, { language: options.language });
      expect(b).toEqual(a);
    });

    it('returns no tokens for empty or blank text', async () => {
      const instance = await g2p();
      expect(await instance.phonemize('', { language: options.language })).toEqual([]);
      const blank = await instance.phonemize('  \n\t ', { language: options.language });
      expect(blank.every((t) => t.phonemes === '')).toBe(true);
    });

    it('survives garbage without throwing and reports what it could not say', async () => {
      const warnings: G2PWarning[] = [];
      const garbage = '\u0000\u0007 \uD83D\uDE00 \u202E \uFFFF ~~~ \u{1F680}';
      const tokens = await (await g2p()).phonemize(garbage, {
        language: options.language,
        onWarning: (w) => warnings.push(w),
      });
      expect(Array.isArray(tokens)).toBe(true);
      for (const w of warnings) expect(typeof w.message).toBe('string');
    });

    it('rejects an unsupported language with a typed error', async () => {
      const instance = await g2p();
      const error = await instance.phonemize(options.sample, { language: 'xx-unsupported' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
    });

    it('honours an aborted signal', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await (await g2p())
        .phonemize(options.sample, { language: options.language, signal: controller.signal })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
    });
  });
}
