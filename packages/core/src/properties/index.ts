/**
 * Property-based contract checks (fast-check), shared by every package's `*.test.ts` (1,000
 * cases) and by the repository's `pnpm fuzz` (10,000 cases, seeded): one definition per
 * property, so the fuzzer checks exactly what the tests check.
 */
import fc from 'fast-check';
import { KokoroError } from '../errors';
import type { G2P, LanguageTag, PhonemeToken, Tokenizer } from '../types';
import { KOKORO_V1_SYMBOLS } from '../vocabulary';

/** A named property; `run` checks it with fast-check's `assert`. */
export interface NamedProperty {
  name: string;
  property: fc.IRawProperty<unknown[]>;
}

export interface PropertyRunOptions {
  numRuns: number;
  seed?: number;
}

/** Checks one property; a failure's message carries fast-check's seed and counterexample. */
export async function checkProperty(named: NamedProperty, options: PropertyRunOptions): Promise<void> {
  await fc.assert(named.property as fc.IAsyncProperty<unknown[]>, {
    numRuns: options.numRuns,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}

/** Cases per property in `pnpm test` (the fuzz script runs 10,000). */
export const TEST_RUNS = 1000;

/**
 * Strings that stress text handling: any Unicode (lone surrogates included), weighted toward
 * the characters a language's text and markup are made of.
 */
export function textArbitrary(typical: string, maxLength = 40): fc.Arbitrary<string> {
  const typicalChars = [...typical];
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...typicalChars) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
        { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', '\t', '. ', ', ', '!', '?', '"', "'", '-') },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));
}

export interface G2PPropertyOptions {
  g2p: () => G2P | Promise<G2P>;
  /** Languages to check; each case picks one. */
  languages: readonly LanguageTag[];
  /** Characters typical of the languages (letters, punctuation, digits). */
  typical: string;
  /** Longest generated text, in parts (default 40; shorter for slow G2Ps). */
  maxLength?: number;
  /** Every phoneme must be here (default: the Kokoro v1.0 vocabulary). */
  vocabulary?: Pick<Tokenizer, 'has'>;
}

function rebuilt(tokens: readonly PhonemeToken[]): string {
  return tokens
    .map((t) => t.text + t.whitespace)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What `phonemize` does on any text: tokens, or the typed error it threw. */
async function attempt(g2p: G2P, text: string, language: LanguageTag) {
  try {
    return { tokens: await g2p.phonemize(text, { language }) };
  } catch (error) {
    if (KokoroError.isInstance(error)) return { error };
    throw error; // anything but a KokoroError is a bug
  }
}

function checkTokens(
  tokens: readonly PhonemeToken[],
  input: string,
  vocabulary: Pick<Tokenizer, 'has'>,
): void {
  if (rebuilt(tokens) !== input.replace(/\s+/g, ' ').trim())
    throw new Error(`tokens rebuild ${JSON.stringify(rebuilt(tokens))}`);
  for (const token of tokens) {
    if (!/^\s*$/.test(token.whitespace)) throw new Error(`whitespace ${JSON.stringify(token.whitespace)}`);
    for (const char of token.phonemes)
      if (!vocabulary.has(char)) throw new Error(`${JSON.stringify(char)} is not in the vocabulary`);
  }
}

/**
 * The G2P contract on arbitrary text: never throws anything but a `KokoroError`; tokens' text and
 * whitespace rebuild the input (whitespace runs compared as one space); only vocabulary
 * symbols; the same output when asked again.
 */
export function g2pProperties(options: G2PPropertyOptions): NamedProperty[] {
  const vocabulary = options.vocabulary ?? KOKORO_V1_SYMBOLS;
  const text = textArbitrary(options.typical, options.maxLength);
  let instance: Promise<G2P> | undefined;
  const g2p = () => {
    instance ??= Promise.resolve(options.g2p());
    return instance;
  };
  return [
    {
      name: `${options.languages.join(', ')}: only KokoroErrors; tokens rebuild the input; vocabulary only; deterministic`,
      property: fc.asyncProperty(text, fc.constantFrom(...options.languages), async (input, language) => {
        const a = await attempt(await g2p(), input, language);
        if (a.tokens) checkTokens(a.tokens, input, vocabulary);
        const b = await attempt(await g2p(), input, language);
        const show = (r: typeof a) => JSON.stringify(r.tokens ?? r.error?.code);
        if (show(a) !== show(b)) throw new Error(`${show(a)}, then ${show(b)}`);
      }),
    },
  ];
}
