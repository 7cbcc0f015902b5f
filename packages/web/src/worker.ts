/**
 * The default kokoro-kit worker: every language kokoro-kit has (English with the espeak fallback,
 * espeak's five, Japanese, Mandarin), each package imported on first use. To ship fewer
 * languages, write your own worker file with `startKokoroWorker` and the modules you want, and
 * pass it to `createWebTTS({ worker })`.
 */
import { englishLanguages } from './languages/english';
import { espeakEnglishFallback, espeakLanguages } from './languages/espeak';
import { japaneseLanguage } from './languages/japanese';
import { mandarinLanguage } from './languages/mandarin';
import { startKokoroWorker } from './worker-host';

startKokoroWorker({
  languages: [
    englishLanguages({ fallback: espeakEnglishFallback }),
    espeakLanguages(),
    japaneseLanguage(),
    mandarinLanguage(),
  ],
});
