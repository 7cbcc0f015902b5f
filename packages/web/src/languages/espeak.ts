import type { LanguageTag, WordFallback } from '@kokoro-kit/core';
import { importLanguagePackage, type LanguageContext, type LanguageModule } from './types';

const PACKAGE = '@kokoro-kit/g2p-espeak';
/** The languages `@kokoro-kit/g2p-espeak` speaks (its `ESPEAK_LANGUAGES`; a test keeps them equal). */
export const ESPEAK_LANGUAGE_TAGS: readonly LanguageTag[] = ['es', 'fr', 'hi', 'it', 'pt-BR'];
/** espeak-ng's WebAssembly, as `webAssetFiles()` names it. */
export const ESPEAK_WASM_FILE = 'espeak-ng.wasm';

const load = (what: string) => importLanguagePackage(PACKAGE, what, () => import('@kokoro-kit/g2p-espeak'));

/** One espeak-ng engine per worker, its WebAssembly fetched from the app's own assets. */
async function engine(context: LanguageContext, what: string) {
  const espeak = await load(what);
  return {
    espeak,
    engine: espeak.getEspeakEngine({ wasm: new URL(ESPEAK_WASM_FILE, context.assetsUrl).href }),
  };
}

/** Spanish, French, Hindi, Italian and Brazilian Portuguese through espeak-ng (GPL-3.0-or-later). */
export function espeakLanguages(): LanguageModule {
  return {
    languages: ESPEAK_LANGUAGE_TAGS,
    async load(language, context) {
      const { espeak, engine: shared } = await engine(context, `Language ${language}`);
      return espeak.createEspeakG2P({ engine: shared });
    },
  };
}

/** misaki's espeak fallback for English words outside the lexicons. */
export async function espeakEnglishFallback(context: LanguageContext): Promise<WordFallback> {
  const { espeak, engine: shared } = await engine(context, 'The English fallback for unknown words');
  return espeak.createEspeakEnglishFallback({ engine: shared });
}
