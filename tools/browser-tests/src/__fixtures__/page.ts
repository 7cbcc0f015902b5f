/**
 * The browser page under test: the packages' browser entries, bundled by esbuild, exposed to
 * the test through `window.kokoro`. The WASM files are served beside the bundle.
 */
import { KOKORO_V1_SYMBOLS } from '@kokoro-kit/core';
import { createEspeakG2P, getEspeakEngine } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P } from '@kokoro-kit/g2p-ja';
import { createMandarinG2P, PYPINYIN_DICTIONARY_FILES, parsePypinyinDictionaries } from '@kokoro-kit/g2p-zh';

interface PageApi {
  phonemize(
    text: string,
    language: string,
  ): Promise<{ text: string; phonemes: string; whitespace: string }[]>;
  vocabularySize: number;
}

const espeak = createEspeakG2P({
  engine: getEspeakEngine({ wasm: new URL('./espeak-ng.wasm', location.href).href }),
});
let mandarin: ReturnType<typeof createMandarinG2P> | undefined;
let japanese: ReturnType<typeof createJapaneseG2P> | undefined;

const api: PageApi = {
  async phonemize(text, language) {
    if (language === 'ja') {
      // kuromoji's IPADIC files, fetched from beside the page.
      japanese ??= createJapaneseG2P({ dictionary: new URL('./dict/', location.href).href });
      return (await japanese).phonemize(text, { language });
    }
    if (language === 'zh') {
      // pypinyin's dictionaries, fetched from beside the page (an app would use the hub).
      mandarin ??= (async () => {
        const text = (file: string) =>
          fetch(new URL(`./pypinyin/${file}`, location.href)).then((r) => r.text());
        const [singles, phrases] = await Promise.all([
          text(PYPINYIN_DICTIONARY_FILES.singles),
          text(PYPINYIN_DICTIONARY_FILES.phrases),
        ]);
        return createMandarinG2P({ pinyin: parsePypinyinDictionaries({ singles, phrases }) });
      })();
      return (await mandarin).phonemize(text, { language });
    }
    return espeak.phonemize(text, { language });
  },
  vocabularySize: KOKORO_V1_SYMBOLS.size,
};
(globalThis as unknown as { kokoro: PageApi }).kokoro = api;
