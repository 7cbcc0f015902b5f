import { importLanguagePackage, type LanguageModule } from './types';

/**
 * Mandarin: jieba + pinyin with arrow tones (misaki's v1.0 path). Latin words go to the worker's
 * US English G2P when it has one. jieba's WebAssembly is fetched next to the bundle that holds
 * it (bundlers such as Vite emit it there).
 */
export function mandarinLanguage(): LanguageModule {
  return {
    languages: ['zh'],
    async load(_language, context) {
      const [mandarin, english] = await Promise.all([
        importLanguagePackage('@kokoro-kit/g2p-zh', 'Mandarin', () => import('@kokoro-kit/g2p-zh')),
        context.g2pFor('en-US'),
      ]);
      return mandarin.createMandarinG2P(english ? { english } : {});
    },
  };
}
