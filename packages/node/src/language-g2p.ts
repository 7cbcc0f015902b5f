import { basename, join } from 'node:path';
import {
  type G2P,
  G2PError,
  KOKORO_LANGUAGES,
  KokoroError,
  type LanguageTag,
  parseLanguageTag,
} from '@kokoro-kit/core';
import { type HubAsset, lexiconAsset, PYPINYIN_FILES, pypinyinAsset } from '@kokoro-kit/hub';
import { createLanguageRouter } from '@kokoro-kit/pipeline';
import {
  type Importer,
  importIfInstalled,
  importLanguagePackage,
  PACKAGE_OF_LANGUAGE,
} from './language-packages';

type EnglishModule = typeof import('@kokoro-kit/g2p-en/node');
type EspeakModule = typeof import('@kokoro-kit/g2p-espeak');
type JapaneseModule = typeof import('@kokoro-kit/g2p-ja/node');
type MandarinModule = typeof import('@kokoro-kit/g2p-zh/node');

/** The language spoken when neither the call nor the voice names one. */
export const DEFAULT_LANGUAGE: LanguageTag = 'en-US';

export interface LanguageG2PsOptions {
  importer: Importer;
  /** A folder holding the language's misaki lexicon files (may download them). */
  lexiconDir(language: LanguageTag): Promise<string>;
  /** A folder holding these data files (the local lexicon folder, else the hub's pinned copies). */
  dataDir(files: readonly HubAsset[]): Promise<string>;
  /** The caller's own lexicon folder, if any (read for ja_words.txt and Mandarin's English). */
  localLexiconDir: string | undefined;
}

/** One G2P per language, created on first use and kept. */
export interface LanguageG2Ps {
  /**
   * The G2P of `language` (any spelling `normalizeLanguage` accepts), loading its package (and
   * lexicons) the first time. An unknown language is a `G2PError` `UNSUPPORTED_LANGUAGE`.
   */
  get(language: LanguageTag, options?: { signal?: AbortSignal }): Promise<G2P>;
  /** A G2P that hands each call to the G2P of its language (the pipeline's one G2P). */
  readonly router: G2P;
}

/**
 * The G2P for each language, wired as hexgrad's KPipeline wires misaki (spec kokoro.md §9.1),
 * each language package imported only when its language is first used:
 * - en-US / en-GB: misaki lexicons (local folder or hub cache) with espeak for out-of-lexicon
 *   words when `@kokoro-kit/g2p-espeak` is installed (else such words are warnings);
 * - es, fr, hi, it, pt-BR: espeak-ng with misaki's replacements (one engine for all five);
 * - ja: kuromoji readings, misaki's `ja_words.txt` merges (local lexicon folder, else the hub)
 *   and misaki's kana table;
 * - zh: jieba + pypinyin's readings (its dictionaries from the local lexicon folder, else the hub);
 *   Latin words go to the English G2P when a local lexicon folder is given (never a download
 *   just for that).
 */
export function createLanguageG2Ps(options: LanguageG2PsOptions): LanguageG2Ps {
  // The five espeak languages share one G2P (and one WASM engine).
  let espeak: Promise<G2P> | undefined;
  const router = createLanguageRouter({
    languages: KOKORO_LANGUAGES,
    defaultLanguage: DEFAULT_LANGUAGE,
    load: (language) => {
      if (PACKAGE_OF_LANGUAGE[language] !== '@kokoro-kit/g2p-espeak') return loadG2P(language, options, get);
      espeak ??= loadG2P(language, options, get);
      espeak.catch(() => {
        espeak = undefined; // a later call tries again
      });
      return espeak;
    },
  });
  const get: LanguageG2Ps['get'] = (language, call = {}) =>
    router.forLanguage(parseLanguageTag(language), call);
  return { get, router };
}

async function loadG2P(
  language: LanguageTag,
  options: LanguageG2PsOptions,
  get: LanguageG2Ps['get'],
): Promise<G2P> {
  const { importer, localLexiconDir } = options;
  const pkg = PACKAGE_OF_LANGUAGE[language];
  switch (pkg) {
    case '@kokoro-kit/g2p-en':
      return loadEnglish(language, options);
    case '@kokoro-kit/g2p-espeak': {
      const espeak = await importLanguagePackage<EspeakModule>(pkg, pkg, language, importer);
      return espeak.createEspeakG2P();
    }
    case '@kokoro-kit/g2p-ja': {
      // misaki's ja_words.txt merges words as Kokoro's training data did: always used.
      const words = lexiconAsset('ja_words.txt');
      const [ja, dir] = await Promise.all([
        importLanguagePackage<JapaneseModule>(pkg, `${pkg}/node`, language, importer),
        options.dataDir([words]),
      ]);
      return ja.createJapaneseG2P({ wordsFile: join(dir, basename(words.urlPath)) });
    }
    case '@kokoro-kit/g2p-zh': {
      // pypinyin's own dictionaries: the readings misaki's v1.0 path used.
      const [zh, dir, english] = await Promise.all([
        importLanguagePackage<MandarinModule>(pkg, `${pkg}/node`, language, importer),
        options.dataDir(PYPINYIN_FILES.map((file) => pypinyinAsset(file))),
        localLexiconDir === undefined ? undefined : englishIfInstalled(get),
      ]);
      return zh.createMandarinG2PFromDir({ dir, english });
    }
    default:
      throw new G2PError('UNSUPPORTED_LANGUAGE', `No G2P package speaks ${JSON.stringify(language)}.`);
  }
}

async function loadEnglish(language: LanguageTag, options: LanguageG2PsOptions): Promise<G2P> {
  const pkg = '@kokoro-kit/g2p-en';
  const [en, espeak, dir] = await Promise.all([
    importLanguagePackage<EnglishModule>(pkg, `${pkg}/node`, language, options.importer),
    importIfInstalled<EspeakModule>('@kokoro-kit/g2p-espeak', '@kokoro-kit/g2p-espeak', options.importer),
    options.lexiconDir(language),
  ]);
  return en.createEnglishG2PFromDir({
    dir,
    dialects: [language],
    fallback: espeak?.createEspeakEnglishFallback(),
  });
}

/** Mandarin's English reader: the en-US G2P, or none when `@kokoro-kit/g2p-en` is not installed. */
async function englishIfInstalled(get: LanguageG2Ps['get']): Promise<G2P | undefined> {
  try {
    return await get('en-US');
  } catch (error) {
    if (KokoroError.hasCode(error, 'LANGUAGE_PACKAGE_MISSING')) return undefined;
    throw error;
  }
}
