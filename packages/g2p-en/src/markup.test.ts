import { type G2PWarning, KOKORO_V1_SYMBOLS } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { createEnglishG2P } from './g2p';
import { parseMarkup } from './markup';
import { loadMisakiLexicon } from './node';

const g2p = (async () =>
  createEnglishG2P({ lexicons: { 'en-US': await loadMisakiLexicon(misakiLexiconDir, 'en-US') } }))();

async function phonemize(text: string) {
  const warnings: G2PWarning[] = [];
  const tokens = await (await g2p).phonemize(text, {
    language: 'en-US',
    onWarning: (w) => warnings.push(w),
  });
  return { tokens, warnings, said: tokens.filter((t) => t.phonemes !== '').map((t) => t.text) };
}

describe('parseMarkup', () => {
  it('a stray [ before a link is text: the link is only the innermost [text](…)', () => {
    const { text, spans } = parseMarkup('Call me [maybe tomorrow, we will see [Kokoro](/kˈOkəɹO/) soon.');
    expect(text).toBe('Call me [maybe tomorrow, we will see Kokoro soon.');
    expect(spans).toEqual([{ start: 37, end: 43, feature: { kind: 'phonemes', phonemes: 'kˈOkəɹO' } }]);
  });
});

describe('markup never eats text silently', () => {
  it('says the words between a stray [ and a later link', async () => {
    const { said } = await phonemize('Call me [maybe tomorrow, we will see [Kokoro](/kˈOkəɹO/) soon.');
    expect(said).toEqual(
      expect.arrayContaining(['maybe', 'tomorrow', 'we', 'will', 'see', 'Kokoro', 'soon']),
    );
  });

  it('[x](//): empty phonemes are ignored with a warning, and the word is read as usual', async () => {
    const { tokens, warnings } = await phonemize('[hello](//) there');
    expect(tokens[0]).toMatchObject({ text: 'hello', phonemes: 'həlˈO' });
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: 'markup',
        text: '[hello](//)',
        message: expect.stringMatching(/no phonemes/),
      }),
    ]);
  });

  it('[x](/1/): symbols outside the vocabulary are dropped with a warning', async () => {
    const { tokens, warnings } = await phonemize('[hello](/hə1lˈO/) there');
    expect(tokens[0]).toMatchObject({ text: 'hello', phonemes: 'həlˈO' });
    expect(warnings).toEqual([expect.objectContaining({ kind: 'unsupported-char', text: 'hello' })]);
    const only = await phonemize('[hello](/1/) there');
    expect([...only.tokens.map((t) => t.phonemes).join('')].every((c) => KOKORO_V1_SYMBOLS.has(c))).toBe(
      true,
    );
    expect(only.tokens[0]).toMatchObject({ text: 'hello', phonemes: 'həlˈO' });
    expect(only.warnings.length).toBeGreaterThan(0);
  });

  it('an unknown feature is reported (the text is still read)', async () => {
    const { tokens, warnings } = await phonemize('[hello](whatever)');
    expect(tokens[0]).toMatchObject({ text: 'hello', phonemes: 'həlˈO' });
    expect(warnings).toEqual([expect.objectContaining({ kind: 'markup', text: '[hello](whatever)' })]);
  });
});
