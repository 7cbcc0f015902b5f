import { describe, expect, it } from 'vitest';
import { applyEspeakFallbackRules, applyEspeakLanguageRules, removeLanguageFlags } from './replacements';

// Inputs are espeak IPA strings the spec quotes (g2p.md §3.13, §4, §7), so these checks hold
// whatever espeak-ng version is installed.
describe('applyEspeakLanguageRules (spec §4)', () => {
  it('maps every tie of the table and deletes leftover ties and hyphens', () => {
    expect(applyEspeakLanguageRules('t^ʃˈao mˈondo ɡrˈat^sje')).toBe('ʧˈao mˈondo ɡrˈaʦje');
    expect(applyEspeakLanguageRules('nˈɐ̃^ʊ̃')).toBe('nˈɐ̃ʊ̃');
    expect(applyEspeakLanguageRules('lə-')).toBe('lə');
    expect(applyEspeakLanguageRules('a^ɪ a^ʊ d^z d^ʒ e^ɪ o^ʊ s^s t^s t^ʃ ɔ^ɪ ə^ʊ')).toBe(
      'I W ʣ ʤ A O S ʦ ʧ Y Q',
    );
  });
  it('keeps what v1.0 keeps: U+0303, ː, r, ɾ', () => {
    expect(applyEspeakLanguageRules('bɔ̃ʒˈuʁ ɾrː')).toBe('bɔ̃ʒˈuʁ ɾrː');
  });
});

describe('removeLanguageFlags', () => {
  it('removes switch flags with and without ties', () => {
    expect(removeLanguageFlags('(^h^i)nəmˈʌsteː(^e^s) ˈola (en)hˈɛloʊ(fr)')).toBe('nəmˈʌsteː ˈola hˈɛloʊ');
  });
});

describe('applyEspeakFallbackRules (spec §3.13 quirks)', () => {
  it('US: merchantship keeps the untied second tʃ', () => {
    expect(applyEspeakFallbackRules('mˈɜːt^ʃəntʃˌɪp', 'us')).toBe('mˈɜɹʧəntʃˌɪp');
  });
  it('US: outofdictionary (flap → T, a^ʊ → W)', () => {
    expect(applyEspeakFallbackRules('a^ʊɾɑːfdˈɪkʃənˌɛɹi', 'us')).toBe('WTɑfdˈɪkʃənˌɛɹi');
  });
  it('GB: e → A runs before e^ə → ɛː, so chair is ʧˈAə', () => {
    expect(applyEspeakFallbackRules('t^ʃˈe^ə', 'gb')).toBe('ʧˈAə');
  });
  it('GB: tied i^ə escapes iə → ɪə, so here is hˈiə', () => {
    expect(applyEspeakFallbackRules('hˈi^ə', 'gb')).toBe('hˈiə');
  });
  it('syllabic n after a glottal stop, and ʔ → t', () => {
    expect(applyEspeakFallbackRules('kˈɪʔn̩', 'us')).toBe('kˈɪtn');
    expect(applyEspeakFallbackRules('bˈʌʔˌn̩', 'us')).toBe('bˈʌtn');
  });
  it('other syllabic consonants get a schwa before them', () => {
    expect(applyEspeakFallbackRules('bˈɑːɾl̩', 'us')).toBe('bˈɑTᵊl');
  });
  it('ə^l → ᵊl, ɚ → əɹ, r → ɹ, x → k, ʲ → j before o', () => {
    expect(applyEspeakFallbackRules('bˈɑːɾə^l', 'us')).toBe('bˈɑTᵊl');
    expect(applyEspeakFallbackRules('bɚ', 'us')).toBe('bəɹ');
    expect(applyEspeakFallbackRules('rˈɑːx', 'us')).toBe('ɹˈɑk');
    expect(applyEspeakFallbackRules('nʲo', 'us')).toBe('njɔ');
  });
  it('US: o^ʊ → O and ː deleted; GB: ə^ʊ → Q and ː kept', () => {
    expect(applyEspeakFallbackRules('təmˈe^ɪɾo^ʊ', 'us')).toBe('təmˈATO');
    expect(applyEspeakFallbackRules('təmˈɑːtə^ʊ', 'gb')).toBe('təmˈɑːtQ');
  });
});
