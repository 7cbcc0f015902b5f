import { describe, expect, it } from 'vitest';
import { convertNumerals, readNumber } from './numerals';

const converted = (text: string) =>
  convertNumerals(text)
    .map((s) => s.text)
    .join('');

describe('readNumber (cn2an an2cn "low" mode)', () => {
  it.each([
    ['0', '零'],
    ['7', '七'],
    ['10', '十'], // 一十 at the start → 十
    ['12', '十二'],
    ['20', '二十'],
    ['101', '一百零一'], // one 零 for the gap
    ['110', '一百一十'], // 一十 kept inside a number
    ['1001', '一千零一'],
    ['1010', '一千零一十'],
    ['10000', '一万'],
    ['10001', '一万零一'],
    ['100000', '十万'],
    ['20000000', '二千万'],
    ['100000000', '一亿'],
    ['100000001', '一亿零一'],
    ['1000010000', '十亿零一万'],
    ['123456789', '一亿二千三百四十五万六千七百八十九'],
    ['007', '七'], // leading zeros dropped
    ['3.14', '三点一四'],
    ['0.05', '零点零五'],
    ['12.50', '十二点五零'], // decimals digit by digit, trailing zero kept
    ['-5', '负五'],
    ['１２', '十二'], // full-width digits
  ])('%s → %s', (input, expected) => {
    expect(readNumber(input)).toBe(expected);
  });

  it('stops at 16 integer digits like cn2an', () => {
    expect(readNumber('9999999999999999')).toBe(
      '九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九',
    );
    expect(() => readNumber('12345678901234567')).toThrow();
  });
});

describe('convertNumerals (cn2an.transform an2cn, spec §6 step 1)', () => {
  it.each([
    ['2024年3月5日', '二零二四年三月五日'], // date: year digit by digit, month/day as numbers
    ['12月25日', '十二月二十五日'],
    ['100年', '一零零年'], // 2-4 digits before 年 count as a year
    ['5年', '五年'], // one digit is not a year
    ['3/4', '四分之三'], // fraction: denominator first
    ['50%', '百分之五十'],
    ['-2.5%', '百分之负二点五'],
    ['37℃', '三十七摄氏度'],
    ['我有3个苹果', '我有三个苹果'],
    ['价格是12.50元', '价格是十二点五零元'],
    ['2024-01-01', '二千零二十四负一负一'], // cn2an reads "-01" as a negative number
    ['１２月', '十二月'],
    ['没有数字', '没有数字'],
  ])('%s → %s', (input, expected) => {
    expect(converted(input)).toBe(expected);
  });

  it('keeps source offsets for every segment', () => {
    const segments = convertNumerals('约3.5万人');
    expect(segments).toEqual([
      { start: 0, end: 1, text: '约', converted: false },
      { start: 1, end: 4, text: '三点五', converted: true },
      { start: 4, end: 6, text: '万人', converted: false },
    ]);
  });

  it('reads digits cn2an gives up on one by one, and says so', () => {
    const warnings: string[] = [];
    const text = convertNumerals('12345678901234567890个', (w) => warnings.push(w.text))
      .map((s) => s.text)
      .join('');
    expect(text).toBe('一二三四五六七八九零一二三四五六七八九零个');
    expect(warnings).toEqual(['12345678901234567890']);
  });

  it('truncates decimals to 16 digits like cn2an', () => {
    expect(converted('0.12345678901234567')).toBe('零点一二三四五六七八九零一二三四五六');
  });
});

describe('convertNumerals on cn2an edge cases', () => {
  it('starts a date year inside a longer digit run, as cn2an does', () => {
    expect(converted('12345年')).toBe('一二三四五年');
    expect(converted('123月')).toBe('一二十三月');
  });

  it('takes minus signs and decimal points the way cn2an does', () => {
    expect(converted('5-3%')).toBe('五百分之负三');
    expect(converted('1.2.5%')).toBe('一.百分之二点五'); // the leftmost percent match is 2.5%
  });

  it('stays linear on very long digit runs', () => {
    const text = convertNumerals('1'.repeat(200_000))
      .map((s) => s.text)
      .join('');
    expect(text).toBe('一'.repeat(200_000));
  });
});
