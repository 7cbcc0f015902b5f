import {
  AbortError,
  describeVoice,
  KokoroError,
  throwIfAborted,
  VoiceError,
  type VoiceInfo,
  type VoicePack,
  type VoiceStore,
} from '@kokoro-kit/core';
import { createAbortListeners } from './abort-listeners';
import { blendVoicePacks, parseVoiceExpression } from './expression';
import { detectVoiceFileFormat, parseVoiceBundleEntry, parseVoicePack, preview } from './formats';
import type { InflateRaw } from './zip';

/** Where a store gets voice files from: a folder, a URL prefix, an in-memory map… */
export interface VoiceLoader {
  /** The names of the voices it holds. */
  list(options?: { signal?: AbortSignal }): Promise<string[]>;
  /**
   * The bytes of voice `name` (a `.bin`, `.npy` or `.pt` file, or an `.npz` bundle holding a
   * `<name>.npy` entry), or `undefined` if it has no such voice. `name` is already a valid
   * voice name (see `VOICE_NAME_PATTERN`).
   */
  load(name: string, options: { signal?: AbortSignal }): Promise<Uint8Array | undefined>;
  /** How to name voice `name`'s file in error messages (a path or URL); defaults to the name. */
  describeSource?(name: string): string;
}

export interface VoiceStoreOptions {
  loader: VoiceLoader;
  /** How many blends to keep (least recently used are dropped first). Plain packs are all kept. Default 32. */
  maxCachedBlends?: number;
  /** Replaces `DecompressionStream('deflate-raw')` for compressed `.npz`/`.pt` entries. */
  inflateRaw?: InflateRaw;
}

/** A {@link VoiceStore} that loads each voice once, and computes each distinct blend once. */
export interface CachingVoiceStore extends VoiceStore {
  /** Forgets every cached pack and blend (the next `get` loads again). */
  clearCache(): void;
}

interface SharedTask<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * A voice store over any {@link VoiceLoader} (browser-safe). `get` accepts a voice name or a
 * blend expression (see `parseVoiceExpression`): plain packs are loaded once and kept; blends
 * are computed over whole packs and cached by their canonical key, so `a(2)+b(1)` and `a:2,b:1`
 * return the same pack object. Concurrent requests for the same voice share one load, which is
 * aborted only when every caller waiting for it has aborted.
 */
export function createVoiceStore(options: VoiceStoreOptions): CachingVoiceStore {
  const { loader } = options;
  const maxBlends = options.maxCachedBlends ?? 32;
  const packs = new Map<string, VoicePack>();
  const blends = new Map<string, VoicePack>();
  const tasks = new Map<string, SharedTask<VoicePack>>();
  const abortListeners = createAbortListeners();

  async function loadPlain(name: string, signal: AbortSignal): Promise<VoicePack> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await loader.load(name, { signal });
    } catch (error) {
      if (KokoroError.isInstance(error)) throw error;
      if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
      throw new VoiceError(
        'VOICE_LOAD_FAILED',
        `Could not load voice '${name}': ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (bytes === undefined) throw await unknownVoice(name, signal);
    const source = loader.describeSource?.(name) ?? name;
    const parseOptions = {
      source,
      signal,
      ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
    };
    const pack =
      detectVoiceFileFormat(bytes, { source }) === 'npz'
        ? await parseVoiceBundleEntry(bytes, name, parseOptions)
        : await parseVoicePack(bytes, { ...parseOptions, name });
    packs.set(name, pack);
    return pack;
  }

  async function unknownVoice(name: string, signal: AbortSignal): Promise<VoiceError> {
    const names = await loader.list({ signal });
    const near = [...names].sort((a, b) => distance(name, a) - distance(name, b));
    const hint =
      names.length === 0 ? 'The store holds no voices.' : `Available voices include ${preview(near, 5)}.`;
    return new VoiceError('UNKNOWN_VOICE', `Unknown voice '${name}'. ${hint}`);
  }

  function getPlain(name: string, signal: AbortSignal | undefined): Promise<VoicePack> {
    const cached = packs.get(name);
    if (cached !== undefined) return Promise.resolve(cached);
    return join(`voice:${name}`, (s) => loadPlain(name, s), signal);
  }

  async function computeBlend(
    key: string,
    terms: ReadonlyArray<{ name: string; weight: number }>,
    signal: AbortSignal,
  ): Promise<VoicePack> {
    const loaded = await Promise.all(terms.map((t) => getPlain(t.name, signal)));
    throwIfAborted(signal);
    const pack = blendVoicePacks(
      key,
      loaded.map((pack, i) => ({ pack, weight: terms[i]!.weight })),
    );
    blends.set(key, pack);
    while (blends.size > maxBlends) blends.delete(blends.keys().next().value!);
    return pack;
  }

  /** Runs `start` once per key, shared by every caller; aborts it when all callers have aborted. */
  function join(key: string, start: (signal: AbortSignal) => Promise<VoicePack>, signal?: AbortSignal) {
    let task = tasks.get(key);
    if (task === undefined) {
      const controller = new AbortController();
      const created: SharedTask<VoicePack> = { controller, waiters: 0, promise: start(controller.signal) };
      const forget = () => {
        if (tasks.get(key) === created) tasks.delete(key);
      };
      created.promise.then(forget, forget);
      tasks.set(key, created);
      task = created;
    }
    const shared = task;
    shared.waiters++;
    return new Promise<VoicePack>((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) return;
        done = true;
        shared.waiters--;
        if (shared.waiters === 0) {
          shared.controller.abort(signal?.reason);
          if (tasks.get(key) === shared) tasks.delete(key);
        }
        reject(new AbortError(undefined, { cause: signal?.reason }));
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      const stopListening = signal ? abortListeners.add(signal, onAbort) : () => undefined;
      shared.promise.then(
        (pack) => {
          if (done) return;
          done = true;
          shared.waiters--;
          stopListening();
          resolve(pack);
        },
        (error: unknown) => {
          if (done) return;
          done = true;
          shared.waiters--;
          stopListening();
          reject(error);
        },
      );
    });
  }

  return {
    async list(listOptions = {}): Promise<VoiceInfo[]> {
      throwIfAborted(listOptions.signal);
      return (await loader.list(listOptions)).map(describeVoice);
    },

    async get(expression, getOptions = {}): Promise<VoicePack> {
      const { signal } = getOptions;
      throwIfAborted(signal);
      const { terms, key } = parseVoiceExpression(expression);
      const only = terms[0]!;
      if (terms.length === 1 && only.weight === 1) return getPlain(only.name, signal);
      const cached = blends.get(key);
      if (cached !== undefined) {
        // Refresh its place in the LRU order.
        blends.delete(key);
        blends.set(key, cached);
        return cached;
      }
      return join(`blend:${key}`, (s) => computeBlend(key, terms, s), signal);
    },

    clearCache(): void {
      packs.clear();
      blends.clear();
    },
  };
}

/** Levenshtein distance, to suggest names close to a mistyped one. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
