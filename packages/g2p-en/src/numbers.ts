/**
 * misaki's `is_number` / `get_number` (spec g2p.md §3.10): digits → words → each word from the
 * lexicon. Cases in misaki's order: ordinal, year, non-head digits, dotted groups, currency,
 * cardinal/float. The quirks are misaki's own (e.g. "$1.5" reads "one dollar and five cents").
 */
import { cardinalWords, floatWords, MAX_CARDINAL_DIGITS, ordinalWords, yearWords } from './num2words';
import { suffixEd, suffixIng, suffixS } from './suffixes';

/** Currency symbol → (unit, sub-unit) (misaki CURRENCIES). */
export const CURRENCY_UNITS: Readonly<Record<string, readonly [string, string]>> = {
  $: ['dollar', 'cent'],
  '£': ['pound', 'pence'],
  '€': ['euro', 'cent'],
};

const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th']);
const NUMBER_SUFFIXES = ['ing', "'d", 'ed', "'s", 'st', 'nd', 'rd', 'th', 's'];
const ALL_DIGITS = /^[0-9]+$/;

/** Number flags from `[…](#flags#)`: `a` ("a hundred"), `n` ("…ən"), `&` (say "and"). */
export type NumberFlags = string;

export interface NumberContext {
  /** Is this the head (first) subtoken of its word? A leading `-` is "minus" only there. */
  isHead: boolean;
  /** `$ £ €` remembered from a preceding currency token, if this amount receives it. */
  currency?: string;
  flags?: NumberFlags;
  british: boolean;
  /** A lexicon word with an optional stress (misaki `lookup(w, None, stress, None)`). */
  lookupWord(word: string, stress: number | null): { phonemes: string; rating: number } | null;
}

/** misaki `is_number`: digits (with `,` `.`, a head's leading `-`) after one optional suffix. */
export function isNumber(word: string, isHead: boolean): boolean {
  if (!/[0-9]/.test(word)) return false;
  let core = word;
  for (const suffix of NUMBER_SUFFIXES) {
    if (core.endsWith(suffix)) {
      core = core.slice(0, -suffix.length);
      break;
    }
  }
  for (let i = 0; i < core.length; i++) {
    const c = core[i] as string;
    if (!((c >= '0' && c <= '9') || c === ',' || c === '.' || (isHead && i === 0 && c === '-'))) return false;
  }
  return true;
}

/** misaki `get_number`; `null` when nothing could be said (misaki's "TODO:NUM"). */
export function getNumber(input: string, ctx: NumberContext): { phonemes: string; rating: number } | null {
  const flags = ctx.flags ?? '';
  const suffixMatch = /[a-z']+$/.exec(input);
  const suffix = suffixMatch?.[0];
  let word = suffix === undefined ? input : input.slice(0, -suffix.length);
  const result: { phonemes: string; rating: number }[] = [];
  const push = (found: { phonemes: string; rating: number } | null) => {
    if (found !== null) result.push(found);
  };
  if (word.startsWith('-')) {
    push(ctx.lookupWord('minus', null));
    word = word.slice(1);
  }
  /** misaki `extend_num`: words of a number (digits → num2words, or words if `isWords`). */
  const extend = (num: string, first = true, isWords = false) => {
    const text = isWords ? num : cardinalWords(num);
    const splits = text.split(/[^a-z]+/);
    splits.forEach((w, i) => {
      if (w !== 'and' || flags.includes('&')) {
        if (first && i === 0 && splits.length > 1 && w === 'one' && flags.includes('a')) {
          result.push({ phonemes: 'ə', rating: 4 });
        } else if (w !== '') {
          push(ctx.lookupWord(w, w === 'point' ? -2 : null));
        }
      } else if (w === 'and' && flags.includes('n') && result.length > 0) {
        const last = result[result.length - 1] as { phonemes: string; rating: number };
        last.phonemes += 'ən';
      }
    });
  };
  const digitsOnly = ALL_DIGITS.test(word);
  const currencyUnits = ctx.currency === undefined ? undefined : CURRENCY_UNITS[ctx.currency];

  if (digitsOnly && suffix !== undefined && ORDINAL_SUFFIXES.has(suffix)) {
    extend(ordinalWords(word), true, true);
  } else if (result.length === 0 && word.length === 4 && currencyUnits === undefined && digitsOnly) {
    extend(yearWords(Number(word)), true, true);
  } else if (!ctx.isHead && !word.includes('.')) {
    const num = word.replaceAll(',', '');
    if (num === '') return null;
    if (num[0] === '0' || num.length > 3) {
      for (const d of num) extend(d, false);
    } else if (num.length === 3 && !num.endsWith('00')) {
      extend(num[0] as string);
      if (num[1] === '0') {
        push(ctx.lookupWord('O', -2));
        extend(num[2] as string, false);
      } else {
        extend(num.slice(1), false);
      }
    } else {
      extend(num);
    }
  } else if (countDots(word) > 1 || !ctx.isHead) {
    let first = true;
    for (const num of word.replaceAll(',', '').split('.')) {
      if (num === '') {
        // skipped
      } else if (num[0] === '0' || (num.length !== 2 && [...num.slice(1)].some((d) => d !== '0'))) {
        for (const d of num) extend(d, false);
      } else {
        extend(num, first);
      }
      first = false;
    }
  } else if (currencyUnits !== undefined && isCurrencyAmount(word)) {
    let pairs = word
      .replaceAll(',', '')
      .split('.')
      .slice(0, 2)
      .map((num, i) => ({ num: num === '' ? '0' : num, unit: currencyUnits[i] as string }));
    if (pairs.length > 1) {
      if (isZero((pairs[1] as { num: string }).num)) pairs = pairs.slice(0, 1);
      else if (isZero((pairs[0] as { num: string }).num)) pairs = pairs.slice(1);
    }
    pairs.forEach(({ num, unit }, i) => {
      if (i > 0) push(ctx.lookupWord('and', null));
      extend(num, i === 0);
      const one = num.replace(/^0+(?=\d)/, '') === '1';
      if (!one && unit !== 'pence') {
        const unitPhonemes = ctx.lookupWord(unit, null);
        const plural = suffixS(unitPhonemes?.phonemes ?? null, ctx.british);
        if (plural !== null) result.push({ phonemes: plural, rating: unitPhonemes?.rating ?? 3 });
      } else {
        push(ctx.lookupWord(unit, null));
      }
    });
  } else {
    let words: string;
    if (digitsOnly) words = cardinalWords(word);
    else if (!word.includes('.')) {
      const num = word.replaceAll(',', '');
      if (!ALL_DIGITS.test(num)) return null;
      words = suffix !== undefined && ORDINAL_SUFFIXES.has(suffix) ? ordinalWords(num) : cardinalWords(num);
    } else {
      const num = word.replaceAll(',', '');
      if (num.startsWith('.')) {
        const digits = num.slice(1);
        if (!ALL_DIGITS.test(digits)) return null;
        words = `point ${[...digits].map((d) => cardinalWords(d)).join(' ')}`;
      } else {
        if (!/^\d+\.\d*$/.test(num)) return null;
        words = num.length > MAX_CARDINAL_DIGITS ? cardinalWords(num.replace('.', '')) : floatWords(num);
      }
    }
    extend(words, true, true);
  }
  if (result.length === 0) return null;
  const joined = result.map((r) => r.phonemes).join(' ');
  if (suffix === 's' || suffix === "'s") return wrap(suffixS(joined, ctx.british));
  if (suffix === 'ed' || suffix === "'d") return wrap(suffixEd(joined, ctx.british));
  if (suffix === 'ing') return wrap(suffixIng(joined, ctx.british));
  return { phonemes: joined, rating: Math.min(...result.map((r) => r.rating)) };
}

function wrap(phonemes: string | null): { phonemes: string; rating: number } | null {
  return phonemes === null ? null : { phonemes, rating: 4 };
}

function countDots(word: string): number {
  let n = 0;
  for (const c of word) if (c === '.') n++;
  return n;
}

function isZero(num: string): boolean {
  return /^0+$/.test(num);
}

/**
 * misaki `is_currency`: no dot, or one dot with fewer than 3 digits after it. (misaki's "all
 * zeros" alternative compares characters with the integer 0 and never matches; kept so.)
 */
export function isCurrencyAmount(word: string): boolean {
  if (!word.includes('.')) return true;
  if (countDots(word) > 1) return false;
  return (word.split('.')[1] as string).length < 3;
}
