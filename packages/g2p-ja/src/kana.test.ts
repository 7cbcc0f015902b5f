import { describe, expect, it } from 'vitest';
import { kanaToPhonemes, katakanaToHiragana, mapKana } from './kana';

describe('kana mapping rules (spec §5.3)', () => {
  it('converts katakana to hiragana first, keeping ー and ヷ…ヺ', () => {
    expect(katakanaToHiragana('カタカナー')).toBe('かたかなー');
    expect(katakanaToHiragana('ヴヵヶヽヾ')).toBe('ゔゕゖゝゞ');
    expect(katakanaToHiragana('ヷヸヹヺ')).toBe('ヷヸヹヺ');
    expect(kanaToPhonemes('ヷヸヹヺ')).toBe('vavʲivevo');
  });

  it('rule 1: iteration marks', () => {
    // ゝ repeats the previous kana itself, unmapped (a quirk; dropped later as non-vocabulary).
    expect(mapKana('さ', 'ゝ', undefined)).toBe('さ');
    expect(mapKana(undefined, 'ゝ', undefined)).toBe('');
    // ゞ: the previous kana voiced, mapped.
    expect(kanaToPhonemes('いすゞ')).toBe('isɨzɨ');
    expect(kanaToPhonemes('ほゞ')).toBe('hobo');
    expect(mapKana('あ', 'ゞ', undefined)).toBe('');
    expect(mapKana(undefined, 'ゞ', undefined)).toBe('');
    expect(kanaToPhonemes('ひと々')).toBe('çito');
    expect(mapKana('あ', '〃', undefined)).toBe('');
  });

  it('rules 2-3: a digraph is emitted at its second kana', () => {
    expect(mapKana(undefined, 'き', 'ゃ')).toBe('');
    expect(mapKana('き', 'ゃ', undefined)).toBe('kʲa');
    expect(kanaToPhonemes('きゃきゅきょ')).toBe('kʲakʲɨkʲo');
    expect(kanaToPhonemes('ゔゅ')).toBe('bʲɨ'); // as in the source
  });

  it('rule 4: kana + small kana that is no digraph = kana minus its last symbol + small kana', () => {
    expect(kanaToPhonemes('みぇ')).toBe('mʲe'); // み mʲi → mʲ + ぇ e
    expect(kanaToPhonemes('すぃ')).toBe('si'); // す sɨ → s + ぃ i
    expect(kanaToPhonemes('っゃ')).toBe(''); // っ before a small kana: nothing; lone ゃ: nothing
  });

  it('rule 5: a small kana on its own is silent', () => {
    expect(kanaToPhonemes('ゃ')).toBe('');
    expect(kanaToPhonemes('あぁ')).toBe('a'); // あ + small ぁ: rule 4 gives '' + a
  });

  it('rules 6-7: ー → ː, っ → ʔ', () => {
    expect(kanaToPhonemes('らーめん')).toBe('ɾaːmeɴ');
    expect(kanaToPhonemes('きって')).toBe('kʲiʔte');
  });

  it('rule 8: ん assimilates to the next kana', () => {
    expect(kanaToPhonemes('さんま')).toBe('samma');
    expect(kanaToPhonemes('さんぽ')).toBe('sampo');
    expect(kanaToPhonemes('しんぶん')).toBe('ɕimbɯɴ');
    expect(kanaToPhonemes('まんが')).toBe('maŋɡa');
    expect(kanaToPhonemes('げんき')).toBe('ɡeŋkʲi');
    expect(kanaToPhonemes('こんにちは')).toBe('koɲɲiʨiha');
    expect(kanaToPhonemes('ほんや')).toBe('hoɴja');
    expect(kanaToPhonemes('かんじ')).toBe('kaɲʥi');
    expect(kanaToPhonemes('あんない')).toBe('annai');
    expect(kanaToPhonemes('ほんと')).toBe('honto');
    expect(kanaToPhonemes('ぶんど')).toBe('bɯndo');
    expect(kanaToPhonemes('べんり')).toBe('benɾʲi');
    expect(kanaToPhonemes('せんず')).toBe('senzɨ'); // ず zɨ starts with z
    expect(kanaToPhonemes('せんざ')).toBe('seɴʣa'); // ʣ is not z: otherwise
    expect(kanaToPhonemes('せんせい')).toBe('seɴsei');
    expect(kanaToPhonemes('せんえん')).toBe('seɴeɴ');
    expect(kanaToPhonemes('ほん')).toBe('hoɴ');
    expect(kanaToPhonemes('はんはん')).toBe('haɴhaɴ');
  });

  it('rule 9: unknown characters map to nothing; lone combining marks too', () => {
    expect(kanaToPhonemes('あ\u3099い')).toBe('ai');
    expect(kanaToPhonemes('あXい')).toBe('ai');
    expect(kanaToPhonemes('。')).toBe('.');
  });
});
