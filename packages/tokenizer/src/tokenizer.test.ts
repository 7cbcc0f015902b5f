// Node types: this test reads the real misaki lexicons from disk (the package itself is browser-safe).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KokoroError, PhonemesTooLongError } from '@kokoro-kit/core';
import { testTokenizer } from '@kokoro-kit/core/testing';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { createTokenizer } from './tokenizer';
import { KOKORO_V1_VOCAB } from './vocab-v1';

testTokenizer('createTokenizer (Kokoro v1.0)', {
  create: () => createTokenizer(),
  sample: 'həlˈO wˈɜɹld! ðə kwˈIət bɹˈWn fˈɑks.',
});

const ids = (phonemes: string) => Array.from(createTokenizer().encode(phonemes).ids);

describe('encode', () => {
  it('encodes a misaki phoneme string to the reference ids', () => {
    expect(ids('həlˈO wˈɜɹld')).toEqual([0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0]);
  });

  it('drops and reports ASCII g, keeps script ɡ', () => {
    const tokenizer = createTokenizer();
    const ascii = tokenizer.encode('ɡet get');
    expect(Array.from(ascii.ids)).toEqual([0, 92, 47, 62, 16, 47, 62, 0]);
    expect(ascii.dropped).toEqual([{ char: 'g', index: 4 }]);
    expect(tokenizer.has('g')).toBe(false);
    expect(tokenizer.has('\u0261')).toBe(true);
  });

  it('keeps the combining tilde as its own symbol and does not normalise', () => {
    // "ɑ̃" is ɑ + U+0303: two ids, never a precomposed letter.
    expect(ids('ɑ\u0303')).toEqual([0, 69, 17, 0]);
    // "ã" precomposed (U+00E3) is not in the vocabulary and is not decomposed for the caller.
    const { ids: kept, dropped } = createTokenizer().encode('\u00e3');
    expect(Array.from(kept)).toEqual([0, 0]);
    expect(dropped).toEqual([{ char: '\u00e3', index: 0 }]);
  });

  it('reports UTF-16 indices for characters after astral code points', () => {
    const input = 'a😀b𝒳c';
    const { ids: out, dropped } = createTokenizer().encode(input);
    expect(Array.from(out)).toEqual([0, 43, 44, 45, 0]);
    expect(dropped).toEqual([
      { char: '😀', index: 1 },
      { char: '𝒳', index: 4 },
    ]);
    for (const d of dropped) expect(input.slice(d.index, d.index + d.char.length)).toBe(d.char);
  });

  it('treats a lone surrogate as one dropped character', () => {
    const { ids: out, dropped } = createTokenizer().encode('a\uD83Db');
    expect(Array.from(out)).toEqual([0, 43, 44, 0]);
    expect(dropped).toEqual([{ char: '\uD83D', index: 1 }]);
  });

  it('returns an Int32Array', () => {
    expect(createTokenizer().encode('a').ids).toBeInstanceOf(Int32Array);
  });

  it('rejects a non-string with a typed error', () => {
    const tokenizer = createTokenizer();
    expect(() => tokenizer.encode(42 as unknown as string)).toThrow(/phoneme string/);
    let error: unknown;
    try {
      tokenizer.encode(undefined as unknown as string);
    } catch (e) {
      error = e;
    }
    expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('the 510 limit', () => {
  const tokenizer = createTokenizer();

  it('accepts exactly 510 phonemes and rejects 511', () => {
    expect(tokenizer.maxPhonemes).toBe(510);
    expect(tokenizer.encode('ə'.repeat(510)).ids).toHaveLength(512);
    let error: unknown;
    try {
      tokenizer.encode('ə'.repeat(511));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PhonemesTooLongError);
    expect((error as PhonemesTooLongError).length).toBe(511);
    expect((error as PhonemesTooLongError).limit).toBe(510);
  });

  it('does not count dropped characters', () => {
    const input = `${'ə'.repeat(510)}${'g'.repeat(100)}`;
    const { ids: out, dropped } = tokenizer.encode(input);
    expect(out).toHaveLength(512);
    expect(dropped).toHaveLength(100);
  });

  it('honours a custom limit', () => {
    const small = createTokenizer({ maxPhonemes: 3 });
    expect(small.encode('abc').ids).toHaveLength(5);
    expect(() => small.encode('abcd')).toThrow(PhonemesTooLongError);
  });
});

describe('decode', () => {
  const tokenizer = createTokenizer();

  it('inverts encode, skipping pads', () => {
    const phonemes = 'ðə kwˈIət bɹˈWn fˈɑks ʤˈʌmpt ˌOvəɹ ðə lˈAzi dˈɔɡ.';
    expect(tokenizer.decode(tokenizer.encode(phonemes).ids)).toBe(phonemes);
    expect(tokenizer.decode([0, 0])).toBe('');
    expect(tokenizer.decode([43, 0, 44])).toBe('ab');
  });

  it('round-trips every vocabulary symbol', () => {
    const all = [...KOKORO_V1_VOCAB.keys()].join('');
    expect(tokenizer.decode(tokenizer.encode(all).ids)).toBe(all);
  });

  it('throws a typed error for ids outside the vocabulary', () => {
    for (const bad of [49, 178, -1, 1.5]) {
      let error: unknown;
      try {
        tokenizer.decode([43, bad]);
      } catch (e) {
        error = e;
      }
      expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT'), String(bad)).toBe(true);
      expect((error as Error).message).toContain(`Id ${bad} at position 1`);
    }
  });
});

describe('options', () => {
  it('accepts a custom vocabulary as a record or a Map', () => {
    const fromRecord = createTokenizer({ vocab: { a: 1, b: 2 } });
    expect(Array.from(fromRecord.encode('abc').ids)).toEqual([0, 1, 2, 0]);
    expect(fromRecord.encode('abc').dropped).toEqual([{ char: 'c', index: 2 }]);
    const fromMap = createTokenizer({ vocab: new Map([['x', 7]]) });
    expect(fromMap.decode([0, 7, 0])).toBe('x');
  });

  it('rejects malformed vocabularies and limits with typed errors', () => {
    const bad: unknown[] = [{ ab: 1 }, { a: 0 }, { a: 1, b: 1 }, { a: 1.5 }, { '': 3 }, null];
    for (const vocab of bad) {
      let error: unknown;
      try {
        createTokenizer({ vocab: vocab as Record<string, number> });
      } catch (e) {
        error = e;
      }
      expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT'), JSON.stringify(vocab)).toBe(true);
    }
    for (const maxPhonemes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createTokenizer({ maxPhonemes })).toThrow(/maxPhonemes/);
    }
  });

  it('uses the v1.0 vocabulary by default', () => {
    expect(createTokenizer().vocab).toBe(KOKORO_V1_VOCAB);
  });
});

describe('misaki lexicons', () => {
  it('every character of the four English lexicons is in the vocabulary', async () => {
    const tokenizer = createTokenizer();
    const files = ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json'];
    const seen = new Set<string>();
    for (const file of files) {
      const lexicon = JSON.parse(await readFile(join(misakiLexiconDir, file), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const value of Object.values(lexicon)) {
        const variants =
          typeof value === 'string' ? [value] : Object.values(value as Record<string, string | null>);
        for (const phonemes of variants) if (phonemes !== null) for (const char of phonemes) seen.add(char);
      }
    }
    // Sanity: the check ran over real data (the US and GB inventories together, spec g2p.md §3.1).
    expect(seen.size).toBeGreaterThan(45);
    const missing = [...seen].filter((char) => !tokenizer.has(char));
    expect(missing).toEqual([]);
  });
});
