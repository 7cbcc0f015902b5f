/**
 * misaki's pinyin → IPA tables (`misaki/transcription.py`, adapted from
 * `stefantaubert/pinyin-to-ipa`), transcribed from spec g2p.md §6.1. Only the first variant of
 * each entry is listed because misaki uses only the first.
 *
 * Notation as in the spec: phonemes separated by spaces, `0` where the tone goes (right after
 * the nucleus, before any coda). `pinyinToPhonemes` removes the spaces, puts the tone arrow at
 * the `0`, deletes U+032F and writes the syllabic `ɻ̩`/`ɹ̩` as `ɨ`.
 */

/** Strict initials (pypinyin `strict=True`: y and w are not initials). */
export const INITIALS: Readonly<Record<string, string>> = {
  b: 'p',
  p: 'pʰ',
  m: 'm',
  f: 'f',
  d: 't',
  t: 'tʰ',
  n: 'n',
  l: 'l',
  g: 'k',
  k: 'kʰ',
  h: 'x',
  j: 'ʨ',
  q: 'ʨʰ',
  x: 'ɕ',
  zh: 'ꭧ',
  ch: 'ꭧʰ',
  sh: 'ʂ',
  r: 'ɻ',
  z: 'ʦ',
  c: 'ʦʰ',
  s: 's',
};

/** Strict finals (`ü` written as `ü`). */
export const FINALS: Readonly<Record<string, string>> = {
  a: 'a0',
  ai: 'ai̯0',
  an: 'a0 n',
  ang: 'a0 ŋ',
  ao: 'au̯0',
  e: 'ɤ0',
  ei: 'ei̯0',
  en: 'ə0 n',
  eng: 'ə0 ŋ',
  ong: 'ʊ0 ŋ',
  ou: 'ou̯0',
  ua: 'w a0',
  uan: 'w a0 n',
  uei: 'w ei̯0',
  ueng: 'w ə0 ŋ',
  ü: 'y0',
  üan: 'ɥ ɛ0 n',
  i: 'i0',
  ia: 'j a0',
  ian: 'j ɛ0 n',
  iang: 'j a0 ŋ',
  iao: 'j au̯0',
  ie: 'j e0',
  in: 'i0 n',
  ing: 'i0 ŋ',
  iou: 'j ou̯0',
  iong: 'j ʊ0 ŋ',
  u: 'u0',
  uai: 'w ai̯0',
  uang: 'w a0 ŋ',
  uen: 'w ə0 n',
  uo: 'w o0',
  o: 'w o0',
  üe: 'ɥ e0',
  ün: 'y0 n',
};

/** The final `i` after the retroflex initials zh/ch/sh/r (then written `ɨ`). */
export const RETROFLEX_I = 'ɻ̩0';
/** The final `i` after the dental sibilants z/c/s (then written `ɨ`). */
export const DENTAL_I = 'ɹ̩0';

/** Whole syllables that do not split into initial + final (interjections, syllabic nasals). */
export const WHOLE_SYLLABLES: Readonly<Record<string, string>> = {
  er: 'ɚ0',
  o: 'ɔ0',
  ê: 'ɛ0',
  io: 'j ɔ0',
  m: 'm0',
  n: 'n0',
  ng: 'ŋ0',
  hm: 'h m0',
  hng: 'h ŋ0',
};

/**
 * Tones 1-5 (5 = neutral) as the arrows misaki's `retone` writes for the Chao letters:
 * ˥ → `→`, ˧˥ → `↗`, ˧˩˧ → `↓`, ˥˩ → `↘`, neutral → nothing.
 */
export const TONE_ARROWS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: '→',
  2: '↗',
  3: '↓',
  4: '↘',
  5: '',
};
