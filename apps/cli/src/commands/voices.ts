import { parseArgs } from 'node:util';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { type CliIO, UsageError, write } from '../io';
import { pathOption } from '../options';

export const voicesHelp = `kokoro voices [--voices DIR] [--json]
  Lists the voices in DIR (or KOKORO_VOICES_DIR) with their language and gender.`;

export const MISSING_VOICES =
  'No voices folder: pass --voices DIR (a folder of Kokoro .bin/.pt voice packs) or set KOKORO_VOICES_DIR. ' +
  'Downloading voices from the Hugging Face hub is not implemented yet.';

export async function voices(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { voices: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const dir = pathOption(values.voices, io.env, 'KOKORO_VOICES_DIR', MISSING_VOICES);
  const list = await createDirectoryVoiceStore({ dir }).list();
  if (values.json) {
    await write(io.stdout, `${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(4, ...list.map((v) => v.name.length));
  const lines = [`${'NAME'.padEnd(width)}  LANGUAGE  GENDER`];
  for (const v of list)
    lines.push(`${v.name.padEnd(width)}  ${(v.language ?? '-').padEnd(8)}  ${v.gender ?? '-'}`);
  await write(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}
