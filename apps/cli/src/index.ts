import { KokoroError } from '@kokoro-kit/core';
import { models, modelsHelp } from './commands/models';
import { phonemize, phonemizeHelp } from './commands/phonemize';
import { speak, speakHelp } from './commands/speak';
import { synthModel, synthModelHelp } from './commands/synth-model';
import { tokenize, tokenizeHelp } from './commands/tokenize';
import { voices, voicesHelp } from './commands/voices';
import { type CliIO, processIO, UsageError } from './io';

export { type CliIO, processIO, UsageError } from './io';

type Command = { run: (args: string[], io: CliIO) => Promise<number>; help: string };

const COMMANDS: Readonly<Record<string, Command>> = {
  speak: { run: speak, help: speakHelp },
  phonemize: { run: phonemize, help: phonemizeHelp },
  tokenize: { run: tokenize, help: tokenizeHelp },
  voices: { run: voices, help: voicesHelp },
  models: { run: models, help: modelsHelp },
  'synth-model': { run: synthModel, help: synthModelHelp },
};

const USAGE = `Usage: kokoro <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => c.help)
  .join('\n\n')}
`;

/**
 * Runs the `kokoro` command line and returns the exit code. User errors (bad flags, missing
 * files, unknown voices) print one line to stderr and return 1 (2 for usage mistakes); only
 * bugs print a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`kokoro: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.stderr.write(`kokoro: ${(error as Error).message}\n`);
    return 2;
  }
  if (KokoroError.isInstance(error)) {
    io.stderr.write(`kokoro: ${error.message}\n`);
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EPIPE') {
    io.stderr.write(`kokoro: ${(error as Error).message}\n`);
    return 1;
  }
  io.stderr.write(
    `kokoro: internal error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  return 70;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
