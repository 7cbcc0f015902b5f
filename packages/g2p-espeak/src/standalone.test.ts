// Imports only this package (by its published name) and core: proves it installs and works
// without @kokoro-kit/g2p-en, the tokenizer or the pipeline.
import {
  createEspeakEnglishFallback,
  createEspeakG2P,
  getEspeakEngineCreationCount,
} from '@kokoro-kit/g2p-espeak';
import { describe, expect, it } from 'vitest';

describe('@kokoro-kit/g2p-espeak on its own', () => {
  it('phonemizes the five languages and the English fallback through the public entry', async () => {
    const g2p = createEspeakG2P();
    const said = await Promise.all(
      (['es', 'fr-fr', 'hi', 'it', 'pt-br'] as const).map(async (language) => {
        const tokens = await g2p.phonemize(
          { es: 'hola', 'fr-fr': 'bonjour', hi: 'नमस्ते', it: 'ciao', 'pt-br': 'olá' }[language],
          {
            language,
          },
        );
        return tokens.map((t) => t.phonemes).join(' ');
      }),
    );
    expect(said).toEqual(['ˈola', 'bɔ̃ʒˈuʁ', 'nəmˈʌsteː', 'ʧˈao', 'olˈa']);
    const fallback = createEspeakEnglishFallback();
    expect(await fallback.phonemizeWord('kitten', { language: 'en-US' })).toEqual({
      phonemes: 'kˈɪtn',
      rating: 2,
    });
    expect(getEspeakEngineCreationCount()).toBe(1);
  });
});
