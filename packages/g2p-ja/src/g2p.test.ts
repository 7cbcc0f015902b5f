import { type G2P, type G2PWarning, KOKORO_V1_SYMBOLS, KokoroError } from '@kokoro-kit/core';
import { testG2P } from '@kokoro-kit/core/testing';
import { createTokenizer, KOKORO_V1_VOCAB } from '@kokoro-kit/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJapaneseG2P as createBrowserEntryG2P } from './index';
import { joinJapanesePhonemes } from './join';
import { createJapaneseG2P } from './node';

const tokenizer = createTokenizer();
let shared: Promise<G2P> | undefined;
const g2p = () => {
  shared ??= createJapaneseG2P();
  return shared;
};

testG2P('@kokoro-kit/g2p-ja', {
  create: g2p,
  language: 'ja',
  sample: 'こんにちは、世界。',
  tokenizer,
});

async function run(text: string, options: { language?: string } = {}) {
  const warnings: G2PWarning[] = [];
  const tokens = await (await g2p()).phonemize(text, { ...options, onWarning: (w) => warnings.push(w) });
  return { tokens, warnings, phonemes: joinJapanesePhonemes(tokens) };
}

describe('Japanese G2P', () => {
  beforeAll(async () => {
    await g2p();
  });

  it('phonemizes the CLI example per the spec tables', async () => {
    const { tokens, phonemes } = await run('こんにちは、世界。');
    expect(phonemes).toBe('koɲɲiʨiβa, sekai.');
    expect(tokens.map((t) => t.text)).toEqual(['こんにちは', '、', '世界', '。']);
    // misaki's spaces live in the phonemes; punctuation tokens carry exactly their mark.
    expect(tokens.map((t) => t.phonemes)).toEqual(['koɲɲiʨiβa', ',', ' sekai', '.']);
    expect(tokens.every((t) => t.whitespace === '')).toBe(true);
  });

  it('gives word tokens a trailing space and punctuation tokens their bare mark', async () => {
    const { tokens } = await run('「はい」と言った。本です！');
    expect(tokens.map((t) => [t.text, t.phonemes])).toEqual([
      ['「', '“'],
      ['はい', 'hai'],
      ['」', '”'],
      ['と', ' to '],
      ['言っ', 'iʔ'],
      ['た', 'ta'],
      ['。', '.'],
      ['本', ' hoɴ '],
      ['です', 'desɨ'],
      ['！', '!'],
    ]);
  });

  it('never doubles a space where the source has whitespace after punctuation', async () => {
    const { tokens, phonemes } = await run('世界。 本です。　はい');
    expect(phonemes).toBe('sekai. hoɴ desɨ. hai');
    expect(tokens.map((t) => t.phonemes)).toEqual(['sekai', '.', 'hoɴ ', 'desɨ', '.', 'hai']);
  });

  it('keeps its vocabulary list equal to the tokenizer’s', () => {
    expect([...KOKORO_V1_SYMBOLS].sort()).toEqual([...KOKORO_V1_VOCAB.keys()].sort());
  });

  it('accepts ja, ja-JP and Kokoro’s code j; rejects other languages with a typed error', async () => {
    for (const language of ['ja', 'ja-JP', 'JA', 'j']) {
      expect((await run('世界', { language })).phonemes).toBe('sekai');
    }
    const error = await run('世界', { language: 'zh' }).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
  });

  it('rebuilds the input from text + whitespace, including spaces, NFKC changes and numbers', async () => {
    for (const text of [
      '東京　タワー',
      ' 前後の空白 ',
      'ｶﾞｷﾞと㍿と①',
      '3〜5個、2024年。',
      'a\u0308b ¨ x',
      '\u{1F600}😀漢字',
    ]) {
      const { tokens } = await run(text);
      expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text.trimStart());
      for (const t of tokens) expect(t.whitespace).toMatch(/^\s*$/);
    }
  });

  it('reports and drops every symbol outside the vocabulary (ASCII passes through as in misaki)', async () => {
    const { phonemes, warnings } = await run('OKです（はい）');
    expect(phonemes).toBe('O desɨ hai');
    const dropped = warnings.filter((w) => w.kind === 'unsupported-char').map((w) => w.text);
    expect(dropped).toEqual(['OK', '（', '）']);
  });

  it('reports text in scripts it cannot read and leaves it silent', async () => {
    const { tokens, warnings } = await run('안녕 Привет 世界');
    expect(joinJapanesePhonemes(tokens)).toBe('sekai');
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([
      ['unknown-word', '안녕'],
      ['unknown-word', 'Привет'],
    ]);
  });

  it('reads mixed scripts: kanji, kana, Latin, digits', async () => {
    const { phonemes } = await run('iPhone15を3台買った');
    // iPhone passes through (P dropped), 15 → じゅうご, を → o, 3 → さん, 台/ダイ, 買っ/カッ + た.
    expect(phonemes).toBe('ihone ʥɨːɡo o saɴ dai kaʔta');
  });

  it('reports numbers longer than num2kana reads and reads them digit by digit', async () => {
    const { phonemes, warnings } = await run('12345678901');
    expect(phonemes).toBe('iʨiɲisaɴjoŋɡoɾokɯnanahaʨikʲɨːʣeɾoiʨi');
    expect(warnings.map((w) => w.kind)).toEqual(['long-number']);
  });

  it('survives control characters, lone surrogates and noncharacters', async () => {
    const text = '\u0000あ\uD800い\uDFFF\uFFFF\u202Eう\u0007';
    const { tokens, phonemes } = await run(text);
    expect(phonemes.replace(/ /g, '')).toBe('aiɯ');
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text);
  });

  it('handles a large input without hanging, and rejects one past maxInputLength', async () => {
    const sentence = '吾輩は猫である。名前はまだ無い。';
    const text = sentence.repeat(2000); // 32,000 characters
    const { tokens } = await run(text);
    expect(tokens.length).toBeGreaterThan(10_000);
    const small = await createJapaneseG2P({ maxInputLength: 100 });
    const error = await small.phonemize('あ'.repeat(101)).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toMatch(/at most 100/);
  });

  it('merges a long run without whitespace in linear time when given ja_words', async () => {
    // 30,000 characters with no whitespace or punctuation: one run for the merge step.
    const words = await createJapaneseG2P({ words: ['ございます', 'ましょう'] });
    const text = '東京へ行きましょう'.repeat(3000);
    const tokens = await words.phonemize(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.text === 'ましょう').length).toBeGreaterThan(2900);
  });

  it('stops at an abort signal during a long analysis', async () => {
    const controller = new AbortController();
    const pending = (await g2p()).phonemize('吾輩は猫である。'.repeat(20_000), { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });

  it('rejects non-string text and bad options with typed errors', async () => {
    const error = await (await g2p()).phonemize(42 as unknown as string).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
    const bad = await createJapaneseG2P({ maxInputLength: 0 }).catch((e: unknown) => e);
    expect(KokoroError.hasCode(bad, 'INVALID_ARGUMENT')).toBe(true);
  });

  it('the browser entry asks for a dictionary instead of guessing a path', async () => {
    const error = await createBrowserEntryG2P().catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toMatch(/dict\/ folder/);
  });

  it('checks output against another vocabulary when asked', async () => {
    const noTilde = await createJapaneseG2P({ vocabulary: { has: (c) => c !== 'ɯ' && tokenizer.has(c) } });
    const warnings: G2PWarning[] = [];
    const tokens = await noTilde.phonemize('ふゆ', { onWarning: (w) => warnings.push(w) });
    expect(joinJapanesePhonemes(tokens)).toBe('ɸj');
    expect(warnings).toHaveLength(1);
  });
});
