import { DENTAL_I, FINALS, INITIALS, RETROFLEX_I, TONE_ARROWS, WHOLE_SYLLABLES } from './pinyin-table';

/** A pinyin syllable split the way pypinyin's strict mode splits it. */
export interface PinyinParts {
  initial: string;
  final: string;
  /** 1-4, or 5 for the neutral tone. */
  tone: 1 | 2 | 3 | 4 | 5;
}

// Longest first, so zh/ch/sh win over z/c/s.
const INITIAL_KEYS = Object.keys(INITIALS).sort((a, b) => b.length - a.length);
const RETROFLEX = new Set(['zh', 'ch', 'sh', 'r']);
const DENTAL = new Set(['z', 'c', 's']);
const PALATAL = new Set(['j', 'q', 'x']);

/**
 * Splits a numbered-tone syllable (`zhong1`, `nü3`, `nv3`, `lüe4`, `ma0`/`ma5`/`ma` neutral)
 * into strict initial, final and tone (spec §6.1: y/w are not initials; yi → i, wu → u,
 * yu → ü, you → iou, wei → uei, wen → uen; after j/q/x u → ü; iu → iou, ui → uei, un → uen).
 * Returns `undefined` for anything that is not a pinyin syllable.
 */
export function splitPinyin(syllable: string): PinyinParts | undefined {
  const match = /^([a-zêüv]+)([0-5]?)$/.exec(syllable.normalize('NFC').toLowerCase());
  if (match === null) return undefined;
  const body = (match[1] as string).replace(/v/g, 'ü');
  const digit = Number(match[2] === '' ? '5' : match[2]);
  const tone = (digit === 0 ? 5 : digit) as PinyinParts['tone'];
  if (Object.hasOwn(WHOLE_SYLLABLES, body)) return { initial: '', final: body, tone };

  let initial = '';
  let final = body;
  if (body.startsWith('y')) {
    const rest = body.slice(1);
    final = rest.startsWith('u') ? `ü${rest.slice(1)}` : rest.startsWith('i') ? rest : `i${rest}`;
  } else if (body.startsWith('w')) {
    const rest = body.slice(1);
    final = rest.startsWith('u') ? rest : `u${rest}`;
  } else {
    initial = INITIAL_KEYS.find((key) => body.startsWith(key)) ?? '';
    final = body.slice(initial.length);
    if (PALATAL.has(initial) && final.startsWith('u')) final = `ü${final.slice(1)}`;
    if (initial !== '')
      final = ({ iu: 'iou', ui: 'uei', un: 'uen' } as Record<string, string>)[final] ?? final;
  }
  if (final === '') return undefined;
  if (initial === '' && Object.hasOwn(WHOLE_SYLLABLES, final)) return { initial, final, tone };
  if (final === 'i' && (RETROFLEX.has(initial) || DENTAL.has(initial))) return { initial, final, tone };
  if (!Object.hasOwn(FINALS, final)) return undefined;
  return { initial, final, tone };
}

/**
 * One pinyin syllable → Kokoro v1.0 phonemes (spec §6.1): initial + final from the tables,
 * the tone arrow at the final's tone position, no separators, U+032F deleted, `ɻ̩`/`ɹ̩` → `ɨ`.
 * Returns `undefined` if the syllable is not pinyin.
 */
export function pinyinToPhonemes(syllable: string): string | undefined {
  const parts = splitPinyin(syllable);
  if (parts === undefined) return undefined;
  const { initial, final, tone } = parts;
  let ipaFinal: string;
  if (initial === '' && Object.hasOwn(WHOLE_SYLLABLES, final)) ipaFinal = WHOLE_SYLLABLES[final] as string;
  else if (final === 'i' && RETROFLEX.has(initial)) ipaFinal = RETROFLEX_I;
  else if (final === 'i' && DENTAL.has(initial)) ipaFinal = DENTAL_I;
  else ipaFinal = FINALS[final] as string;
  const ipa = (initial === '' ? '' : (INITIALS[initial] as string)) + ipaFinal;
  return ipa
    .replace('0', TONE_ARROWS[tone])
    .replace(/ /g, '')
    .replace(/\u032F/g, '')
    .replace(/[ɻɹ]\u0329/g, 'ɨ');
}
