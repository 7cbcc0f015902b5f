import { describe, expect, it } from 'vitest';
import { applyStress, stressWeight, toKokoroV1 } from './phonemes';

describe('applyStress (spec g2p.md §3.8)', () => {
  it('leaves phonemes alone for null', () => {
    expect(applyStress('həlˈO', null)).toBe('həlˈO');
  });

  it('strips all marks below -1', () => {
    expect(applyStress('ˌAbˌisˈi', -2)).toBe('Abisi');
  });

  it('demotes for -1, and for 0 / -0.5 when there is a primary', () => {
    expect(applyStress('ˌɪntəɹnˈæʃənəl', -1)).toBe('ɪntəɹnˌæʃənəl');
    expect(applyStress('jˈuˈɛsˈA', 0)).toBe('jˌuˌɛsˌA');
    expect(applyStress('ɡˈɪt', -0.5)).toBe('ɡˌɪt');
    expect(applyStress('ɡˌɪt', -0.5)).toBe('ɡˌɪt');
  });

  it('adds a secondary before the first vowel for 0, 0.5, 1 when unmarked', () => {
    expect(applyStress('ɪt', 0.5)).toBe('ˌɪt');
    expect(applyStress('stɹOk', 1)).toBe('stɹˌOk');
    expect(applyStress('pst', 0.5)).toBe('pst');
  });

  it('promotes secondaries for ≥ 1 without a primary', () => {
    expect(applyStress('hˌu', 2)).toBe('hˈu');
    expect(applyStress('ɡˌO', 1)).toBe('ɡˈO');
  });

  it('adds a primary before the first vowel for > 1 when unmarked', () => {
    expect(applyStress('ɪt', 2)).toBe('ˈɪt');
    expect(applyStress('tu', 2)).toBe('tˈu');
  });

  it('leaves marked phonemes alone otherwise', () => {
    expect(applyStress('həlˈO', 0.5)).toBe('həlˈO');
    expect(applyStress('həlˈO', 2)).toBe('həlˈO');
  });
});

describe('stressWeight', () => {
  it('counts diphthongs and affricates double', () => {
    expect(stressWeight('ɡˈɪt')).toBe(4);
    expect(stressWeight('nˈOn')).toBe(5);
    expect(stressWeight('ʤˈʌmp')).toBe(6);
    expect(stressWeight('')).toBe(0);
  });
});

describe('toKokoroV1', () => {
  it('rewrites the flap and the glottal stop', () => {
    expect(toKokoroV1('wˈɔɾəɹ')).toBe('wˈɔTəɹ');
    expect(toKokoroV1('bˈʌʔn')).toBe('bˈʌtn');
    expect(toKokoroV1('həlˈO')).toBe('həlˈO');
  });
});
