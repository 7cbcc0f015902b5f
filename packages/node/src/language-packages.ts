import { G2PError, type LanguageTag } from '@kokoro-kit/core';

/**
 * Loads a module by specifier — `(specifier) => import(specifier)` by default. Injectable so a
 * bundler can map the language packages, and so tests can watch what is loaded and when.
 */
export type Importer = (specifier: string) => Promise<unknown>;

export const defaultImporter: Importer = (specifier) => import(specifier);

/** The G2P packages, optional peer dependencies of this preset. */
export type LanguagePackage =
  | '@kokoro-kit/g2p-en'
  | '@kokoro-kit/g2p-espeak'
  | '@kokoro-kit/g2p-ja'
  | '@kokoro-kit/g2p-zh';

/** The package that speaks each Kokoro language. */
export const PACKAGE_OF_LANGUAGE: Readonly<Record<string, LanguagePackage>> = {
  'en-US': '@kokoro-kit/g2p-en',
  'en-GB': '@kokoro-kit/g2p-en',
  es: '@kokoro-kit/g2p-espeak',
  fr: '@kokoro-kit/g2p-espeak',
  hi: '@kokoro-kit/g2p-espeak',
  it: '@kokoro-kit/g2p-espeak',
  'pt-BR': '@kokoro-kit/g2p-espeak',
  ja: '@kokoro-kit/g2p-ja',
  zh: '@kokoro-kit/g2p-zh',
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  'en-US': 'American English',
  'en-GB': 'British English',
  es: 'Spanish',
  fr: 'French',
  hi: 'Hindi',
  it: 'Italian',
  'pt-BR': 'Brazilian Portuguese',
  ja: 'Japanese',
  zh: 'Mandarin Chinese',
};

/**
 * Imports `entry` of `pkg` for `language`. A package that is not installed is a `G2PError`
 * `LANGUAGE_PACKAGE_MISSING` naming the package to add; any other failure passes through.
 */
export async function importLanguagePackage<T>(
  pkg: LanguagePackage,
  entry: string,
  language: LanguageTag,
  importer: Importer,
): Promise<T> {
  try {
    return (await importer(entry)) as T;
  } catch (error) {
    if (!isMissingPackage(error, pkg)) throw error;
    throw new G2PError(
      'LANGUAGE_PACKAGE_MISSING',
      `${LANGUAGE_NAMES[language] ?? language} needs ${pkg}: npm install ${pkg}`,
      { cause: error },
    );
  }
}

/** Imports `entry` of `pkg`, or `undefined` when the package is not installed. */
export async function importIfInstalled<T>(
  pkg: LanguagePackage,
  entry: string,
  importer: Importer,
): Promise<T | undefined> {
  try {
    return (await importer(entry)) as T;
  } catch (error) {
    if (isMissingPackage(error, pkg)) return undefined;
    throw error;
  }
}

/**
 * True when `pkg` itself cannot be found — not when it is installed but one of its own
 * dependencies is missing (that message names the other package, and `pkg` only in a path).
 */
function isMissingPackage(error: unknown, pkg: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return typeof message === 'string' && (message.includes(`'${pkg}'`) || message.includes(`'${pkg}/`));
}
