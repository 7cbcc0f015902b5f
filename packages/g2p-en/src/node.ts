/**
 * Node entry: load misaki's lexicon files from a folder.
 * The browser-safe core (`@kokoro-kit/g2p-en`) takes parsed lexicons; this file only adds `fs`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type G2P, G2PError, throwIfAborted, type WordFallback } from '@kokoro-kit/core';
import { createEnglishG2P } from './g2p';
import { ENGLISH_DIALECTS, type EnglishDialect, parseEnglishDialect } from './language';
import { createMisakiLexicon, type MisakiLexicon, type MisakiLexiconData } from './lexicon';

export * from './index';

/** File names per dialect, as in hexgrad/misaki `misaki/data/`. */
export const MISAKI_LEXICON_FILES: Readonly<Record<EnglishDialect, { gold: string; silver: string }>> = {
  'en-US': { gold: 'us_gold.json', silver: 'us_silver.json' },
  'en-GB': { gold: 'gb_gold.json', silver: 'gb_silver.json' },
};

/**
 * Reads `us_gold.json` + `us_silver.json` (en-US) or `gb_gold.json` + `gb_silver.json` (en-GB)
 * from `dir`. A missing file → `G2PError` `LEXICON_NOT_FOUND`; malformed JSON or entries →
 * `INVALID_LEXICON`. `dialect` accepts the same tags as `phonemize` (`en-US`, `a`, `en-gb`, …).
 */
export async function loadMisakiLexicon(
  dir: string,
  dialect: EnglishDialect | (string & {}),
  options: { signal?: AbortSignal } = {},
): Promise<MisakiLexicon> {
  const resolved = toDialect(dialect);
  const files = MISAKI_LEXICON_FILES[resolved];
  const folder = resolve(dir);
  const [gold, silver] = await Promise.all([
    readLexiconFile(folder, files.gold, options.signal),
    readLexiconFile(folder, files.silver, options.signal),
  ]);
  throwIfAborted(options.signal);
  return createMisakiLexicon({
    gold,
    silver,
    dialect: resolved,
    sourceNames: { gold: join(folder, files.gold), silver: join(folder, files.silver) },
  });
}

export interface EnglishG2PFromDirOptions {
  /** Folder holding misaki's lexicon files. */
  dir: string;
  /** Dialects to load (each costs its two files). Defaults to both. */
  dialects?: readonly (EnglishDialect | (string & {}))[];
  /** Word → phonemes that win over the lexicons. */
  userLexicon?: Readonly<Record<string, string>>;
  /** Reads words no lexicon has (misaki uses espeak; see `@kokoro-kit/g2p-espeak`). */
  fallback?: WordFallback;
  signal?: AbortSignal;
}

/** Loads the asked dialects from `dir` and creates the G2P. */
export async function createEnglishG2PFromDir(options: EnglishG2PFromDirOptions): Promise<G2P> {
  const dialects = [...new Set((options.dialects ?? ENGLISH_DIALECTS).map(toDialect))];
  const loaded = await Promise.all(
    dialects.map((dialect) => loadMisakiLexicon(options.dir, dialect, { signal: options.signal })),
  );
  const lexicons: Partial<Record<EnglishDialect, MisakiLexicon>> = {};
  for (const lexicon of loaded) lexicons[lexicon.dialect] = lexicon;
  return createEnglishG2P({ lexicons, userLexicon: options.userLexicon, fallback: options.fallback });
}

function toDialect(dialect: string): EnglishDialect {
  const parsed = typeof dialect === 'string' ? parseEnglishDialect(dialect) : undefined;
  if (parsed === undefined) {
    throw new G2PError(
      'UNSUPPORTED_LANGUAGE',
      `There is no misaki lexicon for ${JSON.stringify(dialect)}; use 'en-US' (us_*.json) or 'en-GB' (gb_*.json).`,
    );
  }
  return parsed === 'default' ? 'en-US' : parsed;
}

async function readLexiconFile(
  folder: string,
  name: string,
  signal: AbortSignal | undefined,
): Promise<MisakiLexiconData> {
  const path = join(folder, name);
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', signal });
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throwIfAborted(signal);
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'is missing' : `cannot be read (${code ?? String(error)})`;
    throw new G2PError(
      'LEXICON_NOT_FOUND',
      `The misaki lexicon file ${name} ${reason} in ${folder}. Point the lexicon folder at a directory holding ` +
        'us_gold.json, us_silver.json, gb_gold.json and gb_silver.json from hexgrad/misaki (misaki/data/): ' +
        'pass --lexicon DIR or set KOKORO_LEXICON_DIR.',
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as MisakiLexiconData;
  } catch (error) {
    throw new G2PError(
      'INVALID_LEXICON',
      `The misaki lexicon file ${path} is not valid JSON (${(error as Error).message}). ` +
        'Replace it with the unmodified file from hexgrad/misaki (misaki/data/).',
      { cause: error },
    );
  }
}
