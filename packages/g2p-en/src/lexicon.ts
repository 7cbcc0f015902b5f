import { G2PError } from '@kokoro-kit/core';
import type { EnglishDialect } from './language';

/**
 * A lexicon value (spec g2p.md §3.2): a phoneme string, or (gold only) phonemes keyed by POS
 * tag — `DEFAULT` always present, the key `None` meaning "no word follows", and `null` values
 * meaning "spell it out".
 */
export type MisakiEntry = string | Readonly<Record<string, string | null>>;

/** One parsed misaki lexicon file (`us_gold.json`, …): word → entry. */
export type MisakiLexiconData = Readonly<Record<string, MisakiEntry>>;

/** A dialect's gold and silver lexicons, grown and ready for lookup. */
export interface MisakiLexicon {
  readonly dialect: EnglishDialect;
  /** Gold entries (rating 4), after `grow_dictionary`. */
  readonly gold: ReadonlyMap<string, MisakiEntry>;
  /** Silver entries (rating 3), after `grow_dictionary`. */
  readonly silver: ReadonlyMap<string, MisakiEntry>;
}

export interface CreateMisakiLexiconOptions {
  /** The parsed `us_gold.json` / `gb_gold.json`. */
  gold: MisakiLexiconData;
  /** The parsed `us_silver.json` / `gb_silver.json`. */
  silver: MisakiLexiconData;
  dialect: EnglishDialect;
  /** Names the sources in error messages (e.g. file paths). */
  sourceNames?: { gold?: string; silver?: string };
}

/**
 * Builds a lexicon from misaki's parsed JSON files, applying `grow_dictionary` to each file as
 * misaki does at load time. Malformed data → `G2PError` with code `INVALID_LEXICON`.
 */
export function createMisakiLexicon(options: CreateMisakiLexiconOptions): MisakiLexicon {
  const { dialect } = options;
  if (dialect !== 'en-US' && dialect !== 'en-GB') {
    throw new G2PError(
      'UNSUPPORTED_LANGUAGE',
      `Unknown English dialect ${JSON.stringify(dialect)}; use 'en-US' or 'en-GB'.`,
    );
  }
  const gold = growDictionary(validate(options.gold, options.sourceNames?.gold ?? `${dialect} gold lexicon`));
  const silver = growDictionary(
    validate(options.silver, options.sourceNames?.silver ?? `${dialect} silver lexicon`),
  );
  return Object.freeze({ dialect, gold, silver });
}

/**
 * misaki's `grow_dictionary` (spec g2p.md §3.2): for every key of length ≥ 2, a lowercase key
 * also answers its Capitalized form and a Capitalized key also answers its lowercase form.
 * Original keys win over grown ones. Other casings (`GitHub`, `USA`) are not copied.
 *
 * The grown keys are not materialised: `get`/`has` derive them from the query (the rule is
 * reversible), which halves the memory and the load time of a ~90,000-key file. Iteration and
 * `size` include them, as if they had been copied.
 */
export function growDictionary(entries: ReadonlyMap<string, MisakiEntry>): ReadonlyMap<string, MisakiEntry> {
  return new GrownDictionary(entries);
}

class GrownDictionary implements ReadonlyMap<string, MisakiEntry> {
  readonly #original: ReadonlyMap<string, MisakiEntry>;
  #size: number | undefined;

  constructor(original: ReadonlyMap<string, MisakiEntry>) {
    this.#original = original;
  }

  get(word: string): MisakiEntry | undefined {
    const found = this.#original.get(word);
    if (found !== undefined) return found;
    const source = this.#sourceOf(word);
    return source === undefined ? undefined : this.#original.get(source);
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  get size(): number {
    this.#size ??= [...this.#grownKeys()].length + this.#original.size;
    return this.#size;
  }

  *entries(): MapIterator<[string, MisakiEntry]> {
    yield* this.#original.entries();
    for (const [key, source] of this.#grownKeys()) yield [key, this.#original.get(source) as MisakiEntry];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<MisakiEntry> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, MisakiEntry]> {
    return this.entries();
  }

  forEach(
    callback: (value: MisakiEntry, key: string, map: ReadonlyMap<string, MisakiEntry>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** The original key a grown spelling was copied from, if `word` is one. */
  #sourceOf(word: string): string | undefined {
    const lower = word.toLowerCase();
    // "Hello" is grown from a lowercase key "hello".
    if (lower !== word) {
      return lower.length >= 2 && capitalize(lower) === word && this.#original.has(lower) ? lower : undefined;
    }
    // "smith" is grown from a Capitalized key "Smith".
    const capitalized = capitalize(word);
    if (capitalized === word || capitalized.length < 2 || capitalized.toLowerCase() !== word)
      return undefined;
    return this.#original.has(capitalized) ? capitalized : undefined;
  }

  /** `[grown key, original key]` pairs, exactly as misaki would copy them. */
  *#grownKeys(): Generator<[string, string]> {
    for (const key of this.#original.keys()) {
      if (key.length < 2) continue;
      const lower = key.toLowerCase();
      const variant = key === lower ? capitalize(key) : key === capitalize(lower) ? lower : undefined;
      if (variant !== undefined && variant !== key && !this.#original.has(variant)) yield [variant, key];
    }
  }
}

/** Python's `str.capitalize()`: first character upper case, the rest lower case. */
export function capitalize(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + word.slice(head.length).toLowerCase();
}

function validate(data: unknown, source: string): Map<string, MisakiEntry> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalid(
      source,
      `expected a JSON object of word → phonemes, got ${Array.isArray(data) ? 'an array' : typeof data}`,
    );
  }
  const entries = new Map<string, MisakiEntry>();
  for (const key of Object.keys(data)) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string') {
      entries.set(key, value);
    } else if (isTaggedEntry(value)) {
      entries.set(key, Object.freeze({ ...value }));
    } else {
      throw invalid(
        source,
        `the entry ${JSON.stringify(key)} is ${JSON.stringify(value)}; expected a phoneme string or ` +
          'an object of tag → phonemes with a DEFAULT key',
      );
    }
  }
  return entries;
}

function isTaggedEntry(value: unknown): value is Record<string, string | null> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.DEFAULT !== 'string') return false;
  return Object.values(record).every((v) => v === null || typeof v === 'string');
}

function invalid(source: string, detail: string): G2PError {
  return new G2PError(
    'INVALID_LEXICON',
    `The misaki lexicon ${source} is malformed: ${detail}. Use the unmodified files from hexgrad/misaki (misaki/data/).`,
  );
}
