import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { END_OF_TEXT } from './context';
import { createWordLookup, type LookupExtra } from './lookup';
import { loadMisakiLexicon } from './node';
import { cardinalWords, floatWords, ordinalWords, yearWords } from './num2words';
import { isNumber } from './numbers';
import { toKokoroV1 } from './phonemes';
import { suffixEd, suffixIng, suffixS } from './suffixes';

const us = loadMisakiLexicon(misakiLexiconDir, 'en-US').then((l) => createWordLookup(l));
const gb = loadMisakiLexicon(misakiLexiconDir, 'en-GB').then((l) => createWordLookup(l));

async function say(word: string, extra: LookupExtra = {}, lookup = us): Promise<string | undefined> {
  const found = (await lookup).lookup(word, undefined, END_OF_TEXT, extra);
  return found === null ? undefined : toKokoroV1(found.phonemes);
}

describe('num2words semantics', () => {
  it('writes cardinals with num2words merges', () => {
    expect(cardinalWords('0')).toBe('zero');
    expect(cardinalWords('105')).toBe('one hundred and five');
    expect(cardinalWords('1100')).toBe('one thousand, one hundred');
    expect(cardinalWords('2005')).toBe('two thousand and five');
    expect(cardinalWords('12345678')).toBe(
      'twelve million, three hundred and forty-five thousand, six hundred and seventy-eight',
    );
    expect(cardinalWords('1000000')).toBe('one million');
  });

  it('writes ordinals, years and floats', () => {
    expect(ordinalWords('1')).toBe('first');
    expect(ordinalWords('23')).toBe('twenty-third');
    expect(ordinalWords('40')).toBe('fortieth');
    expect(ordinalWords('112')).toBe('one hundred and twelfth');
    expect(yearWords(1984)).toBe('nineteen eighty-four');
    expect(yearWords(1905)).toBe('nineteen oh-five');
    expect(yearWords(1900)).toBe('nineteen hundred');
    expect(yearWords(2005)).toBe('two thousand and five');
    expect(yearWords(2010)).toBe('twenty ten');
    expect(floatWords('3.14')).toBe('three point one four');
    expect(floatWords('1.50')).toBe('one point five');
    expect(floatWords('12.00')).toBe('twelve');
  });
});

describe('misaki number readings (spec g2p.md §3.10 measured table, US)', () => {
  it('reads head tokens', async () => {
    expect(await say('1984')).toBe('nˌIntˈin ˈATi fˈɔɹ');
    expect(await say('2005')).toBe('tˈu θˈWzᵊnd fˈIv');
    expect(await say('1905')).toBe('nˌIntˈin ˈO fˈIv');
    expect(await say('105')).toBe('wˈʌn hˈʌndɹəd fˈIv');
    expect(await say('1,234')).toBe('wˈʌn θˈWzᵊnd tˈu hˈʌndɹəd θˈɜɹTi fˈɔɹ');
    expect(await say('3.14')).toBe('θɹˈi pYnt wˈʌn fˈɔɹ');
    expect(await say('.5')).toBe('pYnt fˈIv');
    expect(await say('-7')).toBe('mˈInəs sˈɛvən');
    expect(await say('1st')).toBe('fˈɜɹst');
    expect(await say('23rd')).toBe('twˈɛnti θˈɜɹd');
    expect(await say('1980s')).toBe('nˌIntˈin ˈATiz');
  });

  it('reads currency amounts', async () => {
    expect(await say('5', { currency: '$' })).toBe('fˈIv dˈɑləɹz');
    expect(await say('1', { currency: '$' })).toBe('wˈʌn dˈɑləɹ');
    expect(await say('5.50', { currency: '$' })).toBe('fˈIv dˈɑləɹz ænd fˈɪfti sˈɛnts');
    expect(await say('0.99', { currency: '$' })).toBe('nˈIndi nˈIn sˈɛnts');
    expect(await say('1.01', { currency: '£' })).toBe('wˈʌn pˈWnd ænd wˈʌn pˈɛns');
    expect(await say('12', { currency: '€' })).toBe('twˈɛlv jˈʊɹOz');
    // Three decimals fail misaki's currency test: a plain number, no unit.
    expect(await say('1.234', { currency: '$' })).toBe('wˈʌn pYnt tˈu θɹˈi fˈɔɹ');
    // A lexicon word receiving the currency gets the plural unit appended.
    expect(await say('million', { currency: '$' })).toBe('mˈɪljᵊn dˈɑləɹz');
  });

  it('applies the number flags', async () => {
    expect(await say('100', { numFlags: 'a' })).toBe('ə hˈʌndɹəd');
    expect(await say('105', { numFlags: '&' })).toBe('wˈʌn hˈʌndɹəd ænd fˈIv');
    expect(await say('105', { numFlags: 'n' })).toBe('wˈʌn hˈʌndɹədən fˈIv');
  });

  it('reads non-head digit runs', async () => {
    expect(await say('05', { isHead: false })).toBe('zˈɪɹO fˈIv');
    expect(await say('305', { isHead: false })).toBe('θɹˈi O fˈIv');
    expect(await say('1234', { isHead: false })).toBe('twˈɛlv θˈɜɹTi fˈɔɹ');
    expect(await say('12345', { isHead: false })).toBe('wˈʌn tˈu θɹˈi fˈɔɹ fˈIv');
  });

  it('reads GB numbers with GB words', async () => {
    expect(await say('1990', {}, gb)).toBe('nˌIntˈiːn nˈInti');
    expect(await say('100', { currency: '$' }, gb)).toBe('wˈʌn hˈʌndɹəd dˈɒləz');
  });

  it('recognises numbers like misaki is_number', () => {
    expect(isNumber('1,000', true)).toBe(true);
    expect(isNumber('-7', true)).toBe(true);
    expect(isNumber('-7', false)).toBe(false);
    expect(isNumber('2022s', true)).toBe(true);
    expect(isNumber('22nd', true)).toBe(true);
    expect(isNumber('12:34', true)).toBe(false);
    expect(isNumber('abc', true)).toBe(false);
  });
});

describe('suffix rules (spec g2p.md §3.7 step 8, §3.8 measured outputs)', () => {
  it('derives -s, -ed, -ing forms from known stems', async () => {
    expect(await say('cats')).toBe('kˈæts');
    expect(await say('boxes')).toBe('bˈɑksᵻz');
    expect(await say('walked')).toBe('wˈɔkt');
    expect(await say('wanted')).toBe('wˈɑntᵻd');
    expect(await say('needed')).toBe('nˈidᵻd');
    expect(await say('stopping')).toBe('stˈɑpɪŋ');
    expect(await say('boxes', {}, gb)).toBe('bˈɒksɪz');
    expect(await say('wanted', {}, gb)).toBe('wˈɒntɪd');
    expect(await say("X's", {}, gb)).toBe('ˈɛksɪz');
  });

  it('has misaki phonology for each suffix', () => {
    expect(suffixS('kæt', false)).toBe('kæts');
    expect(suffixS('bɑks', false)).toBe('bɑksᵻz');
    expect(suffixS('bɑks', true)).toBe('bɑksɪz');
    expect(suffixS('dɔɡ', false)).toBe('dɔɡz');
    expect(suffixEd('wˈɑnt', false)).toBe('wˈɑntᵻd');
    expect(suffixEd('wˈɒnt', true)).toBe('wˈɒntɪd');
    expect(suffixEd('ɹˈAt', false)).toBe('ɹˈAɾᵻd');
    expect(suffixEd('ˈækt', false)).toBe('ˈæktᵻd');
    expect(suffixIng('sˈIt', false)).toBe('sˈIɾɪŋ');
    expect(suffixIng('stˈɑːə', true)).toBeNull();
    expect(suffixIng(null, false)).toBeNull();
  });
});
