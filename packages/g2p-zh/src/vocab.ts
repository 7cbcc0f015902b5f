/**
 * The Kokoro-82M v1.0 vocabulary (spec g2p.md §2): the 114 symbols the model has ids for.
 * Kept here as a plain set so this package depends on nothing but core; the tests check it
 * against `@kokoro-kit/tokenizer` so the two copies cannot drift apart.
 */
const SYMBOLS =
  ';:,.!?—…"()“” ' +
  '\u0303ʣʥʦʨᵝꭧ' +
  'AIOQSTWYᵊ' +
  'abcdefhijklmnopqrstuvwxyz' +
  'ɑɐɒæβɔɕçɖðʤəɚɛɜɟɡɥɨɪʝɯɰŋɳɲɴøɸθœɹɾɻʁɽʂʃʈʧʊʋʌɣɤχʎʒʔ' +
  'ˈˌːʰʲ↓→↗↘ᵻ';

/** Every symbol of the Kokoro v1.0 vocabulary (one code point each). */
export const KOKORO_V1_SYMBOLS: ReadonlySet<string> = new Set(SYMBOLS);

/** True if `char` (one code point) is in the Kokoro v1.0 vocabulary. */
export function isKokoroSymbol(char: string): boolean {
  return KOKORO_V1_SYMBOLS.has(char);
}

/** Splits `text` into the part the model can read and the code points it would drop. */
export function keepVocabulary(text: string): { kept: string; dropped: string[] } {
  let kept = '';
  const dropped: string[] = [];
  for (const char of text) {
    if (KOKORO_V1_SYMBOLS.has(char)) kept += char;
    else dropped.push(char);
  }
  return { kept, dropped };
}
