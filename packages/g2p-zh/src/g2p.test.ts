import {
  type G2P,
  type G2PWarning,
  KOKORO_V1_SYMBOLS,
  KokoroError,
  type PhonemeToken,
} from '@kokoro-kit/core';
import { testG2P } from '@kokoro-kit/core/testing';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinyin } from './__fixtures__/pypinyin';
import { createMandarinEngines, loadMandarinEngines, type MandarinEngines } from './engines';
import { createMandarinG2P, joinPhonemes, type MandarinG2P } from './g2p';
import { createPypinyinReader } from './pypinyin';

const tokenizer = createTokenizer();
let shared: Promise<MandarinG2P> | undefined;
const g2p = () => {
  shared ??= createMandarinG2P({ pinyin });
  return shared;
};

testG2P('@kokoro-kit/g2p-zh', { create: g2p, language: 'zh', sample: '你好，世界。', tokenizer });

/** A tiny English G2P for the routing tests: a word table, one token per word. */
function tableEnglish(table: Record<string, string>): G2P & { calls: string[] } {
  const calls: string[] = [];
  return {
    languages: ['en-US'],
    calls,
    async phonemize(text) {
      calls.push(text);
      return [...text.matchAll(/(\S+)(\s*)/g)].map((m) => ({
        text: m[1] as string,
        phonemes: table[m[1] as string] ?? '',
        whitespace: m[2] as string,
      }));
    },
  };
}

async function phonemize(text: string, instance?: MandarinG2P) {
  const warnings: G2PWarning[] = [];
  const tokens = await (instance ?? (await g2p())).phonemize(text, { onWarning: (w) => warnings.push(w) });
  return { tokens, warnings, phonemes: joinPhonemes(tokens) };
}

const rebuilt = (tokens: PhonemeToken[]) => tokens.map((t) => t.text + t.whitespace).join('');
const allVocab = (tokens: PhonemeToken[]) =>
  tokens.every((t) => [...t.phonemes].every((c) => KOKORO_V1_SYMBOLS.has(c)));

describe('createMandarinG2P', () => {
  it('reads the spec sentence with misaki spacing (spec §6.1)', async () => {
    const { tokens, phonemes, warnings } = await phonemize('你好，世界。');
    expect(phonemes).toBe('ni↓xau↓, ʂɨ↘ʨje↘.');
    expect(tokens.map((t) => t.text)).toEqual(['你好', '，', '世界', '。']);
    // Punctuation tokens carry exactly the Kokoro mark, so chunk planners can find sentence ends.
    expect(tokens[1]?.phonemes).toBe(',');
    expect(tokens[3]?.phonemes).toBe('.');
    expect(warnings).toEqual([]);
  });

  it('resolves polyphones by phrase (行 in 银行 vs 行走)', async () => {
    const { tokens } = await phonemize('他行走在银行旁边。');
    const byText = new Map(tokens.map((t) => [t.text, t.phonemes.trim()]));
    expect(byText.get('银行')).toBe('i↗nxa↗ŋ');
    expect(byText.get('行走')).toBe('ɕi↗ŋʦou↓');
  });

  it("applies no sandhi rule: 一/不 change only where pypinyin's phrase data says so (spec §6.1)", async () => {
    expect((await phonemize('一个')).phonemes).toBe('i↗kɤ↘');
    expect((await phonemize('不对')).phonemes).toBe('pu↘ twei↘');
    expect((await phonemize('不是')).phonemes).toBe('pu↗ʂɨ↘');
    expect((await phonemize('你好')).phonemes).toBe('ni↓xau↓');
  });

  it('reads numerals as Chinese numerals inside the CJK run and keeps the source text', async () => {
    const { tokens, phonemes } = await phonemize('我有3个苹果');
    expect(phonemes).toBe('wo↓ jou↓ sa→nkɤ↘ pʰi↗ŋkwo↓');
    expect(tokens.map((t) => t.text)).toEqual(['我', '有', '3个', '苹果']);
  });

  it('keeps a converted numeral in one token even when jieba splits it', async () => {
    const { tokens } = await phonemize('2024年3月5日');
    expect(rebuilt(tokens)).toBe('2024年3月5日');
    expect(tokens.every((t) => t.text !== '')).toBe(true);
    expect(joinPhonemes(tokens)).toContain('ɚ↘li↗ŋɚ↘');
  });

  it('maps Chinese punctuation with misaki spacing', async () => {
    expect((await phonemize('「你好」')).phonemes).toBe('“ni↓xau↓”');
    expect((await phonemize('他说（小声）。')).phonemes).toBe('tʰa→ ʂwo→ (ɕjau↓ʂə→ŋ) .');
    expect((await phonemize('你好。 再见')).phonemes).toBe('ni↓xau↓.  ʦai↘ʨjɛ↘n');
  });

  it('rebuilds the source from tokens, whitespace included', async () => {
    const text = '  我们 一起去，银行。\t好的！ OK?  ';
    const { tokens } = await phonemize(text);
    expect(rebuilt(tokens)).toBe(text.trimStart());
    expect(allVocab(tokens)).toBe(true);
  });

  it('copies Latin letters that are Kokoro symbols without an English G2P, and warns', async () => {
    const { phonemes, warnings } = await phonemize('我用iPad');
    expect(phonemes).toBe('wo↓jʊ↘ŋiad');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('unknown-word');
    expect(warnings[0]?.text).toBe('iPad');
  });

  it("skips Latin words with latinFallback 'skip', still warning", async () => {
    const skipper = await createMandarinG2P({ pinyin, latinFallback: 'skip' });
    const { tokens, warnings } = await phonemize('我用iPad和Mac Book', skipper);
    expect(tokens.find((t) => t.text === 'iPad')?.phonemes).toBe('');
    expect(tokens.filter((t) => /[A-Za-z]/.test(t.text)).map((t) => t.text)).toEqual(['iPad', 'Mac', 'Book']);
    expect(warnings.map((w) => w.text)).toEqual(['iPad', 'Mac Book']);
  });

  it('routes Latin runs to the English G2P, one call per run, with its tokens spliced in', async () => {
    const english = tableEnglish({ Hello: 'həlˈO', world: 'wˈɜɹld', Python: 'pˈIθɑn' });
    const zh = await createMandarinG2P({ pinyin, english });
    const { tokens, phonemes, warnings } = await phonemize('我说Hello world，你学Python。', zh);
    expect(english.calls).toEqual(['Hello world', 'Python']);
    // jieba cuts 我/说 and 你学; runs are concatenated without added spaces (spec §6.1).
    expect(phonemes).toBe('wo↓ ʂwo→həlˈO wˈɜɹld, ni↓ɕɥe↗pˈIθɑn.');
    expect(tokens.map((t) => t.text)).toContain('world');
    expect(rebuilt(tokens)).toBe('我说Hello world，你学Python。');
    expect(warnings).toEqual([]);
  });

  it('removes and reports symbols an English G2P gives outside the vocabulary', async () => {
    const zh = await createMandarinG2P({ pinyin, english: tableEnglish({ go: 'ɡoʊ-g' }) });
    const { phonemes, warnings } = await phonemize('我go', zh);
    expect(phonemes).toBe('wo↓ɡoʊ');
    expect(warnings.map((w) => w.kind)).toEqual(['unsupported-char']);
  });

  it('falls back and warns when the English G2P throws', async () => {
    const broken: G2P = {
      languages: ['en-US'],
      phonemize: async () => {
        throw new Error('boom');
      },
    };
    const zh = await createMandarinG2P({ pinyin, english: broken });
    const { phonemes, warnings } = await phonemize('我用iPad', zh);
    expect(phonemes).toBe('wo↓jʊ↘ŋiad');
    expect(warnings.map((w) => w.message).join(' ')).toContain('boom');
  });

  it('reports scripts it does not read and keeps going (mixed scripts)', async () => {
    const { tokens, warnings, phonemes } = await phonemize('你好こんにちは안녕😀世界');
    expect(phonemes).toBe('ni↓xau↓ʂɨ↘ʨje↘');
    expect(rebuilt(tokens)).toBe('你好こんにちは안녕😀世界');
    expect(warnings.map((w) => w.kind)).toEqual(['unsupported-char']);
    expect(warnings[0]?.text).toBe('こんにちは안녕😀');
  });

  it('reads text in no script it handles as nothing, with a warning, not an error', async () => {
    const { tokens, warnings } = await phonemize('Здравствуйте');
    expect(tokens.every((t) => t.phonemes === '')).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('handles long inputs in linear time and rejects inputs past maxInputLength', async () => {
    const long = '我们一起去银行，不要着急。'.repeat(2000); // 26,000 characters
    const { tokens } = await phonemize(long);
    expect(tokens.length).toBe(16_000);
    const small = await createMandarinG2P({ pinyin, maxInputLength: 10 });
    const error = await small.phonemize('我们一起去银行，不要着急。').catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
  });

  it('aborts mid-text when the signal fires', async () => {
    const controller = new AbortController();
    const long = '我们一起去银行，不要着急。'.repeat(2000);
    const pending = (await g2p()).phonemize(long, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });

  it('accepts the Mandarin tags and rejects others', async () => {
    const zh = await g2p();
    for (const language of ['zh', 'ZH-cn', 'zh_Hans', 'cmn', 'z']) {
      expect(await zh.phonemize('你好', { language })).toHaveLength(1);
    }
    const error = await zh.phonemize('你好', { language: 'ja' }).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE')).toBe(true);
  });

  it('lets pinyinOverrides fix a reading, and rejects malformed ones', async () => {
    const plain = await phonemize('谢谢你');
    const fixed = await phonemize(
      '谢谢你',
      await createMandarinG2P({ pinyin, pinyinOverrides: { 谢谢: 'xie4 xie5' } }),
    );
    expect(fixed.phonemes).toBe('ɕje↘ɕje ni↓');
    expect(plain.phonemes).not.toBe(fixed.phonemes);
    for (const bad of [{ 谢谢: 'xie4' }, { 谢谢: 'xie4 hello' }, { 谢谢: 42 }]) {
      const error = await createMandarinG2P({
        pinyin,
        pinyinOverrides: bad as unknown as Record<string, string>,
      }).catch((e: unknown) => e);
      expect(KokoroError.hasCode(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('rejects bad arguments with typed errors', async () => {
    const zh = await g2p();
    const notText = await zh.phonemize(42 as unknown as string).catch((e: unknown) => e);
    expect(KokoroError.hasCode(notText, 'INVALID_ARGUMENT')).toBe(true);
    const badOption = await createMandarinG2P({ pinyin, latinFallback: 'spell' as 'skip' }).catch(
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(badOption, 'INVALID_ARGUMENT')).toBe(true);
    const badEnglish = await createMandarinG2P({ pinyin, english: {} as G2P }).catch((e: unknown) => e);
    expect(KokoroError.hasCode(badEnglish, 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('engines', () => {
  let engines: MandarinEngines;
  beforeAll(async () => {
    engines = await loadMandarinEngines(pinyin);
  });

  it('share one jieba and one reader per dictionaries object', async () => {
    const again = await loadMandarinEngines(pinyin);
    expect(again.segment('我们一起去银行')).toEqual(engines.segment('我们一起去银行'));
  });

  it('segment like jieba (spec §7: the cut of 我们一起去银行，不要着急。)', () => {
    expect(engines.segment('我们一起去银行，不要着急。')).toEqual([
      '我们',
      '一起',
      '去',
      '银行',
      '，',
      '不要',
      '着急',
      '。',
    ]);
  });

  it("give pypinyin's readings: phrase entries carry 一/不's changed tones, single characters their first reading", () => {
    // phrases_dict.json: 一个 [yí, gè], 不要 [bú, yào]; pinyin_dict.json: 了 "le,liǎo,liào".
    expect(engines.pinyin('一个')).toEqual(['yi2', 'ge4']);
    expect(engines.pinyin('不要')).toEqual(['bu2', 'yao4']);
    expect(engines.pinyin('了')).toEqual(['le5']);
  });

  it('can be injected, e.g. with a custom segmenter', async () => {
    const perChar = createMandarinEngines({ cut: (text) => [...text] }, createPypinyinReader(pinyin));
    const zh = await createMandarinG2P({ engines: perChar });
    expect(joinPhonemes(await zh.phonemize('你好'))).toBe('ni↓ xau↓');
  });

  it('fall back to per-character reading when a segmenter loses text', async () => {
    const lossy = createMandarinEngines({ cut: () => ['你'] }, createPypinyinReader(pinyin));
    const zh = await createMandarinG2P({ engines: lossy });
    expect(joinPhonemes(await zh.phonemize('你好'))).toBe('ni↓ xau↓');
  });

  it("are required: without pypinyin's dictionaries creation fails with LEXICON_NOT_FOUND", async () => {
    const error = await createMandarinG2P().catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'LEXICON_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('pinyin_dict.json');
  });
});
