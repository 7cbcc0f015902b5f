export { createTokenizer, type KokoroTokenizer, type TokenizerOptions } from './tokenizer';
export { KOKORO_V1_VOCAB, PAD_ID } from './vocab-v1';
