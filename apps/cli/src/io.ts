import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';

/** Where a command writes and reads; injectable so tests can run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads all of stdin as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream)
    parts.push(typeof part === 'string' ? Buffer.from(part) : (part as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

/** The text to work on: the positional argument, else `--file`, else stdin (when piped). */
export async function inputText(positional: string[], file: string | undefined, io: CliIO): Promise<string> {
  if (positional.length > 0 && file !== undefined)
    throw new UsageError('Give the text as an argument or with --file, not both.');
  if (positional.length > 0) return positional.join(' ');
  if (file !== undefined) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
  }
  if (io.stdin.isTTY) throw new UsageError('No text: pass it as an argument, with --file FILE, or on stdin.');
  return readAll(io.stdin);
}

/** Writes bytes and waits until the stream accepted them (backpressure-aware). */
export function write(stream: NodeJS.WritableStream, bytes: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(bytes, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/**
 * Like `inputText`, but a file or stdin is streamed (decoded incrementally as UTF-8) instead of
 * read whole, so long inputs start speaking after their first sentence.
 */
export async function inputTextStream(
  positional: string[],
  file: string | undefined,
  io: CliIO,
): Promise<string | AsyncIterable<string>> {
  if (positional.length > 0 && file !== undefined)
    throw new UsageError('Give the text as an argument or with --file, not both.');
  if (positional.length > 0) return positional.join(' ');
  if (file !== undefined) {
    try {
      await access(file);
    } catch (error) {
      throw new UsageError(
        `Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
    return decodeUtf8(createReadStream(file, { highWaterMark: 16 * 1024 }));
  }
  if (io.stdin.isTTY) throw new UsageError('No text: pass it as an argument, with --file FILE, or on stdin.');
  return decodeUtf8(io.stdin);
}

async function* decodeUtf8(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const part of stream) {
    const text = typeof part === 'string' ? part : decoder.decode(part as Uint8Array, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
