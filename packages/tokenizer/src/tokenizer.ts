import {
  type DroppedPhoneme,
  type EncodeResult,
  InvalidArgumentError,
  MAX_PHONEMES,
  PhonemesTooLongError,
  type Tokenizer,
} from '@kokoro-kit/core';
import { KOKORO_V1_VOCAB, PAD_ID } from './vocab-v1';

export interface TokenizerOptions {
  /**
   * Symbol → id. Defaults to the Kokoro-82M v1.0 vocabulary. Every key must be exactly one code
   * point and every id a distinct integer ≥ 1 (0 is the pad).
   */
  vocab?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Most phonemes per call, pads excluded. Defaults to 510 (Kokoro v1.0). */
  maxPhonemes?: number;
}

/** A Kokoro tokenizer: the core `Tokenizer` contract plus `decode` and its vocabulary. */
export interface KokoroTokenizer extends Tokenizer {
  /** The vocabulary in use (symbol → id). */
  readonly vocab: ReadonlyMap<string, number>;
  /**
   * Ids → phoneme string. Pads (0) are skipped wherever they appear; an id that is not in the
   * vocabulary throws an `InvalidArgumentError`.
   */
  decode(ids: ArrayLike<number>): string;
}

/**
 * Creates a tokenizer that maps each code point of a phoneme string to its vocabulary id and
 * wraps the result in one pad at each end (spec kokoro.md §7).
 *
 * Characters outside the vocabulary are dropped, as the reference implementation does, but are
 * reported in `dropped` so a caller can warn and keep timestamps aligned. No Unicode
 * normalisation is applied: a base letter followed by U+0303 is two symbols, as in the model.
 */
export function createTokenizer(options: TokenizerOptions = {}): KokoroTokenizer {
  const vocab = options.vocab === undefined ? KOKORO_V1_VOCAB : validateVocab(options.vocab);
  const maxPhonemes = validateMaxPhonemes(options.maxPhonemes ?? MAX_PHONEMES);
  const symbols = invert(vocab);

  return {
    maxPhonemes,
    vocab,
    has: (char) => vocab.has(char),
    encode: (phonemes) => encode(phonemes, vocab, maxPhonemes),
    decode: (ids) => decode(ids, symbols),
  };
}

function encode(phonemes: string, vocab: ReadonlyMap<string, number>, maxPhonemes: number): EncodeResult {
  if (typeof phonemes !== 'string') {
    throw new InvalidArgumentError(`encode() takes a phoneme string, got ${describe(phonemes)}.`);
  }
  const kept: number[] = [];
  const dropped: DroppedPhoneme[] = [];
  let index = 0;
  // `for…of` walks code points, so astral characters and lone surrogates are single units.
  for (const char of phonemes) {
    const id = vocab.get(char);
    if (id === undefined) dropped.push({ char, index });
    else kept.push(id);
    index += char.length;
  }
  // The limit counts what the model will see: kept phonemes, not dropped characters or pads.
  if (kept.length > maxPhonemes) throw new PhonemesTooLongError(kept.length, maxPhonemes);

  const ids = new Int32Array(kept.length + 2);
  ids[0] = PAD_ID;
  ids.set(kept, 1);
  ids[ids.length - 1] = PAD_ID;
  return { ids, dropped };
}

function decode(ids: ArrayLike<number>, symbols: ReadonlyMap<number, string>): string {
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new InvalidArgumentError(`decode() takes an array of ids, got ${describe(ids)}.`);
  }
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id === PAD_ID) continue;
    const symbol = symbols.get(id);
    if (symbol === undefined) {
      throw new InvalidArgumentError(
        `Id ${String(id)} at position ${i} is not in the vocabulary. ` +
          'Decode ids produced by the same vocabulary (Kokoro v1.0 uses ids 1–177, with gaps).',
      );
    }
    out += symbol;
  }
  return out;
}

function validateVocab(
  input: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): ReadonlyMap<string, number> {
  if (input === null || typeof input !== 'object') {
    throw new InvalidArgumentError(`vocab must be a Map or a record of symbol → id, got ${describe(input)}.`);
  }
  const entries: Iterable<readonly [string, unknown]> =
    input instanceof Map ? input.entries() : Object.entries(input);
  const vocab = new Map<string, number>();
  const seen = new Map<number, string>();
  for (const [symbol, id] of entries) {
    if (typeof symbol !== 'string' || [...symbol].length !== 1) {
      throw new InvalidArgumentError(
        `vocab key ${JSON.stringify(symbol)} is not a single code point; the model maps one code point to one id.`,
      );
    }
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 0x7fffffff) {
      throw new InvalidArgumentError(
        `vocab id for ${JSON.stringify(symbol)} must be an integer ≥ 1 (0 is the pad), got ${describe(id)}.`,
      );
    }
    const other = seen.get(id);
    if (other !== undefined) {
      throw new InvalidArgumentError(
        `vocab maps both ${JSON.stringify(other)} and ${JSON.stringify(symbol)} to id ${id}; ids must be distinct.`,
      );
    }
    seen.set(id, symbol);
    vocab.set(symbol, id);
  }
  return vocab;
}

function validateMaxPhonemes(value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`maxPhonemes must be a positive integer, got ${describe(value)}.`);
  }
  return value;
}

function invert(vocab: ReadonlyMap<string, number>): ReadonlyMap<number, string> {
  const symbols = new Map<number, string>();
  for (const [symbol, id] of vocab) symbols.set(id, symbol);
  return symbols;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return typeof value;
}
