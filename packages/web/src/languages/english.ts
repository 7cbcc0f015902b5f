import type { LanguageTag, WordFallback } from '@kokoro-kit/core';
import { LEXICONS_BY_LANGUAGE, type LexiconFile } from '@kokoro-kit/hub';
import { importLanguagePackage, type LanguageContext, type LanguageModule } from './types';

export interface EnglishLanguagesOptions {
  /**
   * Reads words outside misaki's lexicons (e.g. `espeakEnglishFallback`). Without one, such
   * words are silent and reported as `unknown-word` warnings.
   */
  fallback?: (context: LanguageContext) => Promise<WordFallback>;
}

/** US and British English: misaki's rules over its lexicons, fetched by the hub and cached. */
export function englishLanguages(options: EnglishLanguagesOptions = {}): LanguageModule {
  return {
    languages: ['en-US', 'en-GB'],
    async load(language, context) {
      const english = await importLanguagePackage(
        '@kokoro-kit/g2p-en',
        'English',
        () => import('@kokoro-kit/g2p-en'),
      );
      const dialect = english.ENGLISH_DIALECTS.find((d) => d === language);
      if (dialect === undefined) throw new Error(`No English dialect ${language}.`);
      const [gold, silver] = lexiconFiles(dialect);
      const [goldData, silverData, fallback] = await Promise.all([
        readJson(context, gold),
        readJson(context, silver),
        options.fallback?.(context),
      ]);
      const lexicon = english.createMisakiLexicon({
        gold: goldData,
        silver: silverData,
        dialect,
        sourceNames: {
          gold: context.hub.url(context.hub.lexicon(gold)),
          silver: context.hub.url(context.hub.lexicon(silver)),
        },
      });
      return english.createEnglishG2P({
        lexicons: { [dialect]: lexicon },
        ...(fallback ? { fallback } : {}),
      });
    },
  };
}

function lexiconFiles(language: LanguageTag): readonly [LexiconFile, LexiconFile] {
  const [gold, silver] = LEXICONS_BY_LANGUAGE[language] ?? [];
  if (gold === undefined || silver === undefined) throw new Error(`No misaki lexicons for ${language}.`);
  return [gold, silver];
}

async function readJson(context: LanguageContext, file: LexiconFile): Promise<never> {
  const bytes = await context.hub.read(context.hub.lexicon(file));
  return JSON.parse(new TextDecoder().decode(bytes)) as never;
}
