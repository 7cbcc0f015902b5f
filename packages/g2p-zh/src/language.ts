import { G2PError, type LanguageTag } from '@kokoro-kit/core';

/**
 * Tags this G2P answers to, compared case-insensitively with `_` read as `-`: `zh` and its
 * Simplified/Mainland forms, `cmn` (ISO 639-3 Mandarin), and KPipeline's one-letter code `z`
 * (spec kokoro.md §9.1). Traditional-script tags are not claimed: the dictionaries are
 * Simplified-first.
 */
const ALIASES = new Set(['zh', 'zh-cn', 'zh-hans', 'zh-hans-cn', 'zh-sg', 'cmn', 'cmn-hans', 'cmn-cn', 'z']);

export function isMandarinTag(language: unknown): boolean {
  return typeof language === 'string' && ALIASES.has(language.toLowerCase().replace(/_/g, '-'));
}

/** Throws `G2PError` `UNSUPPORTED_LANGUAGE` unless `language` is Mandarin or absent. */
export function assertMandarin(language: LanguageTag | undefined): void {
  if (language === undefined || isMandarinTag(language)) return;
  throw new G2PError(
    'UNSUPPORTED_LANGUAGE',
    `The Mandarin G2P does not handle the language ${JSON.stringify(language)}. It accepts 'zh' ` +
      "(also 'zh-CN', 'zh-Hans', 'cmn' and KPipeline's 'z'); use another G2P for other languages.",
  );
}
