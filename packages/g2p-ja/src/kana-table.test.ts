import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/kana-table.json';
import { KANA_PHONEMES, PUNCTUATION } from './kana-table';

/** Expands the hand transcription of the fixture into key → value pairs. */
function fromFixture(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [kana, values] of fixture.grid.rows) {
    const parts = (values as string).split(' ');
    Array.from(kana as string).forEach((k, i) => {
      out.set(k, parts[i] as string);
    });
  }
  const other = fixture.other.split(' ');
  for (let i = 0; i < other.length; i += 2) out.set(other[i] as string, other[i + 1] as string);
  const columns = fixture.digraphs.columns.split(' ');
  for (const [first, row] of Object.entries(fixture.digraphs.rows)) {
    row.split(' ').forEach((value, i) => {
      if (value !== '-') out.set(first + columns[i], value);
    });
  }
  return out;
}

describe('kana → phoneme table (spec §5.3)', () => {
  it('has the 164 kana entries: 88 single kana and 76 digraphs', () => {
    const keys = Object.keys(KANA_PHONEMES);
    expect(keys).toHaveLength(164);
    expect(keys.filter((k) => k.length === 1)).toHaveLength(88);
    expect(keys.filter((k) => k.length === 2)).toHaveLength(76);
  });

  it('matches an independent transcription, entry by entry', () => {
    const expected = fromFixture();
    expect(expected.size).toBe(164);
    for (const [kana, value] of expected) expect(KANA_PHONEMES[kana], kana).toBe(value);
    for (const kana of Object.keys(KANA_PHONEMES)) expect(expected.has(kana), kana).toBe(true);
  });

  it('matches the punctuation table, including ・ → space', () => {
    const pairs = fixture.punctuation.split(' ');
    const expected = new Map<string, string>([['・', ' ']]);
    for (let i = 0; i < pairs.length; i += 2) expected.set(pairs[i] as string, pairs[i + 1] as string);
    expect(new Map(Object.entries(PUNCTUATION))).toEqual(expected);
  });

  it('covers every hiragana ぁ…ゖ except っ and ん', () => {
    for (let code = 0x3041; code <= 0x3096; code++) {
      const kana = String.fromCodePoint(code);
      if (kana === 'っ' || kana === 'ん') expect(KANA_PHONEMES[kana]).toBeUndefined();
      else expect(KANA_PHONEMES[kana], kana).toBeDefined();
    }
  });

  it('emits only Kokoro v1.0 vocabulary symbols (ɡ U+0261, never ASCII g)', () => {
    const tokenizer = createTokenizer();
    for (const [kana, value] of Object.entries(KANA_PHONEMES)) {
      for (const char of value) expect(tokenizer.has(char), `${char} in ${kana}`).toBe(true);
      expect(value).not.toContain('g');
    }
  });

  const specPath = join(sharedDir, 'spec', 'g2p.md');
  it.runIf(existsSync(specPath))('matches the table as printed in the spec itself', () => {
    const spec = readFileSync(specPath, 'utf8');
    const section = spec.slice(spec.indexOf('### 5.3'), spec.indexOf('### 5.4'));
    const found = new Map<string, string>();
    // Grid rows: "| k | か `ka` | き `kʲi` | …".
    for (const match of section.matchAll(/([\u3041-\u30FA])(?:\/([\u3041-\u30FA]))? `([^`]+)`/g)) {
      found.set(match[1] as string, match[3] as string);
      if (match[2]) found.set(match[2], match[3] as string);
    }
    // Digraph rows: "| き | `kʲa` | `kʲɨ` | … |" under the header "+ ゃ | + ゅ | …".
    const header = section.match(/\| first kana \|(.*)\|/);
    const columns = (header?.[1] ?? '').split('|').map((c) => c.replace('+', '').trim());
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const first = cells[1];
      if (!first || !/^[\u3041-\u3096]$/.test(first) || cells.length < 10) continue;
      cells.slice(2, 10).forEach((cell, i) => {
        const value = cell.match(/^`([^`]+)`$/)?.[1];
        if (value) found.set(first + columns[i], value);
      });
    }
    expect(found.size).toBe(164);
    for (const [kana, value] of found) expect(KANA_PHONEMES[kana], kana).toBe(value);
  });
});
