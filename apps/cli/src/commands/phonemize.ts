import { parseArgs } from 'node:util';
import type { G2P, G2PWarning, LanguageTag } from '@kokoro-kit/core';
import { joinPhonemes } from '@kokoro-kit/g2p-en';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { type CliIO, inputText, UsageError, write } from '../io';
import { parseLanguage, pathOption } from '../options';

export const phonemizeHelp = `kokoro phonemize [TEXT] [--file F] --lang L [--lexicon DIR]
  Prints the phonemes Kokoro would be fed. With --file, one output line per input line.
  --lexicon DIR (or KOKORO_LEXICON_DIR) is a folder holding misaki's us_gold.json,
  us_silver.json, gb_gold.json and gb_silver.json.`;

export const MISSING_LEXICON =
  'No lexicon folder: pass --lexicon DIR (a folder holding misaki us_gold.json, us_silver.json, gb_gold.json, ' +
  'gb_silver.json) or set KOKORO_LEXICON_DIR. Downloading the lexicons is not implemented yet.';

/** The English G2P for one language, from the lexicon folder given by flag or environment. */
export async function loadG2P(language: LanguageTag, lexicon: string | undefined, io: CliIO): Promise<G2P> {
  const dir = pathOption(lexicon, io.env, 'KOKORO_LEXICON_DIR', MISSING_LEXICON);
  return createEnglishG2PFromDir({ dir, dialects: [language as 'en-US' | 'en-GB'] });
}

export function printWarning(io: CliIO): (warning: G2PWarning) => void {
  return (warning) => io.stderr.write(`kokoro: warning: ${warning.message}\n`);
}

export async function phonemize(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { file: { type: 'string' }, lang: { type: 'string' }, lexicon: { type: 'string' } },
  });
  if (values.lang === undefined) throw new UsageError('kokoro phonemize needs --lang (en-us or en-gb).');
  const language = parseLanguage(values.lang);
  const text = await inputText(positionals, values.file, io);
  const g2p = await loadG2P(language, values.lexicon, io);
  const onWarning = printWarning(io);
  // One output line per input line, so a file of sentences maps line to line.
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  for (const line of lines) {
    const tokens = await g2p.phonemize(line, { language, onWarning });
    await write(io.stdout, `${joinPhonemes(tokens)}\n`);
  }
  return 0;
}
