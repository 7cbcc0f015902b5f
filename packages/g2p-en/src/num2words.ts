/**
 * English number words with the semantics of Python's `num2words` 0.5 (`lang='en'`), which
 * misaki uses to read numbers (spec g2p.md §3.10): cardinals ("one hundred and five"),
 * ordinals ("twenty-third"), years ("nineteen oh-five") and floats ("three point one four").
 * Only the words matter to misaki (it splits on non-letters), but the "and"s are kept because
 * the `&` and `n` number flags use them.
 */

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** Powers of a thousand, as num2words names them (short scale). */
const SCALES = [
  '',
  'thousand',
  'million',
  'billion',
  'trillion',
  'quadrillion',
  'quintillion',
  'sextillion',
  'septillion',
  'octillion',
  'nonillion',
  'decillion',
];
/** num2words refuses numbers from 10**(3·len(SCALES)) on; misaki would crash, we read digits. */
export const MAX_CARDINAL_DIGITS = SCALES.length * 3;

const ORDINAL_WORDS: Readonly<Record<string, string>> = {
  one: 'first',
  two: 'second',
  three: 'third',
  four: 'fourth',
  five: 'fifth',
  six: 'sixth',
  seven: 'seventh',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/**
 * Cardinal words of a non-negative integer given as a digit string. num2words merges pieces
 * with "-" (tens-units), " and " (hundreds/thousands followed by less than a hundred), " "
 * (multiplying) and ", " (adding larger groups); the output here follows those merges.
 */
export function cardinalWords(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (clean.length > MAX_CARDINAL_DIGITS) return [...clean].map((d) => ONES[Number(d)]).join(' ');
  return merge(BigInt(clean));
}

function merge(n: bigint): string {
  if (n < 20n) return ONES[Number(n)] as string;
  if (n < 100n) {
    const tens = TENS[Number(n / 10n)] as string;
    const units = n % 10n;
    return units === 0n ? tens : `${tens}-${ONES[Number(units)]}`;
  }
  if (n < 1000n) {
    const rest = n % 100n;
    const head = `${ONES[Number(n / 100n)]} hundred`;
    return rest === 0n ? head : `${head} and ${merge(rest)}`;
  }
  // Largest scale at or below n.
  let scale = 1;
  let unit = 1000n;
  while (scale + 1 < SCALES.length && unit * 1000n <= n) {
    unit *= 1000n;
    scale++;
  }
  const high = n / unit;
  const rest = n % unit;
  const head = `${merge(high)} ${SCALES[scale]}`;
  if (rest === 0n) return head;
  return rest < 100n ? `${head} and ${merge(rest)}` : `${head}, ${merge(rest)}`;
}

/** num2words `to_ordinal`: the last word of the cardinal becomes ordinal. */
export function ordinalWords(digits: string): string {
  const cardinal = cardinalWords(digits);
  const cut = Math.max(cardinal.lastIndexOf(' '), cardinal.lastIndexOf('-'));
  const last = cardinal.slice(cut + 1);
  let ordinal = ORDINAL_WORDS[last];
  if (ordinal === undefined) ordinal = `${last.endsWith('y') ? `${last.slice(0, -1)}ie` : last}th`;
  return cardinal.slice(0, cut + 1) + ordinal;
}

/** num2words `to_year` for a non-negative year (spec §3.10 case 2). */
export function yearWords(year: number): string {
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (high === 0 || (high % 10 === 0 && low < 10) || high >= 100) return cardinalWords(String(year));
  const lowText = low === 0 ? 'hundred' : low < 10 ? `oh-${ONES[low]}` : cardinalWords(String(low));
  return `${cardinalWords(String(high))} ${lowText}`;
}

/**
 * num2words of a Python float parsed from `text` (digits with one dot): an integral value reads
 * as a cardinal ("12.00" → twelve); otherwise the integer part, "point", then each digit of the
 * shortest representation ("1.50" → one point five).
 */
export function floatWords(text: string): string {
  const value = Number(text);
  if (!Number.isFinite(value)) return cardinalWords(text.replace(/\D/g, '') || '0');
  if (Number.isInteger(value)) return cardinalWords(text.split('.')[0] || '0');
  const repr = String(value);
  if (!/^\d+\.\d+$/.test(repr)) {
    // Exponent notation (very small or large): read the written digits instead.
    const [int = '0', frac = ''] = text.split('.');
    return [cardinalWords(int || '0'), 'point', ...[...frac].map((d) => ONES[Number(d)])].join(' ');
  }
  const [int = '0', frac = ''] = repr.split('.');
  return [cardinalWords(int), 'point', ...[...frac].map((d) => ONES[Number(d)])].join(' ');
}
