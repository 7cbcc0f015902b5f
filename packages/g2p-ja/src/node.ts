/**
 * Node entry: the IPADIC dictionary from the installed `@sglkc/kuromoji` package (or any folder),
 * read with `fs` and decompressed with `zlib`; misaki's ja_words.txt from a path.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { type G2P, G2PError, throwIfAborted } from '@kokoro-kit/core';
import {
  type IpadicDictionary,
  type IpadicFileName,
  type IpadicSource,
  isIpadicDictionary,
  sharedIpadic,
  toIpadicSource,
} from './dictionary';
import { createJapaneseG2P as createWithDictionary, type JapaneseG2POptions } from './g2p';
import { parseJaWords } from './words';

export * from './index';

const gunzip = promisify(gunzipCallback);

/** The `dict/` folder of the installed `@sglkc/kuromoji` (IPADIC, shipped inside the package). */
export function defaultIpadicDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@sglkc/kuromoji/package.json')), 'dict');
}

/** A source reading kuromoji's dictionary files from a folder. */
export function ipadicFromDir(dir: string): IpadicSource {
  const folder = resolve(dir);
  return {
    location: folder,
    async readFile(name: IpadicFileName, { signal }) {
      const path = join(folder, name);
      try {
        return await readFile(path, { signal });
      } catch (error) {
        throwIfAborted(signal);
        throw new G2PError(
          'LEXICON_NOT_FOUND',
          `Could not read the IPADIC file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}). ` +
            "Point 'dictionary' at the dict/ folder of @sglkc/kuromoji.",
          { cause: error },
        );
      }
    },
    async gunzip(bytes) {
      return new Uint8Array(await gunzip(bytes));
    },
  };
}

/** Reads misaki's `ja_words.txt` (for the `words` option). */
export async function loadJaWords(path: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', signal: options.signal });
  } catch (error) {
    throwIfAborted(options.signal);
    throw new G2PError(
      'LEXICON_NOT_FOUND',
      `Could not read misaki's ja_words.txt at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { cause: error },
    );
  }
  return parseJaWords(text);
}

export interface NodeJapaneseG2POptions extends Omit<JapaneseG2POptions, 'dictionary'> {
  /**
   * A loaded dictionary, a source, or a folder path holding kuromoji's `dict/` files. Default:
   * the folder inside the installed `@sglkc/kuromoji`, loaded once per process.
   */
  dictionary?: IpadicDictionary | IpadicSource | string;
  /** Path of misaki's `ja_words.txt`, read when `words` is not given. */
  wordsFile?: string;
}

/**
 * The Japanese G2P in Node. With no options it uses the installed IPADIC and no ja_words list.
 */
export async function createJapaneseG2P(options: NodeJapaneseG2POptions = {}): Promise<G2P> {
  const { dictionary, wordsFile, ...rest } = options;
  const loaded = isIpadicDictionary(dictionary)
    ? dictionary
    : await sharedIpadic(
        typeof dictionary === 'string' || dictionary === undefined
          ? ipadicFromDir(dictionary ?? defaultIpadicDir())
          : toIpadicSource(dictionary),
        { signal: options.signal },
      );
  const words =
    rest.words ??
    (wordsFile === undefined ? undefined : await loadJaWords(wordsFile, { signal: options.signal }));
  return createWithDictionary({ ...rest, words, dictionary: loaded });
}
