/// <reference path="./kuromoji-modules.d.ts" />
import { abortable, G2PError, InvalidArgumentError, throwIfAborted } from '@kokoro-kit/core';
import DynamicDictionaries from '@sglkc/kuromoji/src/dict/DynamicDictionaries.js';
import Tokenizer from '@sglkc/kuromoji/src/Tokenizer.js';

/**
 * The IPADIC dictionary (mecab-ipadic 2.7.0) as compiled and shipped by `@sglkc/kuromoji` in its
 * `dict/` folder: twelve gzipped files, 18 MB. This module loads it from any byte source, so the
 * same code runs in Node (files read from the package folder, see `./node`) and in browsers
 * (files fetched from a URL the caller serves them at).
 */

/** The files of kuromoji's `dict/` folder. */
export const IPADIC_FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'tid.dat.gz',
  'tid_pos.dat.gz',
  'tid_map.dat.gz',
  'cc.dat.gz',
  'unk.dat.gz',
  'unk_pos.dat.gz',
  'unk_map.dat.gz',
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
  'unk_invoke.dat.gz',
] as const;

export type IpadicFileName = (typeof IPADIC_FILES)[number];

/** Where the dictionary files come from. */
export interface IpadicSource {
  /** A name for messages (a folder path or a URL). */
  readonly location: string;
  /** The bytes of one file of the `dict/` folder, as shipped (gzipped). */
  readFile(name: IpadicFileName, options: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** Decompresses a file; defaults to the web-standard `DecompressionStream('gzip')`. */
  gunzip?(bytes: Uint8Array): Promise<Uint8Array>;
}

/** One morpheme as kuromoji/IPADIC analyses it. */
export interface Morpheme {
  /** The text of the morpheme (a substring of the analysed text). */
  surface: string;
  /** True when IPADIC knows the word (MeCab's `is_unk` is false). */
  known: boolean;
  /** IPADIC's pronunciation in katakana (`pronunciation` field), if it has one. */
  pronunciation?: string;
  /** IPADIC's reading in katakana, if it has one. */
  reading?: string;
  /** Part of speech (IPADIC's first POS field, e.g. 名詞, 助詞, 記号). */
  pos: string;
}

/** A loaded dictionary: a morphological analyser. */
export interface IpadicDictionary {
  readonly location: string;
  /** Splits text into morphemes whose surfaces concatenate to the text. */
  tokenize(text: string): Morpheme[];
  /**
   * MeCab's character category id of a character (IPADIC `char.def`): 0 DEFAULT, 1 SPACE,
   * 2 KANJI, 3 SYMBOL, 4 NUMERIC, 5 ALPHA, 6 HIRAGANA, 7 KATAKANA, 8 KANJINUMERIC, 9 GREEK,
   * 10 CYRILLIC.
   */
  charType(char: string): number;
}

/** A source that fetches the files from `baseUrl` (the URL of a copy of kuromoji's `dict/`). */
export function ipadicFromUrl(baseUrl: string | URL, options: { fetch?: typeof fetch } = {}): IpadicSource {
  const base = String(baseUrl).replace(/\/*$/, '/');
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    location: base,
    async readFile(name, { signal }) {
      const url = base + name;
      let response: Response;
      try {
        response = await doFetch(url, { signal });
      } catch (error) {
        throwIfAborted(signal);
        throw new G2PError('LEXICON_NOT_FOUND', `Could not fetch the IPADIC file ${url}: ${String(error)}.`, {
          cause: error,
        });
      }
      if (!response.ok) {
        throw new G2PError(
          'LEXICON_NOT_FOUND',
          `Fetching the IPADIC file ${url} gave HTTP ${response.status}. Serve the dict/ folder of @sglkc/kuromoji at that URL.`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

async function gunzipWeb(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A fresh, aligned ArrayBuffer holding exactly `bytes` (typed views need aligned offsets). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

function wordsOf(buffer: ArrayBuffer, size: number, name: string, location: string): void {
  if (buffer.byteLength % size !== 0) {
    throw new G2PError(
      'INVALID_LEXICON',
      `The IPADIC file ${name} in ${location} has ${buffer.byteLength} bytes, not a multiple of ${size}: it is not kuromoji's dictionary.`,
    );
  }
}

async function readAll(
  source: IpadicSource,
  signal: AbortSignal | undefined,
): Promise<Map<IpadicFileName, ArrayBuffer>> {
  const gunzip = source.gunzip?.bind(source) ?? gunzipWeb;
  const entries = await Promise.all(
    IPADIC_FILES.map(async (name) => {
      const raw = await source.readFile(name, { signal });
      throwIfAborted(signal);
      let bytes: Uint8Array;
      try {
        bytes = await gunzip(raw);
      } catch (error) {
        throw new G2PError(
          'INVALID_LEXICON',
          `The IPADIC file ${name} in ${source.location} is not valid gzip data (${String(error)}).`,
          { cause: error },
        );
      }
      return [name, ownBuffer(bytes)] as const;
    }),
  );
  return new Map(entries);
}

function build(files: Map<IpadicFileName, ArrayBuffer>, location: string): Tokenizer {
  const get = (name: IpadicFileName, size = 1): ArrayBuffer => {
    const buffer = files.get(name);
    if (buffer === undefined)
      throw new G2PError('LEXICON_NOT_FOUND', `The IPADIC file ${name} is missing in ${location}.`);
    wordsOf(buffer, size, name, location);
    return buffer;
  };
  const dic = new DynamicDictionaries();
  try {
    dic.loadTrie(new Int32Array(get('base.dat.gz', 4)), new Int32Array(get('check.dat.gz', 4)));
    dic.loadTokenInfoDictionaries(
      new Uint8Array(get('tid.dat.gz')),
      new Uint8Array(get('tid_pos.dat.gz')),
      new Uint8Array(get('tid_map.dat.gz')),
    );
    dic.loadConnectionCosts(new Int16Array(get('cc.dat.gz', 2)));
    dic.loadUnknownDictionaries(
      new Uint8Array(get('unk.dat.gz')),
      new Uint8Array(get('unk_pos.dat.gz')),
      new Uint8Array(get('unk_map.dat.gz')),
      new Uint8Array(get('unk_char.dat.gz')),
      new Uint32Array(get('unk_compat.dat.gz', 4)),
      new Uint8Array(get('unk_invoke.dat.gz')),
    );
    return new Tokenizer(dic);
  } catch (error) {
    if (error instanceof G2PError) throw error;
    throw new G2PError(
      'INVALID_LEXICON',
      `The IPADIC dictionary in ${location} could not be read: ${String(error)}.`,
      {
        cause: error,
      },
    );
  }
}

function field(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '*' ? undefined : value;
}

function wrap(tokenizer: Tokenizer, location: string): IpadicDictionary {
  const characters = tokenizer.viterbi_builder.unknown_dictionary.character_definition;
  const typeCache = new Map<string, number>();
  return {
    location,
    tokenize(text) {
      return tokenizer.tokenize(text).map((token) => ({
        surface: token.surface_form,
        known: token.word_type === 'KNOWN',
        pronunciation: field(token.pronunciation),
        reading: field(token.reading),
        pos: token.pos,
      }));
    },
    charType(char) {
      let type = typeCache.get(char);
      if (type === undefined) {
        type = characters.lookup(char)?.class_id ?? 0;
        if (typeCache.size < 10_000) typeCache.set(char, type);
      }
      return type;
    },
  };
}

/** Loads the dictionary from a source. Prefer `sharedIpadic`, which loads each location once. */
export async function loadIpadic(
  source: IpadicSource,
  options: { signal?: AbortSignal } = {},
): Promise<IpadicDictionary> {
  throwIfAborted(options.signal);
  const files = await readAll(source, options.signal);
  throwIfAborted(options.signal);
  return wrap(build(files, source.location), source.location);
}

const shared = new Map<string, Promise<IpadicDictionary>>();

/**
 * The dictionary of `source`, loaded once per location and shared by every caller in this
 * process (the load takes about a second and 100 MB; it is not repeated). The shared load does
 * not stop when one caller aborts: that caller alone gets an `AbortError`.
 */
export function sharedIpadic(
  source: IpadicSource,
  options: { signal?: AbortSignal } = {},
): Promise<IpadicDictionary> {
  throwIfAborted(options.signal);
  let loading = shared.get(source.location);
  if (loading === undefined) {
    loading = loadIpadic(source);
    shared.set(source.location, loading);
    // A failed load is not cached: the next caller tries again (the files may have appeared).
    loading.catch(() => shared.delete(source.location));
  }
  return abortable(loading, options.signal);
}

/** Turns the `dictionary` option into a source (strings and URLs are base URLs of `dict/`). */
export function toIpadicSource(value: IpadicSource | string | URL): IpadicSource {
  if (typeof value === 'string' || value instanceof URL) return ipadicFromUrl(value);
  if (typeof value === 'object' && value !== null && typeof value.readFile === 'function') return value;
  throw new InvalidArgumentError(
    'The dictionary option must be a loaded dictionary, a URL of kuromoji’s dict/ folder, or an object with readFile(name).',
  );
}

export function isIpadicDictionary(value: unknown): value is IpadicDictionary {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpadicDictionary).tokenize === 'function' &&
    typeof (value as IpadicDictionary).charType === 'function'
  );
}
