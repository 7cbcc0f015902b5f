import { describe, expect, it } from 'vitest';
import { cleanForEspeak, punctuationPhonemes, segmentText } from './segment';

describe('segmentText', () => {
  it('splits words and mark runs, keeping the whitespace after each', () => {
    expect(segmentText('¿Hola,  mundo? (sí)…')).toEqual([
      { kind: 'punctuation', text: '¿', whitespace: '' },
      { kind: 'word', text: 'Hola', whitespace: '' },
      { kind: 'punctuation', text: ',', whitespace: '  ' },
      { kind: 'word', text: 'mundo', whitespace: '' },
      { kind: 'punctuation', text: '?', whitespace: ' ' },
      { kind: 'punctuation', text: '(', whitespace: '' },
      { kind: 'word', text: 'sí', whitespace: '' },
      { kind: 'punctuation', text: ')…', whitespace: '' },
    ]);
  });
  it("keeps apostrophes and hyphens inside words (they are not phonemizer's marks)", () => {
    expect(segmentText("c'est-à-dire l’homme").map((s) => s.text)).toEqual(["c'est-à-dire", 'l’homme']);
  });
  it('rebuilds the input minus leading whitespace', () => {
    const text = '  Uno, dos.\n\ntres\t';
    expect(
      segmentText(text)
        .map((s) => s.text + s.whitespace)
        .join(''),
    ).toBe(text.trimStart());
  });
  it("cuts out espeak's clause marks (！ ।), which would end a clause inside a word", () => {
    expect(segmentText('a！b। c').map((s) => [s.kind, s.text])).toEqual([
      ['word', 'a'],
      ['clause-mark', '！'],
      ['word', 'b'],
      ['clause-mark', '।'],
      ['word', 'c'],
    ]);
  });
  it('gives nothing for blank text', () => {
    expect(segmentText(' \n\t')).toEqual([]);
  });
});

describe('punctuationPhonemes / cleanForEspeak', () => {
  it('maps angle quotes to curly quotes (spec §4)', () => {
    expect(punctuationPhonemes('«»()')).toBe('“”()');
  });
  it('removes control, format and unassigned characters', () => {
    expect(cleanForEspeak('a\u0000b\u202Ec\uFFFF\uD800d')).toBe('abcd');
  });
});
