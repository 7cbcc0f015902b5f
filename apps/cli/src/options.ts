import { type LanguageTag, parseLanguageTag } from '@kokoro-kit/core';
import { UsageError } from './io';

/** A `--lang` value as a Kokoro language tag (core's one table of spellings); a bad one is a usage error. */
export function parseLanguage(value: string): LanguageTag {
  try {
    return parseLanguageTag(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
