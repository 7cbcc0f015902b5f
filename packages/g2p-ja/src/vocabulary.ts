/**
 * The 114 symbols of the Kokoro-82M v1.0 vocabulary (spec g2p.md §2), so this package can check
 * its output without depending on `@kokoro-kit/tokenizer` at run time (a test checks that the
 * two agree). Pass `vocabulary` to `createJapaneseG2P` to check against another model's.
 */
const SYMBOLS =
  ';:,.!?—…"()“” ' + // punctuation and space (ids 1-16)
  '\u0303ʣʥʦʨᵝꭧ' + // combining tilde, affricates, ᵝ ꭧ (17-23)
  'AIOQSTWYᵊ' + // misaki's capitals and small schwa (24-42)
  'abcdefhijklmnopqrstuvwxyz' + // ASCII lowercase without g (43-68)
  'ɑɐɒæβɔɕçɖðʤəɚɛɜɟɡɥɨɪʝɯɰŋɳɲɴøɸθœɹɾɻʁɽʂʃʈʧʊʋʌɣɤχʎʒʔ' + // IPA letters (69-148)
  'ˈˌːʰʲ↓→↗↘ᵻ'; // stress, length, modifiers, tone arrows, ᵻ (156-177)

/** Something that says whether a character is a model input symbol (a core `Tokenizer` fits). */
export interface Vocabulary {
  has(char: string): boolean;
}

/** Kokoro-82M v1.0's vocabulary as a set of characters. */
export const KOKORO_V1_SYMBOLS: ReadonlySet<string> = new Set(Array.from(SYMBOLS));
