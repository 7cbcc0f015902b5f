import { MAPPING_TABLE, SMALL_KANA } from './kana-table';

/**
 * Katakana → hiragana, as jaconv's `kata2hira` does: ァ…ヶ shift down by 0x60, and so do the
 * iteration marks ヽ ヾ. `ー`, `ヷ ヸ ヹ ヺ` (no hiragana form) and everything else stay.
 */
export function katakanaToHiragana(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const shift = (code >= 0x30a1 && code <= 0x30f6) || code === 0x30fd || code === 0x30fe;
    out += shift ? String.fromCodePoint(code - 0x60) : char;
  }
  return out;
}

const DAKUTEN_FROM = 'かきくけこさしすせそたちつてとはひふへほ';
const DAKUTEN_TO = 'がぎぐげござじずぜぞだぢづでどばびぶべぼ';

function value(kana: string | undefined): string | undefined {
  return kana === undefined ? undefined : MAPPING_TABLE.get(kana);
}

/** Drops the last code point (values hold multi-unit symbols such as `ʲ`, all single code points). */
function withoutLast(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}

/**
 * `ん` takes the place of articulation of the next kana's value (spec §5.3 rule 8): `m` before
 * m p b, `ŋ` before k ɡ, `ɲ` before ɲ ʨ ʥ, `n` before n t d ɾ z, otherwise (word end, vowels,
 * `ʣ`, `s`, `h` …) the uvular `ɴ`.
 */
function moraicNasal(next: string | undefined): string {
  const following = value(next);
  const first = following ? Array.from(following)[0] : undefined;
  if (first === undefined) return 'ɴ';
  if ('mpb'.includes(first)) return 'm';
  if ('kɡ'.includes(first)) return 'ŋ';
  if (first === 'ɲ' || first === 'ʨ' || first === 'ʥ') return 'ɲ';
  if ('ntdɾz'.includes(first)) return 'n';
  return 'ɴ';
}

/**
 * The phonemes of one kana `kana` between `previous` and `next` (spec §5.3 mapping rules, first
 * match wins). Exported for tests; `kanaToPhonemes` is the entry point.
 */
export function mapKana(previous: string | undefined, kana: string, next: string | undefined): string {
  // Rule 1: iteration marks.
  if (kana === 'ゝ' || kana === 'ヽ') return previous ?? ''; // a quirk: the kana itself, unmapped
  if (kana === 'ゞ' || kana === 'ヾ') {
    const index = previous === undefined ? -1 : DAKUTEN_FROM.indexOf(previous);
    const voiced = index < 0 ? undefined : DAKUTEN_TO[index];
    return value(voiced) ?? '';
  }
  if (kana === '々' || kana === '〃') return '';
  // Rule 2: the second kana of a digraph emits the digraph.
  const digraph = previous === undefined ? undefined : value(previous + kana);
  if (digraph !== undefined) return digraph;
  // Rule 3: the first kana of a digraph emits nothing.
  if (next !== undefined && value(kana + next) !== undefined) return '';
  // Rule 4: kana + small kana that is not a digraph. misaki raises when the kana has no table
  // value (ん or ー before a small kana); here such kana fall through to their own rules.
  if (next !== undefined && SMALL_KANA.has(next)) {
    if (kana === 'っ') return '';
    const own = value(kana);
    if (own !== undefined) return withoutLast(own) + (value(next) ?? '');
  }
  // Rule 5: a small kana on its own (already used by rule 4 for the kana before it).
  if (SMALL_KANA.has(kana)) return '';
  // Rules 6-8: long vowel mark, sokuon, moraic nasal.
  if (kana === 'ー') return 'ː';
  if (kana === 'っ') return 'ʔ';
  if (kana === 'ん') return moraicNasal(next);
  // Rule 9: the table value, or nothing.
  return value(kana) ?? '';
}

/**
 * Phonemes of a word's reading, kana by kana (spec §5.3). Katakana is converted to hiragana
 * first. Characters outside the table give '' (or, for ゝ, the previous kana itself — the caller
 * filters non-vocabulary output).
 */
export function kanaToPhonemes(reading: string): string {
  const chars = Array.from(katakanaToHiragana(reading));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    out += mapKana(chars[i - 1], chars[i] as string, chars[i + 1]);
  }
  return out;
}
