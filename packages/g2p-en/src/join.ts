import type { PhonemeToken } from '@kokoro-kit/core';

/**
 * The phoneme string Kokoro's `KPipeline` builds from tokens (spec g2p.md §3.12, kokoro.md §9.3
 * `tokens_to_ps`): each token's phonemes, plus one space if the token had any trailing
 * whitespace, concatenated and trimmed. A token with empty phonemes still contributes its space;
 * runs of whitespace count once.
 */
export function joinPhonemes(tokens: readonly Pick<PhonemeToken, 'phonemes' | 'whitespace'>[]): string {
  let out = '';
  for (const token of tokens) out += token.phonemes + (token.whitespace === '' ? '' : ' ');
  return out.trim();
}
