import { lexiconAsset } from '@kokoro-kit/hub';
import { importLanguagePackage, type LanguageModule } from './types';

/** kuromoji's IPADIC folder, as `webAssetFiles()` lays it out. */
export const KUROMOJI_DICT_DIR = 'kuromoji/';

/**
 * Japanese: kuromoji readings (its dictionary served by the app), misaki's `ja_words.txt` merges
 * (fetched by the hub and cached, as Kokoro's training data used them) and misaki's kana table.
 */
export function japaneseLanguage(): LanguageModule {
  return {
    languages: ['ja'],
    async load(_language, context) {
      const [japanese, words] = await Promise.all([
        importLanguagePackage('@kokoro-kit/g2p-ja', 'Japanese', () => import('@kokoro-kit/g2p-ja')),
        context.hub.read(lexiconAsset('ja_words.txt')),
      ]);
      return japanese.createJapaneseG2P({
        dictionary: new URL(KUROMOJI_DICT_DIR, context.assetsUrl).href,
        words: new TextDecoder().decode(words).split('\n'),
      });
    },
  };
}
