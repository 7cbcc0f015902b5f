/**
 * Arabic numerals → hiragana, following misaki's `num2kana.Convert` (spec g2p.md §5.2 step 1;
 * misaki copies it from Greatdane/Convert-Numbers-to-Japanese). The rules, as derived from it:
 *
 * - leading zeros are dropped; `0` alone reads ゼロ (katakana in the source; hiragana here, since
 *   the reading is converted to hiragana before the kana table anyway);
 * - 10-99: 10 じゅう, 1x じゅう+x, x0 x+じゅう, else x+じゅう+y;
 * - hundreds: 1 ひゃく, 3 さんびゃく, 6 ろっぴゃく, 8 はっぴゃく, else digit+ひゃく;
 * - thousands: 1 せん when the number is 1000-9999 itself but いっせん inside a larger number
 *   (so 11000 reads いちまんいっせん — a quirk kept for parity), 3 さんぜん, 8 はっせん;
 * - 万 (10^4) and 億 (10^8) groups; at most 9 digits.
 *
 * Deviation, documented: for more than 9 digits the source returns an English error string
 * (which misaki would then pass on as ASCII); here such runs are read digit by digit.
 */

const DIGITS = ['ぜろ', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'] as const;
const TEN = 'じゅう';
const HUNDRED = 'ひゃく';
const THOUSAND = 'せん';
const MAN = 'まん';
const OKU = 'おく';
const HUNDREDS: Readonly<Record<string, string>> = {
  '1': HUNDRED,
  '3': 'さんびゃく',
  '6': 'ろっぴゃく',
  '8': 'はっぴゃく',
};
const THOUSANDS: Readonly<Record<string, string>> = { '3': 'さんぜん', '8': 'はっせん' };

/** The most digits `numberToKana` reads as a number; longer runs are read digit by digit. */
export const MAX_NUMBER_DIGITS = 9;

function digit(d: string): string {
  return DIGITS[Number(d)] ?? '';
}

function twoDigits(n: string): string {
  const [a = '0', b = '0'] = n;
  if (a === '0') return digit(b);
  if (n === '10') return TEN;
  if (a === '1') return TEN + digit(b);
  if (b === '0') return digit(a) + TEN;
  return digit(a) + TEN + digit(b);
}

function threeDigits(n: string): string {
  const a = n[0] ?? '0';
  let out = HUNDREDS[a] ?? digit(a) + HUNDRED;
  const rest = n.slice(1);
  if (rest === '00') return out;
  out += rest[0] === '0' ? digit(rest[1] ?? '0') : twoDigits(rest);
  return out;
}

function fourDigits(n: string, standAlone: boolean): string {
  if (n === '0000') return '';
  const trimmed = n.replace(/^0+/, '');
  if (trimmed.length === 1) return digit(trimmed);
  if (trimmed.length === 2) return twoDigits(trimmed);
  if (trimmed.length === 3) return threeDigits(trimmed);
  const a = trimmed[0] ?? '0';
  let out: string;
  if (a === '1') out = standAlone ? THOUSAND : 'いっせん';
  else out = THOUSANDS[a] ?? digit(a) + THOUSAND;
  const rest = trimmed.slice(1);
  if (rest === '000') return out;
  return out + (rest[0] === '0' ? twoDigits(rest.slice(1)) : threeDigits(rest));
}

function largeNumber(n: string): string {
  const head = n.slice(0, -4);
  const tail = fourDigits(n.slice(-4), false);
  switch (head.length) {
    case 1:
      return digit(head) + MAN + tail;
    case 2:
      return twoDigits(head) + MAN + tail;
    case 3:
      return threeDigits(head) + MAN + tail;
    case 4:
      return fourDigits(head, false) + MAN + tail;
    default: {
      // 9 digits: d 億, then a 万 group unless it is all zeros, then the last four.
      const manGroup = n.slice(1, 5);
      return digit(n[0] ?? '0') + OKU + fourDigits(manGroup, false) + (manGroup === '0000' ? '' : MAN) + tail;
    }
  }
}

/**
 * The hiragana reading of a run of ASCII digits (`/^[0-9]+$/`). Throws on anything else (the
 * caller only passes digit runs).
 */
export function numberToKana(digits: string): string {
  if (!/^[0-9]+$/.test(digits))
    throw new TypeError(`numberToKana expects ASCII digits, got ${JSON.stringify(digits)}`);
  const n = digits.replace(/^0+(?=.)/, '');
  if (n.length > MAX_NUMBER_DIGITS) return Array.from(n, digit).join('');
  if (n.length === 1) return digit(n);
  if (n.length === 2) return twoDigits(n);
  if (n.length === 3) return threeDigits(n);
  if (n.length === 4) return fourDigits(n, true);
  return largeNumber(n);
}
