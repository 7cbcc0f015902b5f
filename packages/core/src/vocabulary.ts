/**
 * The 114 symbols of the Kokoro-82M v1.0 phoneme vocabulary (spec kokoro.md §6), as a set of
 * characters: what every G2P may emit. Ids are the tokenizer's business
 * (`@kokoro-kit/tokenizer`, whose tests check that its table has exactly these symbols).
 * Each symbol is one code point; U+0303 (combining tilde) stands alone.
 */
const SYMBOLS =
  ';:,.!?—…"()“” ' + // punctuation and space (ids 1–16)
  '\u0303ʣʥʦʨᵝꭧ' + // combining tilde, affricates, ᵝ ꭧ (17–23)
  'AIOQSTWYᵊ' + // misaki's capitals and small schwa (24–42)
  'abcdefhijklmnopqrstuvwxyz' + // ASCII lowercase without g (43–68)
  'ɑɐɒæβɔɕçɖðʤəɚɛɜɟɡɥɨɪʝɯɰŋɳɲɴøɸθœɹɾɻʁɽʂʃʈʧʊʋʌɣɤχʎʒʔ' + // IPA letters (69–148)
  'ˈˌːʰʲ↓→↗↘ᵻ'; // stress, length, modifiers, tone arrows, ᵻ (156–177)

/** Every symbol of the Kokoro v1.0 vocabulary. */
export const KOKORO_V1_SYMBOLS: ReadonlySet<string> = new Set(Array.from(SYMBOLS));

/**
 * Splits phonemes into what the model can read and the characters it would silently drop
 * (kept in order), so a G2P can report them instead.
 */
export function splitVocabulary(
  phonemes: string,
  symbols: { has(char: string): boolean } = KOKORO_V1_SYMBOLS,
): { kept: string; dropped: string[] } {
  let kept = '';
  const dropped: string[] = [];
  for (const char of phonemes) {
    if (symbols.has(char)) kept += char;
    else dropped.push(char);
  }
  return { kept, dropped };
}
