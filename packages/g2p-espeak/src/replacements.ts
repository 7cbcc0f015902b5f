/**
 * misaki's post-processing of espeak-ng IPA (spec g2p.md §3.13 and §4). Pure string functions:
 * the input is espeak's `--ipa` output with the tie character `^`.
 */

/** §4: `EspeakG2P` replacements for es, fr-fr, hi, it, pt-br (keys never overlap). */
export const ESPEAK_LANGUAGE_REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['a^ɪ', 'I'],
  ['a^ʊ', 'W'],
  ['d^z', 'ʣ'],
  ['d^ʒ', 'ʤ'],
  ['e^ɪ', 'A'],
  ['o^ʊ', 'O'],
  ['s^s', 'S'],
  ['t^s', 'ʦ'],
  ['t^ʃ', 'ʧ'],
  ['ɔ^ɪ', 'Y'],
  ['ə^ʊ', 'Q'],
];

/**
 * §3.13(a): `EspeakFallback` replacements for English, in the order misaki applies them
 * (longest key first, equal lengths in listed order). Applied one after the other over the whole
 * string, so an earlier rule can consume what a later one would have matched (the GB `chair` quirk).
 */
export const ESPEAK_FALLBACK_REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['ʔˌn\u0329', 'ʔn'],
  ['ʔn\u0329', 'ʔn'],
  ['a^ɪ', 'I'],
  ['a^ʊ', 'W'],
  ['d^ʒ', 'ʤ'],
  ['e^ɪ', 'A'],
  ['t^ʃ', 'ʧ'],
  ['ɔ^ɪ', 'Y'],
  ['ə^l', 'ᵊl'],
  ['ʲo', 'jo'],
  ['ʲə', 'jə'],
  ['e', 'A'],
  ['ʲ', ''],
  ['ɚ', 'əɹ'],
  ['r', 'ɹ'],
  ['x', 'k'],
  ['ç', 'k'],
  ['ɐ', 'ə'],
  ['ɬ', 'l'],
  ['\u0303', ''],
];

/** Removes espeak's language-switch flags such as `(en)` or, with ties, `(^h^i)` (§4 `remove-flags`). */
export function removeLanguageFlags(ipa: string): string {
  return ipa.replace(/\([^()]*\)/g, '');
}

function replaceAllInOrder(text: string, table: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of table) out = out.replaceAll(from, to);
  return out;
}

/**
 * §4 for one word (or one clause) of es / fr-fr / hi / it / pt-br: the tie table, then delete `^`
 * and `-` (v1.0: no nasal-vowel letters, U+0303 stays, no `r`→`ɹ`, no `ɾ`→`T`, `ː` kept).
 */
export function applyEspeakLanguageRules(ipa: string): string {
  return replaceAllInOrder(ipa, ESPEAK_LANGUAGE_REPLACEMENTS).replaceAll('^', '').replaceAll('-', '');
}

/** §3.13(a) in full for Kokoro v1.0 (version unset): the table, syllabic consonants, dialect rules, `o`→`ɔ`, `ɾ`→`T`, `ʔ`→`t`, delete `^`. */
export function applyEspeakFallbackRules(ipa: string, dialect: 'us' | 'gb'): string {
  let ps = replaceAllInOrder(ipa, ESPEAK_FALLBACK_REPLACEMENTS);
  // A syllabic consonant becomes schwa + consonant; a stray syllabic mark is deleted.
  ps = ps.replace(/(\S)\u0329/gu, 'ᵊ$1').replaceAll('\u0329', '');
  if (dialect === 'gb') {
    ps = ps.replaceAll('e^ə', 'ɛː').replaceAll('iə', 'ɪə').replaceAll('ə^ʊ', 'Q');
  } else {
    ps = ps
      .replaceAll('o^ʊ', 'O')
      .replaceAll('ɜːɹ', 'ɜɹ')
      .replaceAll('ɜː', 'ɜɹ')
      .replaceAll('ɪə', 'iə')
      .replaceAll('ː', '');
  }
  // misaki: "for espeak < 1.52"; it runs whatever the espeak version.
  ps = ps.replaceAll('o', 'ɔ');
  ps = ps.replaceAll('ɾ', 'T').replaceAll('ʔ', 't');
  return ps.replaceAll('^', '');
}
