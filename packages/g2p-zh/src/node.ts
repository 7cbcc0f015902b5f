/**
 * Node entry: pypinyin's dictionaries read from a folder (e.g. the hub's cache folder, or a
 * checkout of python-pinyin's `pypinyin/`), and the G2P built from them.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { G2PError, throwIfAborted } from '@kokoro-kit/core';
import { createMandarinG2P, type MandarinG2P, type MandarinG2POptions } from './g2p';
import { PYPINYIN_DICTIONARY_FILES, type PypinyinDictionaries, parsePypinyinDictionaries } from './pypinyin';

export * from './index';

/**
 * Reads `pinyin_dict.json` and `phrases_dict.json` from `dir`. Throws `G2PError`
 * `LEXICON_NOT_FOUND` naming a missing file, `INVALID_LEXICON` for a malformed one.
 */
export async function loadPypinyinDictionaries(
  dir: string,
  options: { signal?: AbortSignal } = {},
): Promise<PypinyinDictionaries> {
  const folder = resolve(dir);
  const read = async (file: string): Promise<string> => {
    const path = join(folder, file);
    try {
      return await readFile(path, { encoding: 'utf8', signal: options.signal });
    } catch (error) {
      throwIfAborted(options.signal);
      throw new G2PError(
        'LEXICON_NOT_FOUND',
        `Could not read pypinyin's ${file} at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}). ` +
          "Point 'dir' at a folder holding pinyin_dict.json and phrases_dict.json (the hub's pypinyinAsset files).",
        { cause: error },
      );
    }
  };
  const [singles, phrases] = await Promise.all([
    read(PYPINYIN_DICTIONARY_FILES.singles),
    read(PYPINYIN_DICTIONARY_FILES.phrases),
  ]);
  return parsePypinyinDictionaries({ singles, phrases });
}

export interface MandarinG2PFromDirOptions extends Omit<MandarinG2POptions, 'pinyin'> {
  /** A folder holding pypinyin's `pinyin_dict.json` and `phrases_dict.json`. */
  dir: string;
}

/** `createMandarinG2P` with pypinyin's dictionaries read from `dir`. */
export async function createMandarinG2PFromDir(options: MandarinG2PFromDirOptions): Promise<MandarinG2P> {
  const { dir, ...rest } = options;
  const pinyin = await loadPypinyinDictionaries(dir, { signal: rest.signal });
  return createMandarinG2P({ ...rest, pinyin });
}
