import { importLanguagePackage, type LanguageModule } from './types';

/** kuromoji's IPADIC folder, as `webAssetFiles()` lays it out. */
export const KUROMOJI_DICT_DIR = 'kuromoji/';

/** Japanese: kuromoji readings (its dictionary served by the app) and misaki's kana table. */
export function japaneseLanguage(): LanguageModule {
  return {
    languages: ['ja'],
    async load(_language, context) {
      const japanese = await importLanguagePackage(
        '@kokoro-kit/g2p-ja',
        'Japanese',
        () => import('@kokoro-kit/g2p-ja'),
      );
      return japanese.createJapaneseG2P({ dictionary: new URL(KUROMOJI_DICT_DIR, context.assetsUrl).href });
    },
  };
}
