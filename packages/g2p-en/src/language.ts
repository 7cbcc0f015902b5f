import { G2PError, type LanguageTag } from '@kokoro-kit/core';

/** The two English dialects Kokoro v1.0 was trained on (misaki `british=False` / `True`). */
export type EnglishDialect = 'en-US' | 'en-GB';

export const ENGLISH_DIALECTS: readonly EnglishDialect[] = ['en-US', 'en-GB'];

/**
 * Accepted spellings, compared case-insensitively: the BCP-47 tags (`en-US`, `en-us`, `en_US`),
 * KPipeline's one-letter codes (`a` American, `b` British, spec kokoro.md §9.1), and `en`,
 * which means the default dialect of the G2P (en-US when loaded).
 */
const ALIASES: Readonly<Record<string, EnglishDialect | 'default'>> = {
  'en-us': 'en-US',
  en_us: 'en-US',
  a: 'en-US',
  'en-gb': 'en-GB',
  en_gb: 'en-GB',
  b: 'en-GB',
  en: 'default',
};

/** Parses a language tag to a dialect, or `undefined` if it is not English. */
export function parseEnglishDialect(language: string): EnglishDialect | 'default' | undefined {
  return Object.hasOwn(ALIASES, language.toLowerCase()) ? ALIASES[language.toLowerCase()] : undefined;
}

/**
 * Picks the dialect for a call. No language → the default (en-US if loaded, else en-GB).
 * Anything else that is not a loaded dialect → `G2PError` `UNSUPPORTED_LANGUAGE`.
 */
export function resolveDialect(
  language: LanguageTag | undefined,
  available: readonly EnglishDialect[],
): EnglishDialect {
  const fallback = available.includes('en-US') ? 'en-US' : available[0];
  if (language === undefined) {
    if (fallback === undefined) throw unsupported(language, available);
    return fallback;
  }
  const parsed = typeof language === 'string' ? parseEnglishDialect(language) : undefined;
  const dialect = parsed === 'default' ? fallback : parsed;
  if (dialect === undefined || !available.includes(dialect)) throw unsupported(language, available, dialect);
  return dialect;
}

function unsupported(
  language: unknown,
  available: readonly EnglishDialect[],
  wanted?: EnglishDialect,
): G2PError {
  const have = available.length > 0 ? available.join(', ') : 'none';
  const hint = wanted === undefined ? '' : ` Load the ${wanted} lexicon to use it.`;
  return new G2PError(
    'UNSUPPORTED_LANGUAGE',
    `This English G2P does not support the language ${JSON.stringify(language)}. Loaded dialects: ${have} ` +
      `(also accepted: 'a' = en-US, 'b' = en-GB, 'en' = the default).${hint}`,
  );
}
