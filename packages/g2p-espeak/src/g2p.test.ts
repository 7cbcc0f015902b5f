import { readFileSync } from 'node:fs';
import { type G2PWarning, KOKORO_V1_SYMBOLS, KokoroError, type PhonemeToken } from '@kokoro-kit/core';
import { testG2P } from '@kokoro-kit/core/testing';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { createEspeakEngine } from './engine';
import { createEspeakG2P, type EspeakLanguage } from './g2p';

const tokenizer = createTokenizer();
const g2p = createEspeakG2P();

/** KPipeline's join (spec g2p.md §3.12): phonemes + one space where the source had whitespace. */
function join(tokens: readonly PhonemeToken[]): string {
  return tokens
    .map((t) => t.phonemes + (t.whitespace ? ' ' : ''))
    .join('')
    .trim();
}

const SAMPLES: Record<EspeakLanguage, string> = {
  es: '¿Hola, mundo? Tengo 25 perros (y gatos).',
  fr: "«Bonjour» le monde, c'est-à-dire les amis!",
  hi: 'नमस्ते दुनिया, आप कैसे हैं?',
  it: 'Ciao mondo, la pizza è buona.',
  'pt-BR': 'Olá mundo, o pão é bom.',
};

for (const [language, sample] of Object.entries(SAMPLES))
  testG2P('@kokoro-kit/g2p-espeak', { create: () => g2p, language, sample, tokenizer });

interface Fixture {
  language: EspeakLanguage;
  voice: string;
  cases: { text: string; expected: string; rule: string }[];
}

const FIXTURES = ['es', 'fr-fr', 'hi', 'it', 'pt-br'].map(
  (name) =>
    JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8')) as Fixture,
);

describe('fixtures (spec g2p.md §4 rules)', () => {
  for (const fixture of FIXTURES) {
    for (const c of fixture.cases) {
      it(`${fixture.voice}: ${c.text}`, async () => {
        const tokens = await g2p.phonemize(c.text, { language: fixture.voice });
        expect(join(tokens), c.rule).toBe(c.expected);
      });
    }
  }
});

describe('word-level tokens', () => {
  it('gives each word its own phonemes and punctuation its mark', async () => {
    const tokens = await g2p.phonemize('Hay un baile, ¿sí?', { language: 'es' });
    expect(tokens).toEqual([
      { text: 'Hay', phonemes: 'ˈI', whitespace: ' ' },
      { text: 'un', phonemes: 'ˈum', whitespace: ' ' },
      { text: 'baile', phonemes: 'bˈIle', whitespace: '' },
      { text: ',', phonemes: ',', whitespace: ' ' },
      { text: '¿', phonemes: '', whitespace: '' },
      { text: 'sí', phonemes: 'sˈi', whitespace: '' },
      { text: '?', phonemes: '?', whitespace: '' },
    ]);
  });

  it('keeps the clause context while splitting words that espeak reads as several (numbers)', async () => {
    const tokens = await g2p.phonemize('Tengo 123 perros', { language: 'es' });
    expect(tokens.map((t) => t.text)).toEqual(['Tengo', '123', 'perros']);
    expect(tokens[1]?.phonemes.split(' ').length).toBe(2);
    const whole = await g2p.phonemize('123', { language: 'es' });
    expect(tokens[1]?.phonemes).toBe(whole[0]?.phonemes);
  });

  it('rebuilds the input exactly (minus leading whitespace) from text + whitespace', async () => {
    const text = '  Uno,  dos.\n\nTres\t(cuatro)… ¡cinco!  ';
    const tokens = await g2p.phonemize(text, { language: 'es' });
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text.trimStart());
  });

  it('accepts espeak and KPipeline spellings of the languages', async () => {
    const a = await g2p.phonemize('olá', { language: 'pt-br' });
    const b = await g2p.phonemize('olá', { language: 'pt-BR' });
    const c = await g2p.phonemize('olá', { language: 'p' });
    expect(a).toEqual(b);
    expect(c).toEqual(b);
    expect(join(await g2p.phonemize('un vin', { language: 'fr-fr' }))).toBe('œ̃ vˈɛ̃');
  });

  it('only serves the languages it was created with', async () => {
    const italian = createEspeakG2P({ languages: ['it'] });
    expect(italian.languages).toEqual(['it']);
    const error = await italian.phonemize('hola', { language: 'es' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
    expect(() => createEspeakG2P({ languages: ['en-US' as EspeakLanguage] })).toThrow(/g2p-espeak has no/);
  });
});

describe('bad input', () => {
  const vocabOnly = (tokens: PhonemeToken[]) =>
    tokens.every((t) => [...t.phonemes].every((c) => KOKORO_V1_SYMBOLS.has(c)));

  it('rejects text over the limit with a typed error, fast (1 MB)', async () => {
    const big = 'hola mundo. '.repeat(90_000);
    const started = Date.now();
    const error = await g2p.phonemize(big, { language: 'es' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'TEXT_TOO_LONG')).toBe(true);
    expect((error as Error).message).toMatch(/Split it/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('handles text up to the limit', async () => {
    const long = 'hola mundo, que tal. '.repeat(50);
    const tokens = await g2p.phonemize(long, { language: 'es' });
    expect(tokens.filter((t) => t.text === 'hola').every((t) => t.phonemes === 'ˈola')).toBe(true);
    const limited = createEspeakG2P({ maxInputLength: 10 });
    await expect(limited.phonemize('hola mundo que tal', { language: 'es' })).rejects.toThrow(/at most 10/);
  });

  it('control characters, emoji, other scripts and mixed scripts: no throw, vocabulary only, warnings for silence', async () => {
    const inputs = [
      '\u0000\u0007\u001b[0m hola \u202E',
      'hola 😀 🚀',
      '日本語のテキスト',
      'Привет мир',
      'hola नमस्ते world 你好 مرحبا',
      '\uD800 \uFFFF \uFEFF',
      '~~~ ### /// --- ___',
    ];
    for (const language of ['es', 'fr', 'hi', 'it', 'pt-BR']) {
      for (const text of inputs) {
        const warnings: G2PWarning[] = [];
        const tokens = await g2p.phonemize(text, { language, onWarning: (w) => warnings.push(w) });
        expect(vocabOnly(tokens)).toBe(true);
        expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text.trimStart());
        for (const token of tokens)
          if (token.phonemes === '') expect(warnings.some((w) => w.text === token.text)).toBe(true);
      }
    }
  });

  it('reports characters outside the vocabulary, such as ¿', async () => {
    const warnings: G2PWarning[] = [];
    await g2p.phonemize('¿Qué?', { language: 'es', onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.objectContaining({ kind: 'unsupported-char', text: '¿' })]);
  });

  it('rejects a non-string', async () => {
    await expect(g2p.phonemize(42 as unknown as string, { language: 'es' })).rejects.toThrow(/string/);
  });
});

describe('espeak runs per call', () => {
  const privateEngine = createEspeakEngine(); // its own run counter
  // espeak-ng ends a clause at marks such as ！ or । even inside a word; a chunk holding one came
  // back as two lines, and the engine fell back to one espeak run per chunk.
  it.each([
    ['es', `a！b ${'uno, '.repeat(400)}`],
    ['es', `a？b ${'uno, '.repeat(400)}`],
    ['hi', `मैं ठीक हूँ।आप ${'दुनिया, '.repeat(100)}`],
    ['fr', `oui– non ${'un, '.repeat(100)}`],
  ])('%s: a clause mark inside a word costs no extra runs (%#)', async (language, text) => {
    const engine = await privateEngine;
    const counted = createEspeakG2P({ engine });
    const before = engine.runs;
    const tokens = await counted.phonemize(text, { language });
    expect(engine.runs - before).toBeLessThanOrEqual(2);
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text);
  });

  it('says the words around a clause mark as espeak does', async () => {
    const tokens = await g2p.phonemize('a！b', { language: 'es' });
    expect(tokens).toEqual([
      { text: 'a', phonemes: 'ˈa', whitespace: '' },
      { text: '！', phonemes: '', whitespace: '' },
      { text: 'b', phonemes: 'bˈe', whitespace: '' },
    ]);
  });
});
