import { describe, expect, it } from 'vitest';
import { numberToKana } from './num2kana';

// Readings worked out by hand from the num2kana rules listed in num2kana.ts.
const CASES: [string, string][] = [
  ['0', 'ぜろ'],
  ['000', 'ぜろ'],
  ['7', 'なな'],
  ['007', 'なな'],
  ['10', 'じゅう'],
  ['11', 'じゅういち'],
  ['20', 'にじゅう'],
  ['42', 'よんじゅうに'],
  ['100', 'ひゃく'],
  ['101', 'ひゃくいち'],
  ['110', 'ひゃくじゅう'],
  ['300', 'さんびゃく'],
  ['600', 'ろっぴゃく'],
  ['800', 'はっぴゃく'],
  ['999', 'きゅうひゃくきゅうじゅうきゅう'],
  ['1000', 'せん'],
  ['1001', 'せんいち'],
  ['1200', 'せんにひゃく'],
  ['2024', 'にせんにじゅうよん'],
  ['3000', 'さんぜん'],
  ['8000', 'はっせん'],
  ['10000', 'いちまん'],
  ['11000', 'いちまんいっせん'],
  ['100100', 'じゅうまんひゃく'],
  ['10000000', 'いっせんまん'],
  ['100000000', 'いちおく'],
  ['100000001', 'いちおくいち'],
  ['123456789', 'いちおくにせんさんびゃくよんじゅうごまんろくせんななひゃくはちじゅうきゅう'],
  ['1234567890', 'いちにさんよんごろくななはちきゅうぜろ'],
];

describe('numberToKana (misaki num2kana)', () => {
  it.each(CASES)('%s → %s', (digits, kana) => {
    expect(numberToKana(digits)).toBe(kana);
  });

  it('rejects anything but ASCII digits', () => {
    expect(() => numberToKana('12a')).toThrow(TypeError);
    expect(() => numberToKana('')).toThrow(TypeError);
  });

  it('reads a very long run digit by digit without hanging', () => {
    expect(numberToKana('9'.repeat(10_000))).toBe('きゅう'.repeat(10_000));
  });
});
