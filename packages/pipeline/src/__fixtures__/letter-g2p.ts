import { type G2P, G2PError, type LanguageTag, type PhonemeToken, throwIfAborted } from '@kokoro-kit/core';

/**
 * A tiny, fully predictable G2P for the pipeline's own tests: every letter is its own phoneme
 * (ASCII `g` becomes `ɡ`), punctuation the model knows passes through, everything else is
 * silent. It keeps word/punctuation tokens and whitespace like a real G2P, so chunking,
 * segmentation and timing can be checked against exact expectations. The real English G2P
 * runs in `tts.test.ts`.
 */
export function createLetterG2P(calls: { text: string; language: LanguageTag | undefined }[] = []): G2P {
  const languages: LanguageTag[] = ['en-US', 'en-GB', 'zh', 'ja', 'es'];
  return {
    languages,
    async phonemize(text, options = {}) {
      throwIfAborted(options.signal);
      if (options.language !== undefined && !languages.includes(options.language)) {
        throw new G2PError('UNSUPPORTED_LANGUAGE', `letter G2P: no ${options.language}`);
      }
      calls.push({ text, language: options.language });
      const tokens: PhonemeToken[] = [];
      for (const match of text.matchAll(/([\p{L}\p{N}'’]+|[^\s\p{L}\p{N}])(\s*)/gu)) {
        const word = match[1]!;
        const phonemes = /[\p{L}\p{N}]/u.test(word)
          ? [...word.toLowerCase()].map((c) => (c === 'g' ? 'ɡ' : /[a-z]/.test(c) ? c : '')).join('')
          : ';:,.!?—…"()“”'.includes(word)
            ? word
            : '';
        tokens.push({ text: word, phonemes, whitespace: match[2]! });
      }
      return tokens;
    },
  };
}
