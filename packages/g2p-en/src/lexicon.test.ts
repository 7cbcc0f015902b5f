import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import {
  capitalize,
  createMisakiLexicon,
  growDictionary,
  type MisakiEntry,
  type MisakiLexiconData,
} from './lexicon';

/**
 * misaki's grow_dictionary written the direct way (copy every variant, then let the originals
 * win), as the spec states it. The package derives grown keys lazily; this is the yardstick.
 */
function eagerGrow(data: Record<string, MisakiEntry>): Map<string, MisakiEntry> {
  const grown = new Map<string, MisakiEntry>();
  for (const [key, value] of Object.entries(data)) {
    if (key.length < 2) continue;
    if (key === key.toLowerCase()) {
      if (key !== capitalize(key)) grown.set(capitalize(key), value);
    } else if (key === capitalize(key.toLowerCase())) {
      grown.set(key.toLowerCase(), value);
    }
  }
  for (const [key, value] of Object.entries(data)) grown.set(key, value);
  return grown;
}

const readJson = async (file: string) =>
  JSON.parse(await readFile(join(misakiLexiconDir, file), 'utf8')) as Record<string, MisakiEntry>;

describe('growDictionary', () => {
  it('adds Capitalized copies of lowercase keys and lowercase copies of Capitalized keys', () => {
    const grown = growDictionary(
      new Map<string, MisakiEntry>([
        ['hello', 'həlˈO'],
        ['Smith', 'smˈɪθ'],
        ['GitHub', 'x'],
        ['USA', 'y'],
        ['a', 'A'],
        ['Polish', 'pˈOlɪʃ'],
        ['polish', 'pˈɑlɪʃ'],
      ]),
    );
    expect(grown.get('Hello')).toBe('həlˈO');
    expect(grown.get('smith')).toBe('smˈɪθ');
    // Other casings are not copied; single letters are not grown.
    expect(grown.has('github')).toBe(false);
    expect(grown.has('Github')).toBe(false);
    expect(grown.has('usa')).toBe(false);
    expect(grown.has('A')).toBe(false);
    // Originals win over grown spellings.
    expect(grown.get('Polish')).toBe('pˈOlɪʃ');
    expect(grown.get('polish')).toBe('pˈɑlɪʃ');
    expect(grown.get('HELLO')).toBeUndefined();
    expect(grown.size).toBe(9);
    expect(new Set(grown.keys())).toEqual(
      new Set(['hello', 'Hello', 'Smith', 'smith', 'GitHub', 'USA', 'a', 'Polish', 'polish']),
    );
  });

  it('gives the key counts of the spec for the four real files (g2p.md §3.2)', async () => {
    const expected: Record<string, [number, number]> = {
      'us_gold.json': [90_201, 178_646],
      'us_silver.json': [93_361, 186_722],
      'gb_gold.json': [87_352, 172_932],
      'gb_silver.json': [109_766, 219_532],
    };
    for (const [file, [top, grownCount]] of Object.entries(expected)) {
      const data = await readJson(file);
      expect(Object.keys(data).length, file).toBe(top);
      expect(growDictionary(new Map(Object.entries(data))).size, file).toBe(grownCount);
    }
  });

  it('answers exactly like the eager rule on real data (every key, and case variants of them)', async () => {
    const data = await readJson('us_gold.json');
    const lazy = growDictionary(new Map(Object.entries(data)));
    const eager = eagerGrow(data);
    expect(new Set(lazy.keys())).toEqual(new Set(eager.keys()));
    for (const [key, value] of eager) expect(lazy.get(key)).toBe(value);
    // Queries that must miss: upper-case and odd casings of every key.
    for (const key of Object.keys(data)) {
      for (const probe of [key.toUpperCase(), key.toLowerCase(), capitalize(key), `${key}x`]) {
        expect(lazy.get(probe), probe).toBe(eager.get(probe));
      }
    }
  });
});

describe('createMisakiLexicon', () => {
  it('builds gold and silver with lookups for grown keys', async () => {
    const lexicon = createMisakiLexicon({
      gold: await readJson('us_gold.json'),
      silver: await readJson('us_silver.json'),
      dialect: 'en-US',
    });
    expect(lexicon.dialect).toBe('en-US');
    expect(lexicon.gold.get('hello')).toBe('həlˈO');
    expect(lexicon.gold.get('Hello')).toBe('həlˈO');
    expect(lexicon.gold.get('can')).toEqual({ DEFAULT: 'kæn', None: 'kˈæn' });
    expect(lexicon.silver.get('Apples')).toBe('ˈæpᵊlz');
  });

  it('rejects malformed data with INVALID_LEXICON, naming the entry', () => {
    const cases: unknown[] = [
      null,
      [],
      'text',
      { hello: 3 },
      { read: { VERB: 'ɹˈid' } },
      { read: { DEFAULT: 'ɹˈid', VBD: 5 } },
      { hello: null },
    ];
    for (const gold of cases) {
      let error: unknown;
      try {
        createMisakiLexicon({
          gold: gold as MisakiLexiconData,
          silver: {},
          dialect: 'en-US',
          sourceNames: { gold: 'g.json' },
        });
      } catch (e) {
        error = e;
      }
      expect(KokoroError.hasCode(error, 'INVALID_LEXICON'), JSON.stringify(gold)).toBe(true);
      expect((error as Error).message).toContain('g.json');
    }
  });

  it('accepts null variants (spell it out) and rejects an unknown dialect', () => {
    const lexicon = createMisakiLexicon({
      gold: { US: { DEFAULT: 'ˌʌs', NOUN: null } },
      silver: {},
      dialect: 'en-GB',
    });
    expect(lexicon.gold.get('US')).toEqual({ DEFAULT: 'ˌʌs', NOUN: null });
    expect(() => createMisakiLexicon({ gold: {}, silver: {}, dialect: 'en-AU' as 'en-US' })).toThrow(
      /dialect/,
    );
  });
});
