import { G2PError } from '@kokoro-kit/core';

/** The part of `jieba-wasm` this package uses (jieba-rs compiled to WASM). */
export interface JiebaModule {
  /** Precise-mode segmentation (`jieba.lcut(text, cut_all=False)`), HMM for unknown words. */
  cut(text: string, hmm?: boolean | null): string[];
}

/** The part of `pinyin-pro` this package uses. */
export interface PinyinProModule {
  pinyin(
    text: string,
    options: { toneType: 'num'; type: 'array'; toneSandhi: boolean; v?: boolean },
  ): string[];
}

/** Segmentation and pinyin, loaded once. */
export interface MandarinEngines {
  /** A CJK run → words (their concatenation is the run). */
  segment(run: string): string[];
  /** A word → one numbered-tone syllable per character (phrase-aware; neutral tone 0; no sandhi). */
  pinyin(word: string): string[];
}

/** Wraps the two libraries (or stand-ins with the same API) as `MandarinEngines`. */
export function createMandarinEngines(jieba: JiebaModule, pinyinPro: PinyinProModule): MandarinEngines {
  return {
    // HMM on: jieba.lcut's default, so unknown names split the way the reference splits them.
    segment: (run) => jieba.cut(run, true),
    // toneSandhi off: pinyin-pro applies 一/不 sandhi by default; misaki's v1.0 path applies
    // none (spec §6.1, §7).
    pinyin: (word) => pinyinPro.pinyin(word, { toneType: 'num', type: 'array', toneSandhi: false }),
  };
}

let shared: Promise<MandarinEngines> | undefined;

/**
 * Loads jieba-wasm and pinyin-pro once per process (later calls share the first load).
 *
 * In Node, jieba-wasm's `node` export reads its WASM synchronously from its own folder. In a
 * browser or bundler, its `browser`/`import` export needs its init function called first, which
 * fetches `jieba_rs_wasm_bg.wasm` next to the module; that is done here when present. Nothing
 * is downloaded from the network in Node.
 */
export function loadMandarinEngines(): Promise<MandarinEngines> {
  shared ??= importEngines().catch((error: unknown) => {
    shared = undefined; // let a later call retry
    throw new G2PError(
      'ENGINE_LOAD_FAILED',
      'Could not load the Mandarin engines (jieba-wasm, pinyin-pro). Check that both packages are ' +
        `installed next to @kokoro-kit/g2p-zh. Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  return shared;
}

async function importEngines(): Promise<MandarinEngines> {
  const [jiebaModule, pinyinModule] = await Promise.all([import('jieba-wasm'), import('pinyin-pro')]);
  const jieba = jiebaModule as unknown as JiebaModule & { default?: unknown };
  // The web build exports an async init (default export) that must run before `cut`; the Node
  // build's default export is its CommonJS `module.exports` object instead.
  if (typeof jieba.default === 'function') await (jieba.default as () => Promise<unknown>)();
  const engines = createMandarinEngines(jieba, pinyinModule as unknown as PinyinProModule);
  // Both libraries build their dictionaries on first use (jieba-rs: most of a second). Pay that
  // here, once, so the first phonemize() is as fast as the others.
  engines.segment('你好世界');
  engines.pinyin('你好');
  return engines;
}
