import { describe, expect, it } from 'vitest';
import { G2PError, KokoroError } from './errors';
import { KOKORO_LANGUAGES, normalizeLanguage, parseLanguageTag, VOICE_LANGUAGE_PREFIXES } from './languages';
import { languageOfVoice } from './voices';

describe('normalizeLanguage', () => {
  it.each([
    ['en-us', 'en-US'],
    ['EN-US', 'en-US'],
    ['en_US', 'en-US'],
    ['en', 'en-US'],
    ['a', 'en-US'],
    ['en-gb', 'en-GB'],
    ['b', 'en-GB'],
    ['e', 'es'],
    ['es', 'es'],
    ['fr-fr', 'fr'],
    ['fr', 'fr'],
    ['f', 'fr'],
    ['hi', 'hi'],
    ['h', 'hi'],
    ['it', 'it'],
    ['i', 'it'],
    ['pt-br', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['p', 'pt-BR'],
    ['ja', 'ja'],
    ['j', 'ja'],
    ['zh', 'zh'],
    ['z', 'zh'],
    [' zh ', 'zh'],
  ])('reads %j as %s', (spelling, tag) => {
    expect(normalizeLanguage(spelling)).toBe(tag);
  });

  it('knows nothing else', () => {
    for (const other of ['xx', '', 'en-au', 'pt', 'de', 'c', 'english']) {
      expect(normalizeLanguage(other)).toBeUndefined();
    }
  });

  it('maps every Kokoro language and voice prefix to itself', () => {
    for (const tag of KOKORO_LANGUAGES) expect(normalizeLanguage(tag)).toBe(tag);
    for (const [letter, tag] of Object.entries(VOICE_LANGUAGE_PREFIXES))
      expect(normalizeLanguage(letter)).toBe(tag);
  });
});

describe('parseLanguageTag', () => {
  it('returns the tag, or throws a G2PError naming the accepted spellings', () => {
    expect(parseLanguageTag('pt-br')).toBe('pt-BR');
    let error: unknown;
    try {
      parseLanguageTag('klingon');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(G2PError);
    expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
    expect((error as Error).message).toBe(
      'Unknown language "klingon". Use one of: en-us, en-gb, es, fr-fr, hi, it, pt-br, ja, zh.',
    );
  });
});

describe('languageOfVoice', () => {
  it('reads the first letter of the voice, or of the first voice of a blend', () => {
    expect(languageOfVoice('af_heart')).toBe('en-US');
    expect(languageOfVoice('bm_george')).toBe('en-GB');
    expect(languageOfVoice('zf_xiaoxiao')).toBe('zh');
    expect(languageOfVoice('ef_dora')).toBe('es');
    expect(languageOfVoice(' jf_alpha ')).toBe('ja');
    expect(languageOfVoice('pf_dora(2)+af_sky(1)')).toBe('pt-BR');
    expect(languageOfVoice('af_bella:2,zf_xiaoyi:1')).toBe('en-US');
  });

  it('is undefined outside the naming convention', () => {
    expect(languageOfVoice('my-voice')).toBeUndefined();
    expect(languageOfVoice('xf_new')).toBeUndefined();
    expect(languageOfVoice('')).toBeUndefined();
  });
});
