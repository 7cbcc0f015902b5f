import type { PhonemeToken } from '@kokoro-kit/core';

/**
 * The phoneme string of tokens, joined the way Kokoro's pipeline joins any G2P's tokens (spec
 * g2p.md §3.12): each token's phonemes, plus one space after a token with trailing whitespace
 * unless its phonemes already end in one, trimmed. For this G2P that is exactly misaki's
 * cutlet string (minus non-vocabulary symbols): the spaces misaki puts between words are inside
 * the tokens' phonemes (at the end of a word, or at the start of the word after a punctuation
 * mark), since Japanese text has no whitespace between words.
 */
export function joinJapanesePhonemes(
  tokens: readonly Pick<PhonemeToken, 'phonemes' | 'whitespace'>[],
): string {
  let out = '';
  for (const token of tokens) {
    out += token.phonemes;
    if (token.whitespace !== '' && out !== '' && !out.endsWith(' ')) out += ' ';
  }
  return out.trim();
}
