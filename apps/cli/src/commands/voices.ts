import { parseArgs } from 'node:util';
import { createCliTTS } from '../assets';
import { type CliIO, UsageError, write } from '../io';

export const voicesHelp = `kokoro voices [--voices DIR] [--json]
  Lists the voices in DIR (or KOKORO_VOICES_DIR) with their language and gender; without a folder,
  the 54 Kokoro v1.0 voices on the hub (fetched on first use by speak).`;

export async function voices(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      voices: { type: 'string' },
      json: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  // Without a folder: the known v1.0 names (spec §8.5), listed without downloading anything.
  const { tts } = await createCliTTS(io, { voices: values.voices, offline: values.offline });
  const list = await tts.voices().finally(() => tts.dispose());
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
