/**
 * UniDic's `pron` conventions (the examples: 先生 → センセー, 東京 → トーキョー,
 * 美しい → ウツクシー, 帰ろう → カエロー; 私 → ワタクシ is UniDic's lemma reading), checked on
 * the rules and through the real G2P with kuromoji's IPADIC.
 */
import { describe, expect, it } from 'vitest';
import type { Morpheme } from './dictionary';
import { joinJapanesePhonemes } from './join';
import { createJapaneseG2P } from './node';
import { isVolitionalLongO, unidicPronunciation } from './unidic-style';

const morpheme = (surface: string, pos: string): Morpheme => ({ surface, pos, known: true });

describe('unidicPronunciation', () => {
  it.each([
    ['先生', '名詞', 'センセイ', 'センセー'], // e-row + イ → long e
    ['東京', '名詞', 'トーキョー', 'トーキョー'], // IPADIC already writes the long o
    ['美しい', '形容詞', 'ウツクシイ', 'ウツクシー'], // adjective-final i-row + イ → long i
    ['大きい', '形容詞', 'オーキイ', 'オーキー'],
    ['良い', '形容詞', 'ヨイ', 'ヨイ'], // o-row + イ is two vowels
    ['ケイン', '名詞', 'ケイン', 'ケイン'], // written in katakana: kept as written
    ['私', '名詞', 'ワタシ', 'ワタクシ'], // UniDic's lemma reading
  ])('%s (%s): %s → %s', (surface, pos, ipadic, unidic) => {
    expect(unidicPronunciation(ipadic, morpheme(surface, pos))).toBe(unidic);
  });

  it('treats only the auxiliary う after an o-row kana as a long o', () => {
    expect(isVolitionalLongO(morpheme('う', '助動詞'), 'かえろ')).toBe(true);
    expect(isVolitionalLongO(morpheme('う', '助動詞'), 'かえら')).toBe(false);
    expect(isVolitionalLongO(morpheme('う', '動詞'), 'かえろ')).toBe(false);
    expect(isVolitionalLongO(morpheme('う', '助動詞'), undefined)).toBe(false);
  });
});

describe('through the G2P (kuromoji IPADIC)', async () => {
  const g2p = await createJapaneseG2P();
  const ipadic = await createJapaneseG2P({ longVowels: 'ipadic' });
  const say = async (text: string, instance = g2p) => joinJapanesePhonemes(await instance.phonemize(text));

  it('writes UniDic long vowels (kana table: ー → ː)', async () => {
    expect(await say('美しい')).toBe('ɯʦɨkɯɕiː');
    expect(await say('帰ろう')).toBe('kaeɾoː');
    expect(await say('私')).toBe('βatakɯɕi');
  });

  it("keeps IPADIC's readings with longVowels: 'ipadic'", async () => {
    expect(await say('美しい', ipadic)).toBe('ɯʦɨkɯɕii');
    expect(await say('帰ろう', ipadic)).toBe('kaeɾo ɯ');
  });

  it('keeps the source text of a lengthened word whole', async () => {
    const tokens = await g2p.phonemize('帰ろう。');
    expect(tokens.map((t) => t.text)).toEqual(['帰ろう', '。']);
  });
});
