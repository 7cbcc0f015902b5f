import { describe, expect, it } from 'vitest';
import { splitSubtokens, type TextToken, tokenizeEnglish } from './tokenizer';

const texts = (tokens: TextToken[]) => tokens.map((t) => t.text);
const rebuild = (tokens: TextToken[]) => tokens.map((t) => t.text + t.whitespace).join('');

describe('tokenizeEnglish', () => {
  it('splits words, punctuation and whitespace, keeping the whitespace on each token', () => {
    const tokens = tokenizeEnglish('Hello,   world!\n');
    expect(tokens).toEqual([
      { text: 'Hello', whitespace: '', kind: 'word', start: 0 },
      { text: ',', whitespace: '   ', kind: 'punct', start: 5 },
      { text: 'world', whitespace: '', kind: 'word', start: 9 },
      { text: '!', whitespace: '\n', kind: 'punct', start: 14 },
    ]);
  });

  it('rebuilds the input without its leading whitespace', () => {
    for (const input of [
      '  Hello   World  ',
      '\n\tA “quoted” word — and (brackets)…',
      "It's the dogs' bowl, isn't it? 'Quoted' text.",
      '😀\u0000\u202E x \uD800 ~~~ $100 & 50% @home',
      '',
      '   ',
    ]) {
      expect(rebuild(tokenizeEnglish(input)), JSON.stringify(input)).toBe(input.replace(/^\s+/u, ''));
    }
  });

  it('keeps internal apostrophes and hyphens, and digit separators, inside words', () => {
    expect(texts(tokenizeEnglish("don't rock'n'roll mother-in-law 1,000 12.34 12:34 mp3"))).toEqual([
      "don't",
      "rock'n'roll",
      'mother-in-law',
      '1,000',
      '12.34',
      '12:34',
      'mp3',
    ]);
    expect(texts(tokenizeEnglish('end. -word- a,b 1: 2'))).toEqual([
      'end',
      '.',
      '-',
      'word',
      '-',
      'a',
      ',',
      'b',
      '1',
      ':',
      '2',
    ]);
  });

  it('keeps dotted abbreviations whole', () => {
    expect(texts(tokenizeEnglish('the U.S.A. and A.B.C, e.g. this'))).toEqual([
      'the',
      'U.S.A.',
      'and',
      'A.B.C',
      ',',
      'e.g.',
      'this',
    ]);
  });

  it("keeps a known abbreviation's dot unless the text ends there", () => {
    expect(texts(tokenizeEnglish('Dr. Smith'))).toEqual(['Dr.', 'Smith']);
    expect(texts(tokenizeEnglish('Apples, etc. Pears.'))).toEqual(['Apples', ',', 'etc.', 'Pears', '.']);
    expect(texts(tokenizeEnglish('Apples, oranges, etc.'))).toEqual([
      'Apples',
      ',',
      'oranges',
      ',',
      'etc',
      '.',
    ]);
    expect(texts(tokenizeEnglish('DR. Brown'))).toEqual(['DR', '.', 'Brown']);
    expect(texts(tokenizeEnglish('I said no. Then'))).toEqual(['I', 'said', 'no', '.', 'Then']);
  });

  it('tells opening from closing quotes', () => {
    const quotes = (input: string) =>
      tokenizeEnglish(input)
        .filter((t) => t.quote !== undefined)
        .map((t) => `${t.text}${t.quote}`);
    expect(quotes('He said "hi" to me')).toEqual(['"open', '"close']);
    expect(quotes('"Hi," she said.')).toEqual(['"open', '"close']);
    expect(quotes("‘Test’ and 'Example'")).toEqual(['‘open', '’close', "'open", "'close"]);
    expect(quotes('«Test «nested» quotes»')).toEqual(['«open', '«open', '»close', '»close']);
    expect(quotes('a " b " c')).toEqual(['"open', '"close']);
  });

  it('attaches a possessive apostrophe after a plural, unless it closes a quotation', () => {
    expect(texts(tokenizeEnglish("the dogs' bowl"))).toEqual(['the', "dogs'", 'bowl']);
    expect(texts(tokenizeEnglish("'the dogs' bowl"))).toEqual(["'", 'the', 'dogs', "'", 'bowl']);
  });

  it('keeps an apostrophe-initial word whole only when the lexicon knows it', () => {
    const isWord = (w: string) => w === "'cause";
    expect(texts(tokenizeEnglish("'cause 'Hello'", { isWord }))).toEqual(["'cause", "'", 'Hello', "'"]);
    expect(texts(tokenizeEnglish("'cause"))).toEqual(["'", 'cause']);
  });

  it('classifies symbols, currencies, punctuation runs and other characters', () => {
    const tokens = tokenizeEnglish('50% & $5... ))😀👍🏽 \u0000\u0001');
    expect(tokens.map((t) => [t.text, t.kind])).toEqual([
      ['50', 'word'],
      ['%', 'symbol'],
      ['&', 'symbol'],
      ['$', 'currency'],
      ['5', 'word'],
      ['...', 'punct'],
      [')', 'punct'],
      [')', 'punct'],
      ['😀👍🏽', 'other'],
      ['\u0000\u0001', 'other'],
    ]);
  });

  it('is linear on long input', () => {
    const long = 'word '.repeat(100_000);
    const started = performance.now();
    expect(tokenizeEnglish(long)).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('splitSubtokens', () => {
  it("splits contractions as spaCy does and the rest with misaki's pattern", () => {
    expect(splitSubtokens("don't")).toEqual(['do', "n't"]);
    expect(splitSubtokens("Cat's")).toEqual(['Cat', "'", 's']);
    expect(splitSubtokens('GitHub')).toEqual(['Git', 'Hub']);
    // The pattern as misaki has it (spec §3.5) splits one capital off a capitalised word only when
    // a match starts there: "AWord" splits, "ABCWord" does not (the letter run wins at "A").
    expect(splitSubtokens('AWord')).toEqual(['A', 'Word']);
    expect(splitSubtokens('ABCWord')).toEqual(['ABCWord']);
    expect(splitSubtokens('wordABC')).toEqual(['word', 'ABC']);
    expect(splitSubtokens('well-known')).toEqual(['well', '-', 'known']);
    expect(splitSubtokens('U.S.A.')).toEqual(['U', '.', 'S', '.', 'A', '.']);
    expect(splitSubtokens('2022s')).toEqual(['2022', 's']);
    expect(splitSubtokens('1,000')).toEqual(['1,000']);
    expect(splitSubtokens('hello')).toEqual(['hello']);
  });
});
