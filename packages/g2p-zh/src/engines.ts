import { G2PError } from '@kokoro-kit/core';
import { createPypinyinReader, type PinyinReader, type PypinyinDictionaries } from './pypinyin';

/** The part of `jieba-wasm` this package uses (jieba-rs compiled to WASM). */
export interface JiebaModule {
  /** Precise-mode segmentation (`jieba.lcut(text, cut_all=False)`), HMM for unknown words. */
  cut(text: string, hmm?: boolean | null): string[];
}

/** Segmentation and pinyin, loaded once. */
export interface MandarinEngines {
  /** A CJK run → words (their concatenation is the run). */
  segment(run: string): string[];
  /** A word → one numbered-tone syllable per character (neutral tone 5; no sandhi). */
  pinyin(word: string): string[];
}

/** Wraps jieba (or a stand-in with the same API) and a pinyin reader as `MandarinEngines`. */
export function createMandarinEngines(jieba: JiebaModule, reader: PinyinReader): MandarinEngines {
  return {
    // HMM on: jieba.lcut's default, so unknown names split the way the reference splits them.
    segment: (run) => jieba.cut(run, true),
    pinyin: (word) => reader.pinyin(word),
  };
}

let sharedJieba: Promise<JiebaModule> | undefined;
/** One reader per dictionaries object: building one sorts 47,000 phrase keys. */
const readers = new WeakMap<PypinyinDictionaries, PinyinReader>();

/**
 * The default engines: jieba-wasm (loaded once per process, later calls share it) and
 * pypinyin's readings from the dictionaries given (spec §6.1).
 *
 * In Node, jieba-wasm's `node` export reads its WASM synchronously from its own folder. In a
 * browser or bundler, its `browser`/`import` export needs its init function called first, which
 * fetches `jieba_rs_wasm_bg.wasm` next to the module; that is done here when present.
 */
export async function loadMandarinEngines(pinyin: PypinyinDictionaries): Promise<MandarinEngines> {
  let reader = readers.get(pinyin);
  if (reader === undefined) {
    reader = createPypinyinReader(pinyin);
    readers.set(pinyin, reader);
  }
  return createMandarinEngines(await loadJieba(), reader);
}

function loadJieba(): Promise<JiebaModule> {
  sharedJieba ??= importJieba().catch((error: unknown) => {
    sharedJieba = undefined; // let a later call retry
    throw new G2PError(
      'ENGINE_LOAD_FAILED',
      'Could not load the Mandarin segmenter (jieba-wasm). Check that it is installed next to ' +
        `@kokoro-kit/g2p-zh. Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  return sharedJieba;
}

async function importJieba(): Promise<JiebaModule> {
  const jieba = (await import('jieba-wasm')) as unknown as JiebaModule & { default?: unknown };
  // The web build exports an async init (default export) that must run before `cut`; the Node
  // build's default export is its CommonJS `module.exports` object instead.
  if (typeof jieba.default === 'function') await (jieba.default as () => Promise<unknown>)();
  // jieba-rs builds its dictionary on first use (most of a second). Pay that here, once, so the
  // first phonemize() is as fast as the others.
  jieba.cut('你好世界', true);
  return jieba;
}
