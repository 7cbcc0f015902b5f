import { type G2P, type G2PWarning, KokoroError, type PhonemeToken, type Tokenizer } from '@kokoro-kit/core';
import { testG2P } from '@kokoro-kit/core/testing';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnglishG2P } from './g2p';
import { joinPhonemes } from './join';
import type { MisakiLexicon } from './lexicon';
import { loadMisakiLexicon } from './node';

/**
 * The symbols misaki English may emit for Kokoro v1.0 (spec g2p.md §3.1 "Full v1.0 English
 * output set"): the lexicon inventories of both dialects, `ɐ`, `T`, punctuation and space.
 * Stricter than the full model vocabulary, so the contract's vocabulary check also catches
 * symbols this G2P should never produce. (`@kokoro-kit/tokenizer` is not a dependency here.)
 */
const ENGLISH_OUTPUT = new Set(
  [
    'AIOWYbdfhijklmnpstuvwzæðŋɑɔəɛɜɡɪɹɾʃʊʌʒʔʤʧˈˌθᵊᵻ',
    'AIQWYabdfhijklmnpstuvwzðŋɑɒɔəɛɜɡɪɹʃʊʌʒʤʧˈˌːθᵊ',
    'ɐT',
    ';:,.!?—…"“”() ',
  ]
    .join('')
    .replace(/[ɾʔ]/g, ''),
);
const englishOutput: Tokenizer = {
  maxPhonemes: 510,
  has: (char) => ENGLISH_OUTPUT.has(char),
  encode: () => {
    throw new Error('not used by the G2P contract');
  },
};

const lexicons = (async () => {
  const [us, gb] = await Promise.all([
    loadMisakiLexicon(misakiLexiconDir, 'en-US'),
    loadMisakiLexicon(misakiLexiconDir, 'en-GB'),
  ]);
  return { 'en-US': us, 'en-GB': gb } as Record<'en-US' | 'en-GB', MisakiLexicon>;
})();
const both = lexicons.then((l) => createEnglishG2P({ lexicons: l }));

testG2P('createEnglishG2P', {
  create: () => both,
  language: 'en-US',
  sample: 'Hello, world! The quick brown fox jumps over the lazy dog. (It was “fine”.)',
  tokenizer: englishOutput,
});

testG2P('createEnglishG2P', {
  create: () => both,
  language: 'en-GB',
  sample: 'Hello, world! The quick brown fox jumps over the lazy dog. (It was “fine”.)',
  tokenizer: englishOutput,
});

let g2p: G2P;
beforeAll(async () => {
  g2p = await both;
});

async function say(text: string, language = 'en-US', warnings: G2PWarning[] = []): Promise<string> {
  return joinPhonemes(await g2p.phonemize(text, { language, onWarning: (w) => warnings.push(w) }));
}

describe('reference sentences', () => {
  it('US and GB "Hello, world!" (misaki 0.9.4 goldens)', async () => {
    expect(await say('Hello, world!')).toBe('həlˈO, wˈɜɹld!');
    expect(await say('Hello, world!', 'en-GB')).toBe('həlˈQ, wˈɜːld!');
  });

  it('matches the other verified misaki pairs (spec g2p.md §10.2)', async () => {
    expect(await say("No, it wasn't.")).toBe('nˈO, ɪt wˈʌzᵊnt.');
    expect(await say('the letter')).toBe('ðə lˈɛTəɹ');
  });

  it('finds grown (Capitalized / lowercase) spellings', async () => {
    // Only "hello" and "smith" are keys; "Hello" and "Smith" come from grow_dictionary.
    const { 'en-US': us } = await lexicons;
    expect(us.gold.get('Hello')).toBe(us.gold.get('hello'));
    expect(await say('Hello Smith')).toBe('həlˈO smˈɪθ');
    expect(await say('HELLO')).toBe('həlˈO');
  });

  it('takes the `None` variant only when no word follows', async () => {
    expect(await say('I can.')).toBe('ˌI kˈæn.');
    expect(await say('I can go')).toBe('ˌI kæn ɡˌO');
    expect(await say('I can')).toBe('ˌI kˈæn');
    expect(await say('Stand by, please.')).toBe('stˈænd bˈI, plˈiz.');
    expect(await say('by the door')).toMatch(/^bI /);
  });

  it('rewrites the flap and the glottal stop for Kokoro v1.0', async () => {
    expect(await say('water')).toBe('wˈɔTəɹ');
    expect(await say('button')).toBe('bˈʌtn');
    expect(await say('water', 'en-GB')).toBe('wˈɔːtə');
  });

  it('applies the function-word rules', async () => {
    expect(await say('a dog')).toBe('ɐ dˈɔɡ');
    expect(await say('an apple')).toBe('ɐn ˈæpᵊl');
    expect(await say('the apple, the dog')).toBe('ði ˈæpᵊl, ðə dˈɔɡ');
    expect(await say('the, apple')).toBe('ðə, ˈæpᵊl');
    expect(await say('the apple', 'en-GB')).toBe('ði ˈapᵊl');
    expect(await say('to eat, to sleep, to')).toBe('tʊ ˈit, tə slˈip, tu');
    expect(await say('I am here. I am.')).toBe('ˌI ɐm hˈɪɹ. ˌI æm.');
    expect(await say('in a room, come in.')).toBe('ɪn ɐ ɹˈum, kˈʌm ˈɪn.');
    expect(await say('Plan A.')).toBe('plˈæn ˈA.');
  });

  it('spells dotted abbreviations and unknown ALL-CAPS words', async () => {
    expect(await say('U.S.A.')).toBe('jˌuˌɛsˈA');
    expect(await say('A.B.C')).toBe('ˌAbˌisˈi');
    expect(await say('The FBI')).toBe('ði ˌɛfbˌiˈI');
    expect(await say('MS. Carter')).toBe('ˌɛmˈɛs. kˈɑɹTəɹ');
  });

  it('reads known abbreviations with their dot', async () => {
    expect(await say('Dr. Smith')).toBe('dˈɑktəɹ smˈɪθ');
    expect(await say('Apples, etc. Pears.')).toBe('ˈæpᵊlz, ɛtsˈɛTəɹə pˈɛɹz.');
  });

  it('joins contractions, possessives and compounds as misaki does', async () => {
    expect(await say("I don't know.")).toBe('ˌI dˈOnt nˈO.');
    expect(await say("Cat's tail")).toBe('kˈæts tˈAl');
    expect(await say('I use GitHub.')).toBe('ˌI jˈuz ɡˌɪthˈʌb.');
    expect(await say('mother-in-law')).toBe('mˈʌðəɹənlˌɔ');
    // Not a key: the parts are joined without a space, the lighter primary demoted (§3.9).
    expect(await say('well-known')).toBe('wˌɛlnˈOn');
  });

  it('maps punctuation per §3.11', async () => {
    expect(await say('‘Test’ and ‘Example’')).toBe('“tˈɛst” ænd “ɪɡzˈæmpəl”');
    expect(await say('He said "hi" to me.')).toBe('hˌi sˈɛd “hˈI” tə mˌi.');
    expect(await say('(Nested (Parentheses))')).toBe('(nˈɛstᵻd (pəɹˈɛnθəsiz))');
    expect(await say('Wait - what – now')).toBe('wˈAt — wˌʌt — nˈW');
    expect(await say('well-known; yes… no?!')).toBe('wˌɛlnˈOn; jˈɛs… nˈO?!');
    expect(await say('a * b / c # d')).toBe('ɐ  bˈi  sˈi  dˈi');
  });
});

describe('unknown words and odd input', () => {
  it('reports unknown words instead of dropping them silently', async () => {
    const warnings: G2PWarning[] = [];
    const tokens = await g2p.phonemize('Hello zqxjv world', {
      language: 'en-US',
      onWarning: (w) => warnings.push(w),
    });
    expect(tokens.map((t) => t.phonemes)).toEqual(['həlˈO', '', 'wˈɜɹld']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'unknown-word', text: 'zqxjv' });
    expect(warnings[0]?.message).toContain('zqxjv');
  });

  it('reads numbers instead of reporting them', async () => {
    const warnings: G2PWarning[] = [];
    expect(await say('I have 42 cats', 'en-US', warnings)).toBe('ˌI hæv fˈɔɹTi tˈu kˈæts');
    expect(warnings).toEqual([]);
  });

  it('reports characters with no pronunciation', async () => {
    const warnings: G2PWarning[] = [];
    await say('ok 😀 \u0000', 'en-US', warnings);
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([
      ['unsupported-char', '😀'],
      ['unsupported-char', '\u0000'],
    ]);
  });

  it('rebuilds the text from token text and whitespace', async () => {
    const text = '  Hello,   world!\n\n“Quoted” (text) — and 50% of $3.50… isn’t it?\t';
    const tokens = await g2p.phonemize(text, { language: 'en-US' });
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text.trimStart());
    expect(joinPhonemes(tokens)).not.toMatch(/ {2}/);
  });

  it('survives garbage: random code points, controls, emoji, surrogates, a 1 MB string', async () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const r = random();
      let piece: string;
      if (r < 0.3) piece = String.fromCharCode(Math.floor(random() * 0x10000));
      else if (r < 0.4) piece = String.fromCodePoint(0x1f300 + Math.floor(random() * 0x300));
      else if (r < 0.5) piece = String.fromCharCode(Math.floor(random() * 32));
      else if (r < 0.6) piece = ' ';
      else piece = String.fromCharCode(0x41 + Math.floor(random() * 58));
      pieces.push(piece);
      length += piece.length;
    }
    const garbage = pieces.join('');
    const warnings: G2PWarning[] = [];
    const started = performance.now();
    const tokens = await g2p.phonemize(garbage, { language: 'en-US', onWarning: (w) => warnings.push(w) });
    const elapsed = performance.now() - started;
    console.log(
      `1 MB of garbage: ${tokens.length} tokens, ${warnings.length} warnings, ${elapsed.toFixed(0)} ms`,
    );
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(garbage.replace(/^\s+/u, ''));
    const emitted = new Set(tokens.flatMap((t) => [...t.phonemes]));
    expect([...emitted].filter((char) => !ENGLISH_OUTPUT.has(char))).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(30_000);
  });

  it('handles a long word and a long ALL-CAPS word without blowing up', async () => {
    const warnings: G2PWarning[] = [];
    const tokens = await g2p.phonemize(`${'ab'.repeat(10_000)} ${'aB'.repeat(5_000)} NASA`, {
      language: 'en-US',
      onWarning: (w) => warnings.push(w),
    });
    expect(tokens).toHaveLength(3);
    expect(tokens[2]?.phonemes).toBe('nˈæsə');
    expect(warnings.map((w) => w.kind)).toEqual(['unknown-word', 'unknown-word']);
  });

  it('aborts a long text through its signal', async () => {
    const controller = new AbortController();
    const pending = g2p.phonemize('hello world '.repeat(200_000), {
      language: 'en-US',
      signal: controller.signal,
    });
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });
});

describe('user lexicon', () => {
  it('wins over gold and silver, as written then in lower case', async () => {
    const custom = createEnglishG2P({
      lexicons: await lexicons,
      userLexicon: { hello: 'hˈɛloʊ', Kokoro: 'kˈOkəɹO', water: 'wˈɔɾəɹ' },
    });
    const tokens = await custom.phonemize('Hello Kokoro water world', { language: 'en-US' });
    expect(tokens.map((t) => t.phonemes)).toEqual(['hˈɛloʊ', 'kˈOkəɹO', 'wˈɔTəɹ', 'wˈɜɹld']);
  });

  it('rejects non-string values', async () => {
    const l = await lexicons;
    expect(() => createEnglishG2P({ lexicons: l, userLexicon: { a: 3 as unknown as string } })).toThrow(
      /userLexicon/,
    );
  });
});

describe('languages', () => {
  it('declares the loaded dialects and accepts their aliases case-insensitively', async () => {
    const { 'en-GB': gb } = await lexicons;
    const gbOnly = createEnglishG2P({ lexicons: { 'en-GB': gb } });
    expect(gbOnly.languages).toEqual(['en-GB']);
    for (const language of ['en-GB', 'en-gb', 'EN-GB', 'en_GB', 'b', 'B', 'en', undefined]) {
      expect(joinPhonemes(await gbOnly.phonemize('hello', { language })), String(language)).toBe('həlˈQ');
    }
    for (const language of ['en-US', 'a', 'fr', '']) {
      const error = await gbOnly.phonemize('hello', { language }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(KokoroError.hasCode(error, 'UNSUPPORTED_LANGUAGE'), language).toBe(true);
    }
  });

  it('defaults to en-US when both are loaded', async () => {
    expect(g2p.languages).toEqual(['en-US', 'en-GB']);
    expect(joinPhonemes(await g2p.phonemize('hello'))).toBe('həlˈO');
    expect(joinPhonemes(await g2p.phonemize('hello', { language: 'a' }))).toBe('həlˈO');
  });

  it('needs at least one lexicon, filed under its own dialect', async () => {
    const { 'en-US': us } = await lexicons;
    expect(() => createEnglishG2P({ lexicons: {} })).toThrow(/at least one lexicon/);
    expect(() => createEnglishG2P({ lexicons: { 'en-GB': us } })).toThrow(/en-US lexicon/);
  });

  it('returns plain tokens', async () => {
    const tokens: PhonemeToken[] = await g2p.phonemize('Hi!', { language: 'en-US' });
    expect(tokens).toEqual([
      { text: 'Hi', phonemes: 'hˈI', whitespace: '' },
      { text: '!', phonemes: '!', whitespace: '' },
    ]);
  });
});

describe('numbers, suffixes and POS in sentences', () => {
  it('reads the past tense and the year in "I read 25 books in 2024."', async () => {
    expect(await say('I read 25 books in 2024.')).toBe('ˌI ɹˈɛd twˈɛnti fˈIv bˈʊks ɪn twˈɛnti twˈɛnti fˈɔɹ.');
    expect(await say('I will read it.')).toBe('ˌI wɪl ɹˈid ɪt.');
  });

  it('wires currency symbols to the amount that follows', async () => {
    expect(await say('It costs $5.50, £1.01 or €12.')).toBe(
      'ˌɪt kˈɔsts fˈIv dˈɑləɹz ænd fˈɪfti sˈɛnts, wˈʌn pˈWnd ænd wˈʌn pˈɛns ɔɹ twˈɛlv jˈʊɹOz.',
    );
    expect(await say('$5 million')).toBe('fˈIv mˈɪljᵊn dˈɑləɹz');
    expect(await say('£1.50', 'en-GB')).toBe('wˈʌn pˈWnd and fˈɪfti pˈɛns');
  });

  it('reads ordinals, decades, negatives, decimals, percentages and ranges', async () => {
    expect(await say('the 1800s, 22nd, -7, .5 and 50%')).toBe(
      'ði ˌAtˈin hˈʌndɹədz, twˈɛnti sˈɛkənd, mˈInəs sˈɛvən, pYnt fˈIv ænd fˈɪfti pəɹsˈɛnt',
    );
    expect(await say('10-20')).toBe('tˌɛntwˈɛnti');
    expect(await say('12:34')).toBe('twˈɛlv θˈɜɹTi fˈɔɹ');
  });

  it('reads a 2 between letters as "to", as a word of its own', async () => {
    expect(await say('G2P')).toBe('ʤˈitəpˈi');
  });

  it('reads e-mail addresses and URLs with "dot" and "slash" (spaCy tag ADD)', async () => {
    expect(await say('Write to john@example.com now')).toBe('ɹˈIt tə ʤˈɑn æt ɪɡzˈæmpəl dˌɑt kˈɑm nˈW');
    expect(await say('see example.com/page')).toBe('sˈi ɪɡzˈæmpəl dˌɑt kˈɑm slˌæʃ pˈAʤ');
  });

  it('keeps glued slashes and underscores inside the word, parts spaced', async () => {
    expect(await say('3/4 and/or mixed_letter9_groups')).toBe('θɹˈi fˈɔɹ ænd ɔɹ mˈɪkst lˈɛTəɹ nˈIn ɡɹˈups');
  });

  it('applies suffix rules to known stems', async () => {
    expect(await say('Apples, oranges, cities.')).toBe('ˈæpᵊlz, ˈɔɹᵊnʤᵻz, sˈɪTiz.');
  });
});

describe('markup (spec g2p.md §3.4)', () => {
  it('reproduces the misaki README example', async () => {
    expect(await say('[Misaki](/misˈɑki/) is a G2P engine designed for [Kokoro](/kˈOkəɹO/) models.')).toBe(
      'misˈɑki ɪz ɐ ʤˈitəpˈi ˈɛnʤən dəzˈInd fɔɹ kˈOkəɹO mˈɑdᵊlz.',
    );
  });

  it('folds a multi-word override into one token', async () => {
    const tokens = await g2p.phonemize('Visit [New York](/nˌujˈɔɹk/) now', { language: 'en-US' });
    expect(tokens.map((t) => [t.text, t.phonemes, t.whitespace])).toEqual([
      ['Visit', 'vˈɪzət', ' '],
      ['New York', 'nˌujˈɔɹk', ' '],
      ['now', 'nˈW', ''],
    ]);
  });

  it('applies stress overrides and number flags', async () => {
    expect(await say('[the](+2) cat')).toBe('ðˈə kˈæt');
    expect(await say('[hello](-1) there')).toBe('həlˌO ðˈɛɹ');
    expect(await say('[hello](-2) there')).toBe('həlO ðˈɛɹ');
    expect(await say('[100](#a#) times')).toBe('ə hˈʌndɹəd tˈImz');
    // Unknown features keep the text and are ignored.
    expect(await say('[hello](whatever)')).toBe('həlˈO');
  });
});

describe('fallback', () => {
  const calls: string[] = [];
  const fallback = {
    languages: ['en-US'],
    async phonemizeWord(word: string) {
      calls.push(word);
      return word === 'nothing' ? undefined : { phonemes: 'bˈɑb' };
    },
  };

  it('gets the whole original word, and its phonemes take part in the context', async () => {
    const { 'en-US': us } = await lexicons;
    const withFallback = createEnglishG2P({ lexicons: { 'en-US': us }, fallback });
    calls.length = 0;
    const tokens = await withFallback.phonemize('the zzqx-blorf and the qwxz.', { language: 'en-US' });
    expect(calls).toEqual(['qwxz', 'zzqx-blorf']);
    // A single-subtoken word's fallback phonemes set the context ("ðə bˈɑb"); after a
    // multi-subtoken word misaki keeps the context it had (here from "and": ði).
    expect(joinPhonemes(tokens)).toBe('ði bˈɑb ænd ðə bˈɑb.');
  });

  it('reports a word the fallback cannot say, and a failing fallback, without throwing', async () => {
    const { 'en-US': us } = await lexicons;
    const failing = {
      languages: ['en-US'],
      async phonemizeWord(word: string) {
        if (word === 'nothingxq') throw new Error('espeak exploded');
        return undefined;
      },
    };
    const warnings: G2PWarning[] = [];
    const instance = createEnglishG2P({ lexicons: { 'en-US': us }, fallback: failing });
    const tokens = await instance.phonemize('zzqx nothingxq', { onWarning: (w) => warnings.push(w) });
    expect(joinPhonemes(tokens)).toBe('');
    expect(warnings.map((w) => w.text)).toEqual(['zzqx', 'nothingxq']);
    expect(warnings[1]?.message).toMatch(/espeak exploded/);
  });

  it('is not used for dialects it does not list', async () => {
    const { 'en-GB': gb } = await lexicons;
    calls.length = 0;
    const instance = createEnglishG2P({ lexicons: { 'en-GB': gb }, fallback });
    await instance.phonemize('zzqx', { language: 'en-GB' });
    expect(calls).toEqual([]);
  });
});
