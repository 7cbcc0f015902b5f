import {
  abortable,
  type G2P,
  G2PError,
  type LanguageTag,
  normalizeLanguage,
  type PhonemeToken,
  type PhonemizeOptions,
  throwIfAborted,
} from '@kokoro-kit/core';

export interface LanguageRouterOptions {
  /** The languages this router serves, in the form callers should use (`en-US`, `ja`, …). */
  languages: readonly LanguageTag[];
  /**
   * Creates the G2P for one of `languages`. Called at most once per language, on first use
   * (concurrent first calls share it); a failed load is retried on the next call.
   */
  load: (language: LanguageTag) => Promise<G2P>;
  /** The language of a call that names none. Default: the first of `languages`. */
  defaultLanguage?: LanguageTag;
}

/** A G2P that dispatches each call to one language's G2P, created lazily. */
export interface LanguageRouter extends G2P {
  /** The G2P for a language, loading it if needed (e.g. to warm it up before speaking). */
  forLanguage(language: LanguageTag, options?: { signal?: AbortSignal }): Promise<G2P>;
  /** The languages whose G2P has loaded so far. */
  loaded(): LanguageTag[];
}

/**
 * Routes `phonemize` by its `language` option, so one pipeline speaks every language a preset
 * offers while loading only the languages it is asked for. A call's language may be written any
 * way core's `normalizeLanguage` accepts (`en_us`, `a`, `fr-fr`); tags outside Kokoro's own
 * (a custom G2P's) match case-insensitively.
 */
export function createLanguageRouter(options: LanguageRouterOptions): LanguageRouter {
  const byKey = new Map(options.languages.map((tag) => [keyOf(tag), tag]));
  const fallback = options.defaultLanguage ?? options.languages[0];
  const cache = new Map<LanguageTag, Promise<G2P>>();
  const ready = new Set<LanguageTag>();

  function resolve(language: LanguageTag | undefined): LanguageTag {
    const tag = language === undefined ? fallback : byKey.get(keyOf(language));
    if (tag === undefined) {
      throw new G2PError(
        'UNSUPPORTED_LANGUAGE',
        `No G2P for language ${JSON.stringify(language)}; this pipeline speaks ${options.languages.join(', ')}.`,
      );
    }
    return tag;
  }

  function forLanguage(language: LanguageTag, call: { signal?: AbortSignal } = {}): Promise<G2P> {
    throwIfAborted(call.signal);
    const tag = resolve(language);
    let loading = cache.get(tag);
    if (loading === undefined) {
      loading = options.load(tag).then(
        (g2p) => {
          ready.add(tag);
          return g2p;
        },
        (error: unknown) => {
          cache.delete(tag); // a later call may succeed (a network blip, a package installed since)
          throw error;
        },
      );
      cache.set(tag, loading);
    }
    // The load itself goes on for the next caller; an aborted caller stops waiting.
    return abortable(loading, call.signal);
  }

  return {
    languages: options.languages,
    forLanguage,
    loaded: () => [...ready],
    async phonemize(text: string, call: PhonemizeOptions = {}): Promise<PhonemeToken[]> {
      const tag = resolve(call.language);
      const g2p = await forLanguage(tag, call.signal === undefined ? {} : { signal: call.signal });
      return g2p.phonemize(text, { ...call, language: tag });
    },
  };
}

/** One spelling per language: Kokoro's tag when core knows it, else the tag folded. */
function keyOf(tag: string): string {
  return normalizeLanguage(tag) ?? tag.trim().toLowerCase().replaceAll('_', '-');
}
