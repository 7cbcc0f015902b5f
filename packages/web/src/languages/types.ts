import { type G2P, G2PError, type LanguageTag } from '@kokoro-kit/core';
import type { Hub } from '@kokoro-kit/hub';

/** What a language module may use in the worker to build its G2P. */
export interface LanguageContext {
  /** The hub over Cache Storage (misaki's lexicons and other pinned data). */
  hub: Hub;
  /** The URL prefix where the app serves the runtime files (`webAssetFiles()`), ending in `/`. */
  assetsUrl: string;
  /** Another language's G2P, if this worker serves it (Mandarin reads Latin words in English). */
  g2pFor(language: LanguageTag): Promise<G2P | undefined>;
}

/**
 * One or more languages a worker can speak. A module imports its G2P package only inside `load`,
 * so a language costs nothing until a call needs it; a worker lists the modules it serves.
 */
export interface LanguageModule {
  readonly languages: readonly LanguageTag[];
  load(language: LanguageTag, context: LanguageContext): Promise<G2P>;
}

/**
 * Imports a language package, turning a failed import (not installed, or its chunk not served)
 * into a `G2PError` that names the package to add.
 */
export async function importLanguagePackage<T>(
  name: string,
  what: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new G2PError(
      'LANGUAGE_PACKAGE_MISSING',
      `${what} needs ${name}, which could not be loaded (${cause instanceof Error ? cause.message : String(cause)}). ` +
        `Install it (npm install ${name}) and serve the bundle your build makes of it.`,
      { cause },
    );
  }
}
