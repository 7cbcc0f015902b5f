/**
 * pypinyin's behaviour as its sources document it (docstrings of `style/_tone_convert.py`,
 * `contrib/neutral_tone.py`, `core.py`; the algorithm of `seg/mmseg.py`) and as its pinned
 * dictionaries (shared/data/pypinyin) dictate; each expected value names the entry it comes from.
 */
import { KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { pinyin } from './__fixtures__/pypinyin';
import { createPhraseCutter, createPypinyinReader, parsePypinyinDictionaries, toTone3 } from './pypinyin';

describe('toTone3 (Style.TONE3 with neutral_tone_with_five)', () => {
  it.each([
    ['zhōng', 'zhong1'], // tone_to_tone3 docstring
    ['lüè', 'lve4'], // tone_to_tone3 docstring: ü is written v
    ['shang', 'shang5'], // tone_to_tone3(..., neutral_tone_with_5=True) docstring
    ['nǚ', 'nv3'],
    ['ňg', 'ng3'], // ň → n3, then RE_TONE3 moves the digit to the end
    ['ḿ', 'm2'],
    ['m̀', 'm4'], // m + U+0300, a two-code-point key of phonetic_symbol.py
    ['ê̄', 'ê1'], // ê + U+0304
    ['ế', 'ê2'],
  ])('%s → %s', (reading, expected) => {
    expect(toTone3(reading)).toBe(expected);
  });
});

describe('createPhraseCutter (seg/mmseg.py, _no_non_phrases = True)', () => {
  const phrases = new Map([
    ['甲乙', ''],
    ['甲乙丙丁', ''],
    ['乙丙', ''],
  ]);
  const cut = createPhraseCutter(phrases);

  it('emits the longest run that is still a prefix when it is a phrase', () => {
    expect(cut('甲乙戊')).toEqual(['甲乙', '戊']);
  });

  it('emits each character read so far when the match is a prefix but no phrase', () => {
    // 甲乙丙 is a prefix of 甲乙丙丁 but no phrase; 甲乙丙戊 breaks it → 甲, 乙, 丙, 戊 singly,
    // even though 乙丙 is a phrase (pypinyin does not back off to a shorter match).
    expect(cut('甲乙丙戊')).toEqual(['甲', '乙', '丙', '戊']);
  });

  it('emits a remainder that is a prefix up to its end as one piece', () => {
    expect(cut('戊甲乙丙')).toEqual(['戊', '甲乙丙']);
    expect(cut('乙丙')).toEqual(['乙丙']);
  });

  it('rebuilds the text', () => {
    const text = '戊甲乙丙丁乙丙甲乙丙戊甲';
    expect(cut(text).join('')).toBe(text);
  });
});

describe("createPypinyinReader on pypinyin's pinned dictionaries", () => {
  const reader = createPypinyinReader(pinyin);

  it.each([
    ['衣裳', ['yi1', 'shang5']], // core.pinyin docstring; phrases_dict 衣裳 [yī, shang]
    ['了', ['le5']], // pinyin_dict 了 "le,liǎo,liào": the first reading
    ['个', ['ge4']], // 个 "gè,gě,gàn"
    ['喜欢', ['xi3', 'huan1']], // no phrase entry: 喜 "xǐ,…", 欢 "huān"
    ['哥哥', ['ge1', 'ge1']], // no phrase entry: 哥 "gē" twice, no neutral tone
    ['不要', ['bu2', 'yao4']], // phrases_dict 不要 [bú, yào]
    ['一起', ['yi4', 'qi3']], // phrases_dict 一起 [yì, qǐ]
    ['一个', ['yi2', 'ge4']], // phrases_dict 一个 [yí, gè]
    ['一百', ['yi4', 'bai3']], // phrases_dict 一百 [yì, bǎi]
    ['战略', ['zhan4', 'lve4']], // no phrase entry: 战 "zhàn", 略 "lüè" (README: lüe)
    ['中国人', ['zhong1', 'guo2', 'ren2']], // phrases_dict 中国人
  ])('%s → %j', (word, expected) => {
    expect(reader.pinyin(word)).toEqual(expected);
  });

  it('reads a word that is no phrase through the phrase pieces the cutter finds', () => {
    // 你好 is a phrase; 你好了 is not a prefix of any phrase → 你好 + 了 (le).
    expect(reader.pinyin('你好了')).toEqual(['ni3', 'hao3', 'le5']);
  });

  it('keeps a character with no reading as itself (errors="default")', () => {
    const tiny = createPypinyinReader({ singles: { '20320': 'nǐ' }, phrases: {} });
    expect(tiny.pinyin('你丂')).toEqual(['ni3', '丂']);
  });

  it('rejects dictionaries of the wrong shape with INVALID_LEXICON', () => {
    const wrong = [
      { singles: [], phrases: {} },
      { singles: { 你: 'nǐ' }, phrases: {} },
      { singles: {}, phrases: { 一起: ['yì', 'qǐ'] } },
    ];
    for (const dictionaries of wrong) {
      const error = (() => {
        try {
          createPypinyinReader(dictionaries as never);
        } catch (e) {
          return e;
        }
      })();
      expect(KokoroError.hasCode(error, 'INVALID_LEXICON')).toBe(true);
    }
    const notJson = (() => {
      try {
        parsePypinyinDictionaries({ singles: '{', phrases: '{}' });
      } catch (e) {
        return e;
      }
    })();
    expect(KokoroError.hasCode(notJson, 'INVALID_LEXICON')).toBe(true);
    expect((notJson as Error).message).toContain('pinyin_dict.json');
  });
});
