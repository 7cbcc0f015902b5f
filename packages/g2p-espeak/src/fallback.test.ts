import { KokoroError } from '@kokoro-kit/core';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { describe, expect, it } from 'vitest';
import { createEspeakEnglishFallback } from './fallback';

const fallback = createEspeakEnglishFallback();
const tokenizer = createTokenizer();
const us = (word: string) => fallback.phonemizeWord(word, { language: 'en-US' });
const gb = (word: string) => fallback.phonemizeWord(word, { language: 'en-GB' });

describe('espeak English fallback (spec g2p.md §3.13)', () => {
  it('declares en-US and en-GB', () => {
    expect(fallback.languages).toEqual(['en-US', 'en-GB']);
  });

  // The spec's measured results (espeak-ng 1.51 + misaki's rules) that this espeak-ng (1.52-dev
  // WASM) reproduces exactly.
  it.each([
    ['outofdictionary', 'WTɑfdˈɪkʃənˌɛɹi'],
    ['bottle', 'bˈɑTᵊl'],
    ['kitten', 'kˈɪtn'],
    ['tomato', 'təmˈATO'],
    ['loch', 'lˈɑk'],
    ['merchantship', 'mˈɜɹʧəntʃˌɪp'],
  ])('US %s → %s (rating 2)', async (word, expected) => {
    expect(await us(word)).toEqual({ phonemes: expected, rating: 2 });
  });

  it.each([
    ['chair', 'ʧˈAə'],
    ['square', 'skwˈAə'],
    ['here', 'hˈiə'],
  ])('GB %s → %s (the e→A-before-e^ə and tied i^ə quirks)', async (word, expected) => {
    expect(await gb(word)).toEqual({ phonemes: expected, rating: 2 });
  });

  it('Kubernetes: espeak-ng 1.52-dev reads it differently from the spec (documented difference)', async () => {
    // Spec (espeak-ng 1.51): kjˈubəɹnˌits. This espeak says kˌuːbɚnˈɛɾiːz, which misaki's rules map to:
    expect((await us('Kubernetes'))?.phonemes).toBe('kˌubəɹnˈɛTiz');
  });

  it('the README sentence words come out in misaki symbols only', async () => {
    for (const word of ['Now', 'outofdictionary', 'words', 'are', 'handled', 'by', 'espeak']) {
      const result = await us(word);
      expect(result).toBeDefined();
      for (const char of result?.phonemes ?? '') expect(tokenizer.has(char), `${char} in ${word}`).toBe(true);
      expect(result?.phonemes).not.toMatch(/[ɾʔ^ːoeɚr]/u);
    }
  });

  it('returns undefined for nothing speakable, and never throws on garbage', async () => {
    expect(await us('')).toBeUndefined();
    expect(await us('\u0000\u0007')).toBeUndefined();
    expect(await us('x'.repeat(10_000))).toBeUndefined();
    for (const junk of ['😀', '日本', 'Привет', '\uD800', '#']) {
      const result = await us(junk);
      for (const char of result?.phonemes ?? '') expect(tokenizer.has(char)).toBe(true);
    }
  });

  it('keeps phonemizer marks that are in the vocabulary (etc.)', async () => {
    const result = await us('etc.');
    expect(result?.phonemes.endsWith('.')).toBe(true);
  });

  it('rejects other languages and aborted signals with typed errors', async () => {
    const wrong = await fallback.phonemizeWord('hola', { language: 'es' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(wrong, 'UNSUPPORTED_LANGUAGE')).toBe(true);
    const controller = new AbortController();
    controller.abort();
    const aborted = await fallback
      .phonemizeWord('zyx', { language: 'en-US', signal: controller.signal })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(KokoroError.hasCode(aborted, 'ABORTED')).toBe(true);
  });

  it('answers repeated words from its cache with identical results', async () => {
    const first = await us('frobnicator');
    expect(await us('frobnicator')).toEqual(first);
  });
});
