import { join } from 'node:path';
import type { G2P, G2PWarning, LanguageTag } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createEspeakEnglishFallback, createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P } from '@kokoro-kit/g2p-ja/node';
import { createMandarinG2PFromDir } from '@kokoro-kit/g2p-zh/node';
import type { CliAssets } from './assets';
import type { CliIO } from './io';

/**
 * The G2P for a language, wired as hexgrad's KPipeline wires misaki (spec §9.1):
 * - en-US / en-GB: misaki lexicons (flag, environment, or hub cache) with the espeak fallback
 *   for out-of-lexicon words;
 * - es, fr, hi, it, pt-BR: espeak-ng with misaki's replacements;
 * - ja: kuromoji readings, misaki's `ja_words.txt` merges (lexicon folder or hub cache) and
 *   misaki's kana table;
 * - zh: jieba + pypinyin's readings (its dictionaries from the lexicon folder or hub cache)
 *   with arrow tones; Latin words go to the English G2P when a local lexicon folder is given
 *   (never a download just for that).
 */
export async function loadG2P(
  language: LanguageTag,
  assets: CliAssets,
  localLexiconDir: string | undefined,
): Promise<G2P> {
  switch (language) {
    case 'en-US':
    case 'en-GB':
      return createEnglishG2PFromDir({
        dir: await assets.lexiconDir(language),
        dialects: [language],
        fallback: createEspeakEnglishFallback(),
      });
    case 'ja':
      return createJapaneseG2P({ wordsFile: join(await assets.lexiconDir('ja'), 'ja_words.txt') });
    case 'zh': {
      const english =
        localLexiconDir === undefined
          ? undefined
          : await createEnglishG2PFromDir({
              dir: localLexiconDir,
              dialects: ['en-US'],
              fallback: createEspeakEnglishFallback(),
            });
      return createMandarinG2PFromDir({ dir: await assets.pypinyinDir(), english });
    }
    default:
      return createEspeakG2P();
  }
}

export function printWarning(io: CliIO): (warning: G2PWarning) => void {
  return (warning) => io.stderr.write(`kokoro: warning: ${warning.message}\n`);
}
