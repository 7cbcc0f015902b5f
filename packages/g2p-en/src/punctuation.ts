/**
 * Phonemes of punctuation tokens (spec g2p.md §3.5 steps 1–3, §3.11).
 *
 * misaki decides from spaCy's tags; here the tokenizer's quote direction and the spacing stand in
 * for them: quotation marks of any kind become `“` / `”`, brackets `(` `)` stay, a lone hyphen or
 * en dash between spaces becomes `—`, and only misaki's PUNCTS characters survive otherwise.
 */
import { PUNCTS } from './phonemes';
import type { TextToken } from './tokenizer';

/**
 * The phonemes of a non-word token. `previous` is the token before it (its whitespace tells
 * whether a dash stands alone).
 */
export function punctuationPhonemes(token: TextToken, previous: TextToken | undefined): string {
  if (token.kind === 'currency' || token.kind === 'other') return '';
  if (token.quote !== undefined) return token.quote === 'open' ? '“' : '”';
  if (token.text === '(' || token.text === ')') return token.text;
  if (
    (token.text === '-' || token.text === '–') &&
    previous !== undefined &&
    previous.whitespace !== '' &&
    token.whitespace !== ''
  ) {
    return '—';
  }
  let kept = '';
  for (const char of token.text) if (PUNCTS.has(char)) kept += char;
  return kept;
}
