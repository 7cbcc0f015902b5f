/**
 * Arabic numerals → Chinese numerals, as misaki's first step does with
 * `cn2an.transform(text, 'an2cn')` (cn2an 0.5.x; spec g2p.md §6 step 1). The passes, in cn2an's
 * order, each over the text the previous passes left unconverted:
 *
 * 1. date `(\d{2,4}年)?(\d{1,2}月)?(\d{1,2}日)?`: the year digit by digit (2024年 → 二零二四年),
 *    month and day as numbers (12月 → 十二月);
 * 2. fraction `\d+/\d+` → denominator 分之 numerator (3/4 → 四分之三);
 * 3. percent `-?(\d+\.)?\d+%` → 百分之 + number (50% → 百分之五十);
 * 4. celsius `\d+℃` → number + 摄氏度;
 * 5. number `-?(\d+\.)?\d+` → 负 for a minus, the integer with 十百千万亿 units and 零 for gaps,
 *    点 and the decimals digit by digit (-3.05 → 负三点零五; 10 → 十; 1001 → 一千零一).
 *
 * `\d` is ASCII or full-width digits (Python's `\d` also matches full-width ones and cn2an
 * converts them to half-width). cn2an supports integers up to 16 digits and keeps the first 16
 * decimals; longer integers make it give up and leave the digits, which the model then drops.
 * Here such digits are read one by one instead, with a warning (a documented difference).
 */

export interface NumeralSegment {
  /** Offsets of the segment in the source text (UTF-16). */
  start: number;
  end: number;
  /** The source text, or its Chinese numerals once converted. */
  text: string;
  converted: boolean;
}

export interface NumeralWarning {
  text: string;
  message: string;
}

const D = '[0-9０-９]';
/**
 * "Not right after a digit", for the patterns whose digit runs are unbounded (`\d+`): their
 * leftmost match never starts inside a digit run (one starting at the run's first digit would
 * match too), so this changes no result; it keeps `\d+/\d+` and the like from re-scanning a
 * long digit run from every position (quadratic). The date pattern's `\d{2,4}` is bounded and
 * can start mid-run (12345年 → 1 + 二三四五年), so it goes without.
 */
const START = `(?<!${D})`;
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
// Unit of each place, ones first (cn2an `unit_low_order_an2cn`): 16 places.
const UNITS = ['', '十', '百', '千', '万', '十', '百', '千', '亿', '十', '百', '千', '万', '十', '百', '千'];
const MAX_INTEGER_DIGITS = UNITS.length;
const MAX_DECIMALS = 16;

/** The number could not be converted the way cn2an does (too many digits). */
class TooLongError extends Error {}

function halfWidth(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Digits read one by one (cn2an "direct" mode): 2024 → 二零二四. */
export function readDigits(digits: string): string {
  let out = '';
  for (const c of halfWidth(digits)) out += c === '.' ? '点' : c === '-' ? '负' : (DIGITS[Number(c)] ?? c);
  return out;
}

/** The integer part with units (cn2an `__integer_convert`, "low" mode). */
function readInteger(raw: string): string {
  const digits = raw.replace(/^0+(?=\d)/, '');
  const n = digits.length;
  if (n > MAX_INTEGER_DIGITS) throw new TooLongError(`more than ${MAX_INTEGER_DIGITS} digits`);
  let out = '';
  for (let i = 0; i < n; i++) {
    const d = Number(digits[i]);
    const place = n - i - 1;
    if (d !== 0) {
      out += (DIGITS[d] as string) + (UNITS[place] as string);
    } else {
      // A zero on a 万/亿 boundary writes the boundary; other zeros write one 零 (collapsed below).
      if (place % 4 === 0) out += `零${UNITS[place] as string}`;
      if (i > 0 && !out.endsWith('零')) out += '零';
    }
  }
  out = out
    .replaceAll('零零', '零')
    .replaceAll('零万', '万')
    .replaceAll('零亿', '亿')
    .replaceAll('亿万', '亿')
    .replace(/^零+|零+$/g, '');
  if (out.startsWith('一十')) out = out.slice(1); // 十二, not 一十二
  return out === '' ? '零' : out;
}

/** A number as cn2an's an2cn "low" mode reads it: sign, integer, decimals. */
export function readNumber(text: string): string {
  let s = halfWidth(text);
  let sign = '';
  if (s.startsWith('-')) {
    sign = '负';
    s = s.slice(1);
  }
  const [integer = '', decimals] = s.split('.');
  let out = readInteger(integer);
  if (decimals !== undefined && decimals !== '') out += `点${readDigits(decimals.slice(0, MAX_DECIMALS))}`;
  return sign + out;
}

interface Pass {
  pattern: RegExp;
  convert: (match: string) => string;
}

const PASSES: readonly Pass[] = [
  {
    pattern: new RegExp(`(${D}{2,4}年)?(${D}{1,2}月)?(${D}{1,2}日)?`, 'g'),
    convert: (m) =>
      m.replace(new RegExp(`${D}+(?=年)`, 'g'), readDigits).replace(new RegExp(`${D}+`, 'g'), readNumber),
  },
  {
    pattern: new RegExp(`${START}${D}+/${D}+`, 'g'),
    convert: (m) => {
      const [numerator = '', denominator = ''] = m.split('/');
      return `${readNumber(denominator)}分之${readNumber(numerator)}`;
    },
  },
  {
    pattern: new RegExp(`-?${START}(${D}+\\.)?${D}+%`, 'g'),
    convert: (m) => `百分之${readNumber(m.slice(0, -1))}`,
  },
  { pattern: new RegExp(`${START}${D}+℃`, 'g'), convert: (m) => `${readNumber(m.slice(0, -1))}摄氏度` },
  { pattern: new RegExp(`-?${START}(${D}+\\.)?${D}+`, 'g'), convert: readNumber },
];

const ANY_DIGITS = new RegExp(`${D}+`, 'g');
const HAS_DIGIT = new RegExp(D);

/**
 * Splits `text` into unconverted source segments and converted numeral segments (in order,
 * covering the text). Digits cn2an would give up on are read one by one and reported.
 */
export function convertNumerals(
  text: string,
  onWarning?: (warning: NumeralWarning) => void,
): NumeralSegment[] {
  let segments: NumeralSegment[] = [{ start: 0, end: text.length, text, converted: false }];
  if (!HAS_DIGIT.test(text)) return segments;
  for (const pass of PASSES) segments = segments.flatMap((s) => (s.converted ? [s] : applyPass(s, pass)));
  // What is left is digits cn2an could not convert: read them one by one rather than drop them.
  const fallback: Pass = {
    pattern: ANY_DIGITS,
    convert: (m) => {
      onWarning?.({
        text: m,
        message: `The number ${abbreviate(m)} has more than ${MAX_INTEGER_DIGITS} digits, which cn2an does not read; read digit by digit.`,
      });
      return readDigits(m);
    },
  };
  return segments.flatMap((s) => (s.converted ? [s] : applyPass(s, fallback)));
}

function applyPass(segment: NumeralSegment, pass: Pass): NumeralSegment[] {
  const out: NumeralSegment[] = [];
  let last = 0;
  const source = segment.text;
  pass.pattern.lastIndex = 0;
  for (const match of source.matchAll(pass.pattern)) {
    const m = match[0];
    if (m === '') continue;
    let converted: string;
    try {
      converted = pass.convert(m);
    } catch (error) {
      if (error instanceof TooLongError) continue; // cn2an leaves the match as it was
      throw error;
    }
    const index = match.index;
    if (index > last) out.push(slice(segment, last, index));
    out.push({
      start: segment.start + index,
      end: segment.start + index + m.length,
      text: converted,
      converted: true,
    });
    last = index + m.length;
  }
  if (last === 0) return [segment];
  if (last < source.length) out.push(slice(segment, last, source.length));
  return out;
}

function slice(segment: NumeralSegment, from: number, to: number): NumeralSegment {
  return {
    start: segment.start + from,
    end: segment.start + to,
    text: segment.text.slice(from, to),
    converted: false,
  };
}

function abbreviate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
