/**
 * The kana → phoneme table of misaki's cutlet path (spec g2p.md §5.3: cutlet's HEPBURN table as
 * modified by misaki, 164 kana entries) and its punctuation table.
 *
 * Keys are hiragana (katakana is converted first); `ヷ ヸ ヹ ヺ` have no hiragana form and are
 * keyed as katakana. `っ` and `ん` are not in the table: rules handle them (see `kana.ts`).
 * Every value uses only Kokoro v1.0 vocabulary symbols (`ɡ` is U+0261, never ASCII `g`).
 */

/** Single kana: 84 hiragana (ぁ…ゖ minus っ and ん) + the 4 katakana-only ones = 88 entries. */
const SINGLE_KANA: Readonly<Record<string, string>> = {
  // vowels and small vowels
  あ: 'a',
  い: 'i',
  う: 'ɯ',
  え: 'e',
  お: 'o',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'ɯ',
  ぇ: 'e',
  ぉ: 'o',
  // k, g
  か: 'ka',
  き: 'kʲi',
  く: 'kɯ',
  け: 'ke',
  こ: 'ko',
  が: 'ɡa',
  ぎ: 'ɡʲi',
  ぐ: 'ɡɯ',
  げ: 'ɡe',
  ご: 'ɡo',
  // s, z
  さ: 'sa',
  し: 'ɕi',
  す: 'sɨ',
  せ: 'se',
  そ: 'so',
  ざ: 'ʣa',
  じ: 'ʥi',
  ず: 'zɨ',
  ぜ: 'ʣe',
  ぞ: 'ʣo',
  // t, d
  た: 'ta',
  ち: 'ʨi',
  つ: 'ʦɨ',
  て: 'te',
  と: 'to',
  だ: 'da',
  ぢ: 'ʥi',
  づ: 'zɨ',
  で: 'de',
  ど: 'do',
  // n
  な: 'na',
  に: 'ɲi',
  ぬ: 'nɯ',
  ね: 'ne',
  の: 'no',
  // h, b, p
  は: 'ha',
  ひ: 'çi',
  ふ: 'ɸɯ',
  へ: 'he',
  ほ: 'ho',
  ば: 'ba',
  び: 'bʲi',
  ぶ: 'bɯ',
  べ: 'be',
  ぼ: 'bo',
  ぱ: 'pa',
  ぴ: 'pʲi',
  ぷ: 'pɯ',
  ぺ: 'pe',
  ぽ: 'po',
  // m
  ま: 'ma',
  み: 'mʲi',
  む: 'mɯ',
  め: 'me',
  も: 'mo',
  // y (full and small)
  や: 'ja',
  ゃ: 'ja',
  ゆ: 'jɯ',
  ゅ: 'jɯ',
  よ: 'jo',
  ょ: 'jo',
  // r
  ら: 'ɾa',
  り: 'ɾʲi',
  る: 'ɾɯ',
  れ: 'ɾe',
  ろ: 'ɾo',
  // w and archaic
  わ: 'βa',
  ゎ: 'βa',
  ゐ: 'i',
  ゑ: 'e',
  を: 'o',
  // v and small ka/ke
  ゔ: 'vɯ',
  ゕ: 'ka',
  ゖ: 'ke',
  // katakana-only voiced w-row
  ヷ: 'va',
  ヸ: 'vʲi',
  ヹ: 've',
  ヺ: 'vo',
};

/** Digraphs: kana + small kana, 76 entries (spec §5.3 digraph table, row by row). */
const DIGRAPHS: Readonly<Record<string, string>> = {
  いぇ: 'je',
  うぃ: 'βi',
  うぇ: 'βe',
  うぉ: 'βo',
  きゃ: 'kʲa',
  きゅ: 'kʲɨ',
  きょ: 'kʲo',
  きぇ: 'kʲe',
  ぎゃ: 'ɡʲa',
  ぎゅ: 'ɡʲɨ',
  ぎょ: 'ɡʲo',
  くぁ: 'kᵝa',
  くぃ: 'kᵝi',
  くぇ: 'kᵝe',
  くぉ: 'kᵝo',
  ぐぁ: 'ɡᵝa',
  ぐぃ: 'ɡᵝi',
  ぐぇ: 'ɡᵝe',
  ぐぉ: 'ɡᵝo',
  しゃ: 'ɕa',
  しゅ: 'ɕɨ',
  しょ: 'ɕo',
  しぇ: 'ɕe',
  じゃ: 'ʥa',
  じゅ: 'ʥɨ',
  じょ: 'ʥo',
  じぇ: 'ʥe',
  ちゃ: 'ʨa',
  ちゅ: 'ʨɨ',
  ちょ: 'ʨo',
  ちぇ: 'ʨe',
  ぢゃ: 'ʥa',
  ぢゅ: 'ʥɨ',
  ぢょ: 'ʥo',
  つぁ: 'ʦa',
  つぃ: 'ʦʲi',
  つぇ: 'ʦe',
  つぉ: 'ʦo',
  てゅ: 'tʲɨ',
  てぃ: 'tʲi',
  でゅ: 'dʲɨ',
  でぃ: 'dʲi',
  とぅ: 'tɯ',
  どぅ: 'dɯ',
  にゃ: 'ɲa',
  にゅ: 'ɲɨ',
  にょ: 'ɲo',
  にぇ: 'ɲe',
  ひゃ: 'ça',
  ひゅ: 'çɨ',
  ひょ: 'ço',
  ひぇ: 'çe',
  びゃ: 'bʲa',
  びゅ: 'bʲɨ',
  びょ: 'bʲo',
  ぴゃ: 'pʲa',
  ぴゅ: 'pʲɨ',
  ぴょ: 'pʲo',
  ふゅ: 'ɸʲɨ',
  ふょ: 'ɸʲo',
  ふぁ: 'ɸa',
  ふぃ: 'ɸʲi',
  ふぇ: 'ɸe',
  ふぉ: 'ɸo',
  みゃ: 'mʲa',
  みゅ: 'mʲɨ',
  みょ: 'mʲo',
  りゃ: 'ɾʲa',
  りゅ: 'ɾʲɨ',
  りょ: 'ɾʲo',
  // ゔゅ → bʲɨ and ゔょ → bʲo are as in the source (spec §5.3 note).
  ゔゅ: 'bʲɨ',
  ゔょ: 'bʲo',
  ゔぁ: 'va',
  ゔぃ: 'vʲi',
  ゔぇ: 've',
  ゔぉ: 'vo',
};

/**
 * Punctuation (spec §5.3 "Punctuation table"). Values are what misaki emits; `( ) [ ]` are not in
 * the v1.0 vocabulary (misaki turns `( )` into `« »`, also not in it), so the G2P drops them and
 * reports it. `・` maps to a space.
 */
export const PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.',
  '、': ',',
  '？': '?',
  '！': '!',
  '「': '“',
  '『': '“',
  '«': '“',
  '」': '”',
  '』': '”',
  '»': '”',
  '：': ':',
  '；': ';',
  '（': '(',
  '《': '(',
  '）': ')',
  '》': ')',
  '【': '[',
  '】': ']',
  '・': ' ',
  '，': ',',
  '～': '—',
  '〜': '—',
  '—': '—',
};

/** Lone combining (han)dakuten map to nothing (spec §5.3 rule 9). */
const COMBINING_MARKS: Readonly<Record<string, string>> = { '\u3099': '', '\u309A': '' };

/** The 164 kana entries of spec §5.3 (88 single kana + 76 digraphs). */
export const KANA_PHONEMES: Readonly<Record<string, string>> = { ...SINGLE_KANA, ...DIGRAPHS };

/** The whole lookup table the mapping rules consult: kana, digraphs, punctuation, lone marks. */
export const MAPPING_TABLE: ReadonlyMap<string, string> = new Map(
  Object.entries({ ...KANA_PHONEMES, ...PUNCTUATION, ...COMBINING_MARKS }),
);

/** Small kana that combine with the kana before them (spec §5.3 rule 4). */
export const SMALL_KANA: ReadonlySet<string> = new Set('ゃゅょぁぃぅぇぉ');
