import type { LanguageTag } from '@kokoro-kit/core';
import { UsageError } from './io';

/** Language names users type (`--lang`), mapped to the tags the G2Ps declare (spec §9.1). */
const LANGUAGE_ALIASES: Readonly<Record<string, LanguageTag>> = {
  a: 'en-US',
  'en-us': 'en-US',
  en: 'en-US',
  b: 'en-GB',
  'en-gb': 'en-GB',
  e: 'es',
  es: 'es',
  f: 'fr',
  'fr-fr': 'fr',
  fr: 'fr',
  h: 'hi',
  hi: 'hi',
  i: 'it',
  it: 'it',
  p: 'pt-BR',
  'pt-br': 'pt-BR',
  j: 'ja',
  ja: 'ja',
  z: 'zh',
  zh: 'zh',
};

/** The languages this build of the CLI can phonemize. */
export const AVAILABLE_LANGUAGES: readonly LanguageTag[] = [
  'en-US',
  'en-GB',
  'es',
  'fr',
  'hi',
  'it',
  'pt-BR',
  'ja',
  'zh',
];

export function parseLanguage(value: string): LanguageTag {
  const tag = LANGUAGE_ALIASES[value.toLowerCase()];
  if (tag === undefined) {
    throw new UsageError(
      `Unknown language "${value}". Use one of: en-us, en-gb, es, fr-fr, hi, it, pt-br, ja, zh.`,
    );
  }
  if (!AVAILABLE_LANGUAGES.includes(tag)) {
    throw new UsageError(`Language "${value}" is not available yet; this build speaks en-us and en-gb.`);
  }
  return tag;
}

export function parseSpeed(value: string | undefined): number {
  if (value === undefined) return 1;
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed < 0.25 || speed > 4) {
    throw new UsageError(`--speed must be a number from 0.25 to 4 (1 is normal), got "${value}".`);
  }
  return speed;
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}".`);
}
