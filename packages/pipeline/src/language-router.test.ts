import { type G2P, G2PError, KokoroError } from '@kokoro-kit/core';
import { testG2P } from '@kokoro-kit/core/testing';
import { createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { createLanguageRouter } from './language-router';

const espeak = createEspeakG2P();

function router(loads: string[] = []) {
  return createLanguageRouter({
    languages: ['es', 'it', 'pt-BR'],
    load: async (language) => {
      loads.push(language);
      return espeak;
    },
  });
}

testG2P('language router over espeak', {
  create: async () => router(),
  language: 'es',
  sample: 'Hola, mundo. ¿Cómo estás?',
  tokenizer: createTokenizer(),
});

describe('createLanguageRouter', () => {
  it('loads each language once, on first use, and gives that language G2P’s tokens', async () => {
    const loads: string[] = [];
    const g2p = router(loads);
    expect(g2p.loaded()).toEqual([]);
    const [a, b] = await Promise.all([
      g2p.phonemize('Hola, mundo.', { language: 'es' }),
      g2p.phonemize('Buenos días.', { language: 'ES' }),
    ]);
    await g2p.phonemize('Olá, mundo.', { language: 'pt_br' });
    expect(loads).toEqual(['es', 'pt-BR']);
    expect(g2p.loaded()).toEqual(['es', 'pt-BR']);
    expect(a).toEqual(await espeak.phonemize('Hola, mundo.', { language: 'es' }));
    expect(b.length).toBeGreaterThan(0);
  });

  it('uses the first language when a call names none', async () => {
    const loads: string[] = [];
    await router(loads).phonemize('Hola.');
    expect(loads).toEqual(['es']);
  });

  it('rejects a language it does not serve with UNSUPPORTED_LANGUAGE, listing what it does', async () => {
    const error = await router()
      .phonemize('x', { language: 'ja' })
      .catch((e: unknown) => e);
    expect(G2PError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
    expect((error as Error).message).toContain('es, it, pt-BR');
  });

  it('retries a load that failed', async () => {
    let attempts = 0;
    const g2p = createLanguageRouter({
      languages: ['es'],
      load: async (): Promise<G2P> => {
        attempts++;
        if (attempts === 1) throw new G2PError('ENGINE_LOAD_FAILED', 'first try fails');
        return espeak;
      },
    });
    await expect(g2p.phonemize('Hola.', { language: 'es' })).rejects.toThrow('first try fails');
    expect((await g2p.phonemize('Hola.', { language: 'es' })).length).toBeGreaterThan(0);
    expect(attempts).toBe(2);
  });

  it('stops waiting when the caller aborts, without cancelling the load for others', async () => {
    let finish: (g2p: G2P) => void = () => undefined;
    const g2p = createLanguageRouter({
      languages: ['es'],
      load: () => new Promise<G2P>((resolve) => (finish = resolve)),
    });
    const controller = new AbortController();
    const first = g2p.phonemize('Hola.', { language: 'es', signal: controller.signal });
    const second = g2p.phonemize('Hola.', { language: 'es' });
    controller.abort();
    expect(KokoroError.hasCode(await first.catch((e: unknown) => e), 'ABORTED')).toBe(true);
    finish(espeak);
    expect((await second).length).toBeGreaterThan(0);
  });
});
