/**
 * Word → phonemes from the lexicons: misaki's `Lexicon.__call__`, `get_word`,
 * `get_special_case`, `is_known`, `lookup` and `get_NNP` (spec g2p.md §3.7).
 *
 * Also the suffix rules (-s, -ed, -ing), numbers (numbers.ts) and currency units.
 *
 * Tags: misaki gets Penn Treebank tags from spaCy; here they come from tagger.ts. A caller may
 * pass no tag (`undefined`); wherever misaki's rule depends on a tag, the code names the tag it
 * assumes then (`tag ?? 'DT'` …).
 */
import type { TokenContext } from './context';
import type { MisakiEntry, MisakiLexicon } from './lexicon';
import { CURRENCY_UNITS, getNumber, isNumber } from './numbers';
import { applyStress, PRIMARY_STRESS, SECONDARY_STRESS } from './phonemes';
import { suffixEd, suffixIng, suffixS } from './suffixes';

export interface LookupResult {
  phonemes: string;
  /** 5 user lexicon, 4 gold or special case, 3 silver or spelled (misaki's ratings). */
  rating: number;
}

/** What misaki keeps on a token besides its text and tag (`MToken.Underscore`). */
export interface LookupExtra {
  /** Is this the first subtoken of its word? (numbers: a leading `-` is "minus" only there). */
  isHead?: boolean;
  /** `$ £ €` this amount receives from a preceding currency symbol (§3.5 step 4). */
  currency?: string;
  /** Stress override from `[word](+1)` markup, applied last (§3.4). */
  stress?: number | null;
  /** Number flags from `[123](#a&#)` markup (§3.10). */
  numFlags?: string;
}

export interface WordLookup {
  /** Phonemes for one word (or merged span of subtokens), or `null` if it is not known. */
  lookup(
    text: string,
    tag: string | undefined,
    context: TokenContext,
    extra?: LookupExtra,
  ): LookupResult | null;
  /** Is this spelling a key of the user, gold or silver lexicon (after normalisation)? */
  hasWord(text: string): boolean;
}

/** `% & + @` are read as these words (misaki SYMBOLS). */
const SYMBOL_WORDS: Readonly<Record<string, string>> = { '%': 'percent', '&': 'and', '+': 'plus', '@': 'at' };

const IS_ALPHA = /^\p{L}+$/u;
/** No context at all (misaki passes `ctx=None`): POS entries use their tag or DEFAULT. */
const NO_CONTEXT: TokenContext = Object.freeze({ futureVowel: false, futureTo: false });
const IS_ASCII_ALPHA = /^[A-Za-z]+$/;

/** Creates the lookup for one dialect. `user` entries (word → phonemes) win over everything. */
export function createWordLookup(
  lexicon: MisakiLexicon,
  user: ReadonlyMap<string, string> = new Map(),
): WordLookup {
  const { gold, silver } = lexicon;
  const british = lexicon.dialect === 'en-GB';

  const goldValue = (word: string, tag = 'DEFAULT'): string | undefined => {
    const entry = gold.get(word);
    if (typeof entry === 'string') return entry;
    if (entry === undefined) return undefined;
    return entry[tag] ?? entry.DEFAULT ?? undefined;
  };

  const userValue = (word: string): string | undefined => user.get(word) ?? user.get(word.toLowerCase());

  /** misaki `is_known`. */
  const isKnown = (word: string): boolean => {
    if (gold.has(word) || silver.has(word) || Object.hasOwn(SYMBOL_WORDS, word)) return true;
    if (!IS_ASCII_ALPHA.test(word)) return false;
    if (word.length === 1) return true;
    if (word === word.toUpperCase() && gold.has(word.toLowerCase())) return true;
    const rest = word.slice(1);
    return rest === rest.toUpperCase();
  };

  /** misaki `get_NNP`: spell letter by letter, the last letter carrying the primary stress. */
  const spell = (word: string): LookupResult | null => {
    let joined = '';
    for (const char of word) {
      if (!IS_ALPHA.test(char)) continue;
      const letter = goldValue(char.toUpperCase());
      if (letter === undefined) return null;
      joined += letter;
    }
    if (joined === '') return null;
    const demoted = applyStress(joined, 0);
    const last = demoted.lastIndexOf(SECONDARY_STRESS);
    const phonemes =
      last === -1 ? demoted : demoted.slice(0, last) + PRIMARY_STRESS + demoted.slice(last + 1);
    return { phonemes, rating: 3 };
  };

  /** misaki `lookup`: gold, then silver, POS-keyed entries, spelling of acronyms. */
  const lookupKnown = (
    input: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    let word = input;
    let isProperNoun = false;
    if (word === word.toUpperCase() && !gold.has(word)) {
      word = word.toLowerCase();
      isProperNoun = tag === 'NNP';
    }
    let entry: MisakiEntry | undefined = gold.get(word);
    let rating = 4;
    if (entry === undefined && !isProperNoun) {
      entry = silver.get(word);
      rating = 3;
    }
    const phonemes = entry === undefined ? null : selectVariant(entry, tag, context);
    if (phonemes === null || (isProperNoun && !phonemes.includes(PRIMARY_STRESS))) {
      const spelled = spell(word);
      if (spelled !== null) return spelled;
    }
    if (phonemes === null) return null;
    return { phonemes: applyStress(phonemes, stress), rating };
  };

  /** misaki `get_special_case`; the first matching rule wins. */
  const specialCase = (
    word: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    // URLs and e-mail addresses (spaCy tag ADD): "." is "dot", "/" is "slash", unstressed.
    if (tag === 'ADD' && (word === '.' || word === '/')) {
      return lookupKnown(word === '.' ? 'dot' : 'slash', undefined, -0.5, context);
    }
    const symbolWord = SYMBOL_WORDS[word];
    if (symbolWord !== undefined && Object.hasOwn(SYMBOL_WORDS, word)) {
      return lookupKnown(symbolWord, undefined, null, context);
    }
    if (isDottedAbbreviation(word)) return spell(word);
    if (word === 'a' || word === 'A') {
      // No tag given: a determiner, unless nothing follows ("vitamin A.", "plan a").
      const assumed = tag ?? (context.futureVowel === null ? 'NN' : 'DT');
      return { phonemes: assumed === 'DT' ? 'ɐ' : 'ˈA', rating: 4 };
    }
    if (word === 'am' || word === 'Am' || word === 'AM') {
      const assumed = tag ?? 'VBP';
      if (assumed.startsWith('NN')) return spell(word);
      if (context.futureVowel === null || word !== 'am' || (stress !== null && stress > 0)) {
        const am = goldValue('am');
        return am === undefined ? null : { phonemes: am, rating: 4 };
      }
      return { phonemes: 'ɐm', rating: 4 };
    }
    if (word === 'an' || word === 'An' || word === 'AN') {
      if (word === 'AN' && (tag ?? 'DT').startsWith('NN')) return spell(word);
      return { phonemes: 'ɐn', rating: 4 };
    }
    if (word === 'I' && (tag ?? 'PRP') === 'PRP') return { phonemes: `${SECONDARY_STRESS}I`, rating: 4 };
    if ((word === 'by' || word === 'By' || word === 'BY') && parentTag(tag ?? 'IN') === 'ADV') {
      return { phonemes: 'bˈI', rating: 4 };
    }
    if (word === 'to' || word === 'To' || (word === 'TO' && ['TO', 'IN'].includes(tag ?? 'TO'))) {
      if (context.futureVowel === null) {
        const to = goldValue('to');
        return to === undefined ? null : { phonemes: to, rating: 4 };
      }
      return { phonemes: context.futureVowel ? 'tʊ' : 'tə', rating: 4 };
    }
    if (word === 'in' || word === 'In' || (word === 'IN' && (tag ?? 'IN') !== 'NNP')) {
      const mark = context.futureVowel === null || (tag ?? 'IN') !== 'IN' ? PRIMARY_STRESS : '';
      return { phonemes: `${mark}ɪn`, rating: 4 };
    }
    if (word === 'the' || word === 'The' || (word === 'THE' && (tag ?? 'DT') === 'DT')) {
      return { phonemes: context.futureVowel === true ? 'ði' : 'ðə', rating: 4 };
    }
    if ((tag ?? 'IN') === 'IN' && /^vs\.?$/i.test(word))
      return lookupKnown('versus', undefined, null, context);
    if (word === 'used' || word === 'Used' || word === 'USED') {
      // No tag given: "used to" is taken as the past-habitual verb (VBD), otherwise the participle.
      const assumed = tag ?? (context.futureTo ? 'VBD' : 'VBN');
      const used =
        (assumed === 'VBD' || assumed === 'JJ') && context.futureTo
          ? goldValue('used', 'VBD')
          : goldValue('used');
      return used === undefined ? null : { phonemes: used, rating: 4 };
    }
    return null;
  };

  /** misaki `get_word`. */
  const getWord = (
    input: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    const special = specialCase(input, tag, stress, context);
    if (special !== null) return special;
    let word = input;
    const lower = word.toLowerCase();
    // Case folding (§3.7 step 4): "WATER" or "Hello" not listed as written → the lowercase entry.
    if (
      [...word].length > 1 &&
      IS_ALPHA.test(word.replaceAll("'", '')) &&
      word !== lower &&
      (tag !== 'NNP' || [...word].length > 7) &&
      !gold.has(word) &&
      !silver.has(word) &&
      (word === word.toUpperCase() || word.slice(1) === word.slice(1).toLowerCase()) &&
      (gold.has(lower) ||
        silver.has(lower) ||
        stemS(lower, tag, stress, context) !== null ||
        stemEd(lower, tag, stress, context) !== null ||
        stemIng(lower, tag, stress, context) !== null)
    ) {
      word = lower;
    }
    if (isKnown(word)) return lookupKnown(word, tag, stress, context);
    // Possessives (§3.7 step 7): "dogs'" → "dog's"; "James'" → "James".
    if (word.endsWith("s'") && isKnown(`${word.slice(0, -2)}'s`)) {
      return lookupKnown(`${word.slice(0, -2)}'s`, tag, stress, context);
    }
    if (word.endsWith("'") && isKnown(word.slice(0, -1)))
      return lookupKnown(word.slice(0, -1), tag, stress, context);
    // Suffix rules on known stems (§3.7 step 8), in misaki's order.
    return (
      stemS(word, tag, stress, context) ??
      stemEd(word, tag, stress, context) ??
      stemIng(word, tag, stress ?? 0.5, context)
    );
  };

  /** misaki `stem_s`: cats, boxes, cities, X's. */
  const stemS = (
    word: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    if (word.length < 3 || !word.endsWith('s')) return null;
    let stem: string;
    if (!word.endsWith('ss') && isKnown(word.slice(0, -1))) stem = word.slice(0, -1);
    else if (
      (word.endsWith("'s") || (word.length > 4 && word.endsWith('es') && !word.endsWith('ies'))) &&
      isKnown(word.slice(0, -2))
    )
      stem = word.slice(0, -2);
    else if (word.length > 4 && word.endsWith('ies') && isKnown(`${word.slice(0, -3)}y`))
      stem = `${word.slice(0, -3)}y`;
    else return null;
    return withSuffix(lookupKnown(stem, tag, stress, context), suffixS);
  };

  /** misaki `stem_ed`: walked, wanted, needed. */
  const stemEd = (
    word: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    if (word.length < 4 || !word.endsWith('d')) return null;
    let stem: string;
    if (!word.endsWith('dd') && isKnown(word.slice(0, -1))) stem = word.slice(0, -1);
    else if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed') && isKnown(word.slice(0, -2)))
      stem = word.slice(0, -2);
    else return null;
    return withSuffix(lookupKnown(stem, tag, stress, context), suffixEd);
  };

  /** misaki `stem_ing`: running, making, stopping. */
  const stemIng = (
    word: string,
    tag: string | undefined,
    stress: number | null,
    context: TokenContext,
  ): LookupResult | null => {
    if (word.length < 5 || !word.endsWith('ing')) return null;
    let stem: string;
    if (word.length > 5 && isKnown(word.slice(0, -3))) stem = word.slice(0, -3);
    else if (isKnown(`${word.slice(0, -3)}e`)) stem = `${word.slice(0, -3)}e`;
    else if (word.length > 5 && /([bcdgklmnprstvxz])\1ing$|cking$/.test(word) && isKnown(word.slice(0, -4)))
      stem = word.slice(0, -4);
    else return null;
    return withSuffix(lookupKnown(stem, tag, stress, context), suffixIng);
  };

  const withSuffix = (
    stem: LookupResult | null,
    rule: (stem: string | null, british: boolean) => string | null,
  ): LookupResult | null => {
    const phonemes = rule(stem?.phonemes ?? null, british);
    return phonemes === null || stem === null ? null : { phonemes, rating: stem.rating };
  };

  /** misaki `lookup(word, None, stress, None)`: a plain word, no context (number words). */
  const plainWord = (word: string, stress: number | null): LookupResult | null =>
    lookupKnown(word, undefined, stress, NO_CONTEXT);

  /** misaki `append_currency`: "$5 million" → … dollars. */
  const appendCurrency = (phonemes: string, currency: string | undefined): string => {
    const units = currency === undefined ? undefined : CURRENCY_UNITS[currency];
    if (units === undefined) return phonemes;
    const unit = suffixS(plainWord(units[0], null)?.phonemes ?? null, british);
    return unit === null ? phonemes : `${phonemes} ${unit}`;
  };

  return {
    lookup(text, tag, context, extra = {}) {
      const override = extra.stress ?? null;
      const user = userValue(text);
      if (user !== undefined) return { phonemes: applyStress(user, override), rating: 5 };
      const word = normalizeWord(text);
      const normalizedUser = word === text ? undefined : userValue(word);
      if (normalizedUser !== undefined) return { phonemes: applyStress(normalizedUser, override), rating: 5 };
      // Capitalisation stress (§3.7 step 2): none for lowercase, 0.5 Capitalized, 2 ALL CAPS.
      const stress = word === word.toLowerCase() ? null : word === word.toUpperCase() ? 2 : 0.5;
      const found = getWord(word, tag, stress, context);
      if (found !== null) {
        return {
          phonemes: applyStress(appendCurrency(found.phonemes, extra.currency), override),
          rating: found.rating,
        };
      }
      const isHead = extra.isHead ?? true;
      if (!isNumber(word, isHead)) return null;
      const number = getNumber(word, {
        isHead,
        currency: extra.currency,
        flags: extra.numFlags,
        british,
        lookupWord: plainWord,
      });
      return number === null
        ? null
        : { phonemes: applyStress(number.phonemes, override), rating: number.rating };
    },
    hasWord(text) {
      const word = normalizeWord(text);
      return user.has(text) || user.has(word) || gold.has(word) || silver.has(word);
    },
  };
}

/** Picks the variant of a POS-keyed entry: `None` when no word follows, else tag, parent tag, DEFAULT. */
function selectVariant(entry: MisakiEntry, tag: string | undefined, context: TokenContext): string | null {
  if (typeof entry === 'string') return entry;
  let key: string | undefined = tag;
  if (context.futureVowel === null && Object.hasOwn(entry, 'None')) key = 'None';
  else if (key === undefined || !Object.hasOwn(entry, key)) key = parentTag(key);
  if (key !== undefined && Object.hasOwn(entry, key)) return entry[key] ?? null;
  return entry.DEFAULT ?? null;
}

/** misaki `get_parent_tag`: VB… → VERB, NN… → NOUN, RB… or ADV… → ADV, JJ… or ADJ… → ADJ. */
export function parentTag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  if (tag.startsWith('VB')) return 'VERB';
  if (tag.startsWith('NN')) return 'NOUN';
  if (tag.startsWith('RB') || tag.startsWith('ADV')) return 'ADV';
  if (tag.startsWith('JJ') || tag.startsWith('ADJ')) return 'ADJ';
  return tag;
}

/** `U.S.A.`, `A.B.C`, `e.g.`: letters in dot-separated pieces shorter than 3 (§3.7 step 3.3). */
function isDottedAbbreviation(word: string): boolean {
  const inner = word.replace(/^\.+|\.+$/g, '');
  if (!inner.includes('.')) return false;
  if (!IS_ALPHA.test(word.replaceAll('.', ''))) return false;
  return word.split('.').every((piece) => [...piece].length < 3);
}

/**
 * misaki's normalisation before lookup (§3.7 step 1): curly apostrophes → `'`, NFKC, and any
 * decimal digit of another script → its ASCII digit.
 */
export function normalizeWord(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (digit) => (digit <= '9' ? digit : String(digitValue(digit))));
}

/** Decimal digits come in runs of ten consecutive code points from 0 to 9 (Unicode policy). */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0) as number;
  let start = code;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}
