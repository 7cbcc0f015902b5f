import { G2PError } from './errors';
import type { LanguageTag } from './types';

/** The languages Kokoro v1.0 speaks, as the tags the G2Ps declare (spec kokoro.md §9.1). */
export const KOKORO_LANGUAGES: readonly LanguageTag[] = Object.freeze([
  'en-US',
  'en-GB',
  'es',
  'fr',
  'hi',
  'it',
  'pt-BR',
  'ja',
  'zh',
]);

/** Kokoro's voice-name prefixes: the first letter is the language (KPipeline's lang_code). */
export const VOICE_LANGUAGE_PREFIXES: Readonly<Record<string, LanguageTag>> = Object.freeze({
  a: 'en-US',
  b: 'en-GB',
  e: 'es',
  f: 'fr',
  h: 'hi',
  i: 'it',
  j: 'ja',
  p: 'pt-BR',
  z: 'zh',
});

/**
 * Every spelling users type, lower-cased with `_` as `-`: the tags themselves, KPipeline's
 * one-letter codes (the voice prefixes), `en` for American English and espeak's `fr-fr`.
 */
const ALIASES: ReadonlyMap<string, LanguageTag> = new Map<string, LanguageTag>([
  ...KOKORO_LANGUAGES.map((tag) => [tag.toLowerCase(), tag] as const),
  ...Object.entries(VOICE_LANGUAGE_PREFIXES),
  ['en', 'en-US'],
  ['fr-fr', 'fr'],
]);

/** How the accepted spellings are listed in messages. */
const SPELLINGS = 'en-us, en-gb, es, fr-fr, hi, it, pt-br, ja, zh';

/**
 * A language name as users write it (`en-us`, `EN_GB`, `a`, `fr-fr`, `pt-br`, `zh`, …) → the
 * Kokoro tag (`en-US`, `en-GB`, `en-US`, `fr`, `pt-BR`, `zh`), or `undefined` when Kokoro v1.0
 * does not speak it. The one table of language spellings: apps and presets use it.
 */
export function normalizeLanguage(value: string): LanguageTag | undefined {
  if (typeof value !== 'string') return undefined;
  return ALIASES.get(value.trim().toLowerCase().replace(/_/g, '-'));
}

/**
 * Like {@link normalizeLanguage}, but an unknown language is a `G2PError`
 * `UNSUPPORTED_LANGUAGE` listing the accepted spellings.
 */
export function parseLanguageTag(value: string): LanguageTag {
  const tag = normalizeLanguage(value);
  if (tag === undefined) {
    throw new G2PError(
      'UNSUPPORTED_LANGUAGE',
      `Unknown language "${String(value)}". Use one of: ${SPELLINGS}.`,
    );
  }
  return tag;
}
