import { parseArgs } from 'node:util';
import { createCliTTS } from '../assets';
import { type CliIO, inputText, UsageError, write } from '../io';
import { parseLanguage } from '../options';

export const phonemizeHelp = `kokoro phonemize [TEXT] [--file F] --lang L [--lexicon DIR] [--offline]
  Prints the phonemes Kokoro would be fed (L: en-us, en-gb, es, fr-fr, hi, it, pt-br, ja, zh).
  With --file, one output line per input line. --lexicon DIR (or KOKORO_LEXICON_DIR) is a folder
  holding misaki's us_gold.json, us_silver.json, gb_gold.json and gb_silver.json (and optionally
  ja_words.txt); without it the English lexicons are fetched into the cache.`;

export async function phonemize(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      lang: { type: 'string' },
      lexicon: { type: 'string' },
      offline: { type: 'boolean', default: false },
    },
  });
  if (values.lang === undefined) {
    throw new UsageError('kokoro phonemize needs --lang (en-us, en-gb, es, fr-fr, hi, it, pt-br, ja or zh).');
  }
  const language = parseLanguage(values.lang);
  const text = await inputText(positionals, values.file, io);
  const { tts, done } = await createCliTTS(io, { lexicon: values.lexicon, offline: values.offline });
  try {
    // One output line per input line, so a file of sentences maps line to line.
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      const { phonemes } = await tts.phonemize(line, { language });
      if (index === 0) done(); // the lexicons are loaded (downloaded) by now
      await write(io.stdout, `${phonemes}\n`);
    }
  } finally {
    done();
    await tts.dispose();
  }
  return 0;
}
