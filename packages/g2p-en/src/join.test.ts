import { describe, expect, it } from 'vitest';
import { joinPhonemes } from './join';

describe('joinPhonemes (KPipeline tokens_to_ps)', () => {
  it('adds one space per token that had whitespace, then trims', () => {
    expect(
      joinPhonemes([
        { phonemes: 'həlˈO', whitespace: '' },
        { phonemes: ',', whitespace: '   ' },
        { phonemes: 'wˈɜɹld', whitespace: '' },
        { phonemes: '!', whitespace: '\n' },
      ]),
    ).toBe('həlˈO, wˈɜɹld!');
  });

  it('keeps the space of a silent token, so unknown words can leave a double space', () => {
    expect(
      joinPhonemes([
        { phonemes: 'ɐ', whitespace: ' ' },
        { phonemes: '', whitespace: ' ' },
        { phonemes: 'bˈi', whitespace: '' },
      ]),
    ).toBe('ɐ  bˈi');
  });

  it('gives an empty string for no tokens or only silent ones', () => {
    expect(joinPhonemes([])).toBe('');
    expect(joinPhonemes([{ phonemes: '', whitespace: ' ' }])).toBe('');
  });
});
