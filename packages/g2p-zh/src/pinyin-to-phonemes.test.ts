import { KOKORO_V1_SYMBOLS } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import table from './__fixtures__/pinyin-ipa.json' with { type: 'json' };
import { FINALS, INITIALS, WHOLE_SYLLABLES } from './pinyin-table';
import { pinyinToPhonemes, splitPinyin } from './pinyin-to-phonemes';

describe('pinyinToPhonemes against the hand-transcribed fixture (spec §6.1)', () => {
  const cases = Object.entries(table.cases as Record<string, string | null>);

  it('has a fixture worth the name', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases)('%s → %s', (syllable, expected) => {
    expect(pinyinToPhonemes(syllable) ?? null).toBe(expected);
  });
});

describe('the tables', () => {
  it('give only Kokoro symbols for every initial × final and every whole syllable', () => {
    const outputs: string[] = [];
    for (const final of Object.keys(FINALS)) {
      for (const tone of [1, 2, 3, 4, 5]) {
        for (const initial of ['', ...Object.keys(INITIALS)]) {
          const ipa = pinyinToPhonemes(`${initial}${final}${tone}`);
          if (ipa !== undefined) outputs.push(ipa);
        }
      }
    }
    for (const whole of Object.keys(WHOLE_SYLLABLES)) outputs.push(pinyinToPhonemes(`${whole}4`) as string);
    expect(outputs.length).toBeGreaterThan(500);
    const outside = outputs.flatMap((ipa) =>
      [...ipa].filter((c) => !KOKORO_V1_SYMBOLS.has(c)).map((c) => `${c} in ${ipa}`),
    );
    expect(outside).toEqual([]);
  });

  it('put exactly one arrow per toned syllable, and none for the neutral tone', () => {
    for (const final of Object.keys(FINALS)) {
      const toned = pinyinToPhonemes(`d${final}4`);
      if (toned === undefined) continue;
      expect(toned.match(/[→↗↓↘]/gu)).toHaveLength(1);
      expect(pinyinToPhonemes(`d${final}5`)).toBe(toned.replace('↘', ''));
    }
  });
});

describe('splitPinyin (strict initials and finals)', () => {
  it('treats y and w as part of the final', () => {
    expect(splitPinyin('you3')).toEqual({ initial: '', final: 'iou', tone: 3 });
    expect(splitPinyin('wei4')).toEqual({ initial: '', final: 'uei', tone: 4 });
    expect(splitPinyin('yu2')).toEqual({ initial: '', final: 'ü', tone: 2 });
  });

  it('restores ü after j/q/x and the full iou/uei/uen', () => {
    expect(splitPinyin('juan3')).toEqual({ initial: 'j', final: 'üan', tone: 3 });
    expect(splitPinyin('niu2')).toEqual({ initial: 'n', final: 'iou', tone: 2 });
    expect(splitPinyin('tui1')).toEqual({ initial: 't', final: 'uei', tone: 1 });
    expect(splitPinyin('lun4')).toEqual({ initial: 'l', final: 'uen', tone: 4 });
  });

  it('reads tone 0 and a missing digit as the neutral tone 5', () => {
    expect(splitPinyin('ma0')?.tone).toBe(5);
    expect(splitPinyin('ma')?.tone).toBe(5);
  });
});
