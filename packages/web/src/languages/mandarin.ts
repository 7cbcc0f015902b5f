import { type PypinyinFile, pypinyinAsset } from '@kokoro-kit/hub';
import { importLanguagePackage, type LanguageContext, type LanguageModule } from './types';

/**
 * Mandarin: jieba + pypinyin's readings (its two dictionaries fetched by the hub and cached) with
 * arrow tones — misaki's v1.0 path. Latin words go to the worker's US English G2P when it has one.
 * jieba's WebAssembly is fetched next to the bundle that holds it (bundlers such as Vite emit it
 * there).
 */
export function mandarinLanguage(): LanguageModule {
  return {
    languages: ['zh'],
    async load(_language, context) {
      const [mandarin, english] = await Promise.all([
        importLanguagePackage('@kokoro-kit/g2p-zh', 'Mandarin', () => import('@kokoro-kit/g2p-zh')),
        context.g2pFor('en-US'),
      ]);
      const files = mandarin.PYPINYIN_DICTIONARY_FILES;
      const [singles, phrases] = await Promise.all([
        readText(context, files.singles),
        readText(context, files.phrases),
      ]);
      const pinyin = mandarin.parsePypinyinDictionaries({ singles, phrases });
      return mandarin.createMandarinG2P({ pinyin, ...(english ? { english } : {}) });
    },
  };
}

async function readText(context: LanguageContext, file: PypinyinFile): Promise<string> {
  return new TextDecoder().decode(await context.hub.read(pypinyinAsset(file)));
}
