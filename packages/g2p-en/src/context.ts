import { CONSONANTS, NON_QUOTE_PUNCTS, VOWELS } from './phonemes';

/**
 * What follows the word being resolved (misaki `TokenContext`, spec g2p.md §3.6). Words are
 * resolved right to left, so this is known when a word is looked up.
 */
export interface TokenContext {
  /**
   * Does the next word start with a vowel (`true`) or a consonant (`false`)? `null` when no word
   * follows: the next token is punctuation, or the text ends.
   */
  readonly futureVowel: boolean | null;
  /** Is the next word `to`? */
  readonly futureTo: boolean;
}

/** The context after the last token of a text. */
export const END_OF_TEXT: TokenContext = Object.freeze({ futureVowel: null, futureTo: false });

/**
 * The context for the token before one just resolved (misaki `token_context`): the first
 * vowel, consonant or non-quote punctuation mark of its phonemes decides `futureVowel`; empty
 * phonemes (or only quotes and stress marks) keep the previous value.
 */
export function nextContext(
  context: TokenContext,
  phonemes: string | null,
  text: string,
  tag: string | undefined,
): TokenContext {
  let futureVowel = context.futureVowel;
  for (const char of phonemes ?? '') {
    if (NON_QUOTE_PUNCTS.has(char)) {
      futureVowel = null;
      break;
    }
    if (VOWELS.has(char) || CONSONANTS.has(char)) {
      futureVowel = VOWELS.has(char);
      break;
    }
  }
  // Without a tag, an upper-case "TO" is taken as the particle (misaki needs tag TO or IN).
  const futureTo =
    text === 'to' || text === 'To' || (text === 'TO' && (tag === undefined || tag === 'TO' || tag === 'IN'));
  return { futureVowel, futureTo };
}
