import { parseArgs } from 'node:util';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { type CliIO, UsageError, write } from '../io';

export const tokenizeHelp = `kokoro tokenize PHONEMES
  Prints the model input ids for a phoneme string, as a JSON array including the two pads.
  Characters outside the Kokoro v1.0 vocabulary are dropped and listed on stderr.`;

export async function tokenize(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length === 0)
    throw new UsageError('kokoro tokenize needs a phoneme string, e.g. kokoro tokenize "həlˈO".');
  const { ids, dropped } = createTokenizer().encode(positionals.join(' '));
  for (const { char, index } of dropped) {
    io.stderr.write(
      `kokoro: warning: dropped ${JSON.stringify(char)} at index ${index}: not in the Kokoro vocabulary\n`,
    );
  }
  await write(io.stdout, `${JSON.stringify(Array.from(ids))}\n`);
  return 0;
}
