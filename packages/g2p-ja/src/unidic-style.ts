/**
 * UniDic's `pron` conventions, applied to IPADIC's pronunciation field. misaki's cutlet path
 * reads each token's `pron` from UniDic (spec g2p.md §5.2 step 2); kuromoji ships IPADIC, whose
 * pronunciation differs in the ways below. Each rule is one UniDic convention; anything UniDic
 * reads differently word by word (see the README) is not guessed here.
 */
import type { Morpheme } from './dictionary';

/** Words UniDic reads another way than IPADIC, from UniDic's lemma readings. */
export const UNIDIC_READINGS: Readonly<Record<string, string>> = {
  // UniDic's lemma for 私 is ワタクシ (IPADIC: ワタシ); cutlet documents this reading.
  私: 'ワタクシ',
};

const KATAKANA_LETTER = /[\u30A1-\u30FA]/;
/** An e-row kana followed by イ: UniDic writes the long e as ー (先生 センセイ → センセー). */
const LONG_E = /([エケセテネヘメレゲゼデベペェ])イ/g;
/** An i-row kana + イ ending an adjective: UniDic writes ー (美しい ウツクシイ → ウツクシー). */
const ADJECTIVE_LONG_I = /([イキシチニヒミリギジヂビピィ])イ$/;
/** Hiragana of the o-row: a volitional う after one of these is a long o. */
const O_ROW_HIRAGANA = /[おこそとのほもよろをごぞどぼぽょぉ]$/;

/** IPADIC's pronunciation of a morpheme → the `pron` UniDic would give it. */
export function unidicPronunciation(pronunciation: string, morpheme: Morpheme): string {
  const reading = UNIDIC_READINGS[morpheme.surface];
  if (reading !== undefined) return reading;
  // Words written in katakana (loans) keep what is written: UniDic's pron of ケイン is ケイン.
  if (KATAKANA_LETTER.test(morpheme.surface)) return pronunciation;
  const longE = pronunciation.replace(LONG_E, '$1ー');
  return morpheme.pos === '形容詞' ? longE.replace(ADJECTIVE_LONG_I, '$1ー') : longE;
}

/**
 * True for IPADIC's volitional auxiliary う after an o-row reading (帰ろ + う): UniDic reads the
 * pair as one long o (帰ろう カエロー), so the う lengthens the word before it instead of
 * standing as a word of its own.
 */
export function isVolitionalLongO(morpheme: Morpheme, previousHiragana: string | undefined): boolean {
  return (
    morpheme.pos === '助動詞' &&
    morpheme.surface === 'う' &&
    previousHiragana !== undefined &&
    O_ROW_HIRAGANA.test(previousHiragana)
  );
}
