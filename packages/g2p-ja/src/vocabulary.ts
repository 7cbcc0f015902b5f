/**
 * Something that says whether a character is a model input symbol: core's `KOKORO_V1_SYMBOLS`
 * (the default) or a `Tokenizer` fit. Pass `vocabulary` to `createJapaneseG2P` to check output
 * against another model's vocabulary.
 */
export interface Vocabulary {
  has(char: string): boolean;
}
