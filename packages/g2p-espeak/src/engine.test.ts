import { KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { createEspeakEngine, getEspeakEngine, getEspeakEngineCreationCount } from './engine';
import { createEspeakEnglishFallback } from './fallback';
import { createEspeakG2P } from './g2p';

const IPA = ['-q', '--ipa', '--tie=^'];

describe('shared espeak engine', () => {
  it('is instantiated once per process, however many G2Ps and calls use it', async () => {
    const before = getEspeakEngineCreationCount();
    const g2pA = createEspeakG2P();
    const g2pB = createEspeakG2P({ languages: ['it'] });
    const fallback = createEspeakEnglishFallback();
    await g2pA.phonemize('hola', { language: 'es' });
    await g2pB.phonemize('ciao', { language: 'it' });
    await fallback.phonemizeWord('zyxwords', { language: 'en-US' });
    await g2pA.phonemize('bonjour', { language: 'fr' });
    const engine = await getEspeakEngine();
    expect(await getEspeakEngine()).toBe(engine);
    expect(getEspeakEngineCreationCount() - before).toBeLessThanOrEqual(1);
    expect(getEspeakEngineCreationCount()).toBe(1);
    expect(engine.runs).toBeGreaterThanOrEqual(4);
  });

  it('gives the same output on every run, whatever ran before (state is reset)', async () => {
    const engine = await getEspeakEngine();
    const first = engine.run([...IPA, '-v', 'es'], 'hola mundo').stdout;
    engine.run([...IPA, '-v', 'fr-fr'], 'bonjour le monde');
    engine.run([...IPA, '-v', 'en-us'], 'merchantship');
    for (let i = 0; i < 20; i++) expect(engine.run([...IPA, '-v', 'es'], 'hola mundo').stdout).toEqual(first);
    expect(first).toEqual(['ˈola mˈundo']);
  });

  it('writes ties as ^ (the spec §7 example, verbatim)', async () => {
    const engine = await getEspeakEngine();
    expect(engine.run([...IPA, '-v', 'en-us'], 'merchantship chair outofdictionary').stdout).toEqual([
      'mˈɜːt^ʃəntʃˌɪp t^ʃˈɛɹ a^ʊɾɑːfdˈɪkʃənˌɛɹi',
    ]);
  });

  it('phonemizeLines keeps one result per line, blank lines included', async () => {
    const engine = await getEspeakEngine();
    expect(engine.phonemizeLines('es', ['hola', '', 'mundo', ' \u0000 '.trim()])).toEqual([
      'ˈola',
      '',
      'mˈundo',
      '',
    ]);
    const oneByOne = ['hola', 'mundo'].map((line) => engine.phonemizeLines('es', [line])[0]);
    expect(engine.phonemizeLines('es', ['hola', 'mundo'])).toEqual(oneByOne);
  });

  it('survives an unknown voice without touching process.exitCode', async () => {
    const engine = await getEspeakEngine();
    const result = engine.run([...IPA, '-v', 'zz'], 'hola');
    expect(result.status).not.toBe(0);
    expect(result.stderr.join('\n')).not.toBe('');
    expect(process.exitCode ?? 0).toBe(0);
    expect(engine.run([...IPA, '-v', 'es'], 'hola').stdout).toEqual(['ˈola']);
  });

  it('refuses voice ids that are not plain espeak voices', async () => {
    const engine = await getEspeakEngine();
    expect(() => engine.run([...IPA, '-v', '--compile'], 'x')).toThrow(/espeak-ng voice/);
  });

  it('a private engine works and refuses calls once disposed', async () => {
    const engine = await createEspeakEngine();
    expect(engine.phonemizeLines('it', ['ciao'])).toEqual(['t^ʃˈao']);
    engine.dispose();
    let error: unknown;
    try {
      engine.phonemizeLines('it', ['ciao']);
    } catch (e) {
      error = e;
    }
    expect(KokoroError.hasCode(error, 'DISPOSED')).toBe(true);
  });

  it('starts a new shared engine after the shared one is disposed', async () => {
    const first = await getEspeakEngine();
    const count = getEspeakEngineCreationCount();
    first.dispose();
    const second = await getEspeakEngine();
    expect(second).not.toBe(first);
    expect(getEspeakEngineCreationCount()).toBe(count + 1);
    expect(second.phonemizeLines('es', ['hola'])).toEqual(['ˈola']);
  });

  it('reports a wasm source that is not WebAssembly with a typed error', async () => {
    const error = await createEspeakEngine({ wasm: new Uint8Array([1, 2, 3]) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'ESPEAK_WASM_NOT_FOUND')).toBe(true);
  });
});
