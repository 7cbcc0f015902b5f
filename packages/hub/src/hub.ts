import { throwIfAborted } from '@kokoro-kit/core';
import {
  type HubAsset,
  lexiconAsset,
  type ModelRef,
  modelAsset,
  parseModelId,
  pypinyinAsset,
  voiceAsset,
} from './assets';
import { isConnectionReset, openDownload } from './download';
import { HubError } from './errors';
import {
  DEFAULT_HUB_URL,
  DEFAULT_LEXICON_URL,
  KOKORO_VOICES,
  type LexiconFile,
  type ModelDtype,
  type PypinyinFile,
} from './manifest';
import type { HubStorage, StoredEntry } from './storage';

/** How often a dropped download is resumed at once (each attempt must make progress). */
const MAX_RESUMES = 3;
/** Immediate retries after a connection reset with no data (a reused socket closed by the server). */
const MAX_RESETS = 2;

/** Reported while a file downloads. */
export interface HubProgress {
  asset: HubAsset;
  url: string;
  /** Bytes of the file on hand (resumed bytes included). */
  received: number;
  /** The file's size, when known. */
  total?: number;
  /** Bytes that were already there from an interrupted download. */
  resumedFrom: number;
}

export type ProgressCallback = (event: HubProgress) => void;

export interface HubOptions {
  storage: HubStorage;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Replaces `https://huggingface.co` (mirrors, tests). */
  hubUrl?: string;
  /** Replaces `https://raw.githubusercontent.com` for misaki's lexicons. */
  lexiconUrl?: string;
  /** Never touch the network: a file missing from the cache is a `HUB_OFFLINE` error. */
  offline?: boolean;
  /** Called as files download (per-call `onProgress` overrides it). */
  onProgress?: ProgressCallback;
  /** Give up on a connection that sends nothing for this long. Default 60 s. */
  idleTimeoutMs?: number;
  /** How to tell a user to get a missing file while offline (ends the `HUB_OFFLINE` message). */
  offlineHint?: (asset: HubAsset) => string;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export type VerifyStatus =
  /** Size and sha256 match the pinned or recorded digest. */
  | 'ok'
  /** Not in the cache. */
  | 'missing'
  /** Bytes differ from the pinned or recorded digest. */
  | 'corrupt'
  /** Present, but nothing to compare with (no pin, no record): put there by hand. */
  | 'unrecorded';

export interface VerifyResult {
  asset: HubAsset;
  status: VerifyStatus;
  /** The digest it should have (pinned, else recorded at download). */
  expected?: string;
  /** The digest of the bytes now. */
  actual?: string;
  /** Whether `expected` is pinned (spec §2.6) or trust-on-first-use. */
  pinned: boolean;
}

export interface PullResult {
  asset: HubAsset;
  /** `cached`: already there and verified; `downloaded`: was missing; `refetched`: was corrupt. */
  action: 'cached' | 'downloaded' | 'refetched';
  entry: StoredEntry;
}

/** What voice-store's `createVoiceStore({ loader })` takes (structurally; no dependency). */
export interface HubVoiceLoader {
  list(options?: { signal?: AbortSignal }): Promise<string[]>;
  load(name: string, options: { signal?: AbortSignal }): Promise<Uint8Array | undefined>;
  describeSource(name: string): string;
}

export interface Hub {
  readonly offline: boolean;
  readonly storage: HubStorage;
  /** The URL a file is fetched from, after base-URL overrides. */
  url(asset: HubAsset): string;
  /** The ONNX file of `id` (`org/name[@revision]`, default the pinned onnx-community export). */
  model(id?: string, options?: { dtype?: ModelDtype }): HubAsset;
  /** `voices/<name>.bin` of `id`'s repo. */
  voice(name: string, id?: string): HubAsset;
  /** A misaki data file at the pinned commit. */
  lexicon(file: LexiconFile): HubAsset;
  /** One of pypinyin's dictionaries at the pinned commit (Mandarin readings). */
  pypinyin(file: PypinyinFile): HubAsset;
  /** The file's cache entry, downloading it first if needed (cheap size check, no re-hash). */
  ensure(asset: HubAsset, options?: CallOptions): Promise<StoredEntry>;
  /** `ensure`, then the bytes. */
  read(asset: HubAsset, options?: CallOptions): Promise<Uint8Array>;
  /** Re-hashes a cached file and compares it with its pinned or recorded digest. */
  verify(asset: HubAsset, options?: { signal?: AbortSignal }): Promise<VerifyResult>;
  /** Makes sure a verified copy is cached: downloads if missing, refetches if corrupt. */
  pull(asset: HubAsset, options?: CallOptions): Promise<PullResult>;
  /** A voice loader over `voices/<name>.bin` of `id`'s repo, fetched on demand. */
  voiceLoader(id?: string): HubVoiceLoader;
}

/**
 * The hub over any storage: builds URLs, downloads with resume, verifies pinned digests (and
 * records the digest of files without a pin), and never contacts the network when offline.
 * Concurrent `ensure`s of one file in this process share one download; storages make it safe
 * across processes.
 */
export function createHub(options: HubOptions): Hub {
  const storage = options.storage;
  const offline = options.offline ?? false;
  const bases = {
    hub: trimSlash(options.hubUrl ?? DEFAULT_HUB_URL),
    lexicon: trimSlash(options.lexiconUrl ?? DEFAULT_LEXICON_URL),
  };
  const inFlight = new Map<string, Promise<StoredEntry>>();
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const hint =
    options.offlineHint ??
    (() => 'fetch it on a connected machine and copy the cache, or pass a local file instead');

  const url = (asset: HubAsset) => `${bases[asset.host]}${asset.urlPath}`;

  function check(asset: HubAsset, size: number, sha256: string, sourceUrl: string): void {
    const server = asset.host === 'hub' ? 'KOKORO_HUB_URL' : 'KOKORO_LEXICON_URL';
    if (asset.size !== undefined && size !== asset.size) {
      throw new HubError(
        'HUB_INTEGRITY',
        `${asset.name} from ${sourceUrl} has ${size} bytes, but the pinned file has ${asset.size}; it was not cached. ` +
          `Run the command again; if it persists, the server (${server}) serves other bytes — use the official host or a faithful mirror.`,
      );
    }
    if (asset.sha256 !== undefined && sha256 !== asset.sha256) {
      throw new HubError(
        'HUB_INTEGRITY',
        `${asset.name} from ${sourceUrl} has sha256 ${sha256}, not the pinned ${asset.sha256}; it was not cached. ` +
          `The server (${server}) serves other bytes under an official path — use the official host or a faithful mirror.`,
      );
    }
  }

  async function download(
    asset: HubAsset,
    call: CallOptions,
    resume: boolean,
    seen: { received: number } = { received: 0 },
  ): Promise<StoredEntry> {
    const sourceUrl = url(asset);
    const onProgress = call.onProgress ?? options.onProgress;
    return storage.store({
      asset,
      url: sourceUrl,
      resume,
      signal: call.signal,
      open: (offset, etag) =>
        openDownload({
          fetch: fetchImpl,
          url: sourceUrl,
          asset,
          offset,
          etag,
          signal: call.signal,
          idleTimeoutMs: options.idleTimeoutMs,
        }),
      check: (size, sha256) => check(asset, size, sha256, sourceUrl),
      progress: (received, total, resumedFrom) => {
        seen.received = Math.max(seen.received, received);
        onProgress?.({ asset, url: sourceUrl, received, total: total ?? asset.size, resumedFrom });
      },
    });
  }

  async function fetchInto(asset: HubAsset, call: CallOptions): Promise<StoredEntry> {
    if (offline) throw offlineError(asset, hint(asset));
    const seen = { received: 0 };
    let cut: HubError | undefined;
    let resets = 0;
    let resume = true;
    for (let retries = 0; ; retries++) {
      const before = seen.received;
      try {
        return await download(asset, call, resume, seen);
      } catch (error) {
        // A resumed download that fails verification may have joined mismatched halves: retry once
        // from scratch (with the same resilience to dropped connections) before blaming the server.
        if (HubError.hasCode(error, 'HUB_INTEGRITY')) {
          if (!resume) throw error;
          resume = false;
          seen.received = 0;
          continue;
        }
        // A connection dropped mid-body: resume at once, as long as each attempt gets further.
        const dropped = HubError.hasCode(error, 'HUB_TRUNCATED') || HubError.hasCode(error, 'HUB_NETWORK');
        // A reset before any byte (a stale keep-alive socket), or a body cut before its first
        // byte (the same race, seen after the headers), is retried too, a couple of times.
        const noProgress = seen.received <= before;
        const reset =
          ((HubError.hasCode(error, 'HUB_NETWORK') && isConnectionReset(error)) ||
            (HubError.hasCode(error, 'HUB_TRUNCATED') && noProgress)) &&
          resets++ < MAX_RESETS;
        if (!reset && (!dropped || call.signal?.aborted || retries >= MAX_RESUMES || noProgress)) {
          // "stopped at N of M bytes" says more than a failed retry's "unreachable".
          throw cut && HubError.hasCode(error, 'HUB_NETWORK') ? cut : error;
        }
        if (HubError.hasCode(error, 'HUB_TRUNCATED')) cut = error as HubError;
      }
    }
  }

  function usable(asset: HubAsset, entry: StoredEntry): boolean {
    const expected = asset.size ?? entry.recordedSize;
    return expected === undefined || entry.size === expected;
  }

  async function ensure(asset: HubAsset, call: CallOptions = {}): Promise<StoredEntry> {
    throwIfAborted(call.signal);
    const entry = await storage.stat(asset.key);
    if (entry && usable(asset, entry)) return entry;
    const running = inFlight.get(asset.key);
    if (running) return running;
    const task = (async () => {
      // A cached file of the wrong size is corrupt: drop it (we are about to refetch it).
      if (entry && !offline) await storage.remove(asset.key);
      if (entry && offline) {
        throw new HubError(
          'HUB_OFFLINE',
          `The cached ${asset.name} is damaged (${entry.size} bytes, expected ${asset.size ?? entry.recordedSize}) and offline mode is on; ${hint(asset)}.`,
        );
      }
      return fetchInto(asset, call);
    })();
    inFlight.set(asset.key, task);
    try {
      return await task;
    } finally {
      inFlight.delete(asset.key);
    }
  }

  async function verify(asset: HubAsset, call: { signal?: AbortSignal } = {}): Promise<VerifyResult> {
    const entry = await storage.stat(asset.key);
    const pinned = asset.sha256 !== undefined;
    if (!entry) return { asset, status: 'missing', pinned };
    const expected = asset.sha256 ?? entry.sha256;
    const actual = await storage.digest(asset.key, call);
    if (expected === undefined) return { asset, status: 'unrecorded', actual, pinned };
    const sizeOk = entry.size === (asset.size ?? entry.recordedSize ?? entry.size);
    return { asset, status: sizeOk && actual === expected ? 'ok' : 'corrupt', expected, actual, pinned };
  }

  async function pull(asset: HubAsset, call: CallOptions = {}): Promise<PullResult> {
    const result = await verify(asset, call);
    if (result.status === 'ok' || result.status === 'unrecorded') {
      const entry = await storage.stat(asset.key);
      if (entry) return { asset, action: 'cached', entry };
    }
    if (result.status === 'corrupt') {
      if (offline) {
        throw new HubError(
          'HUB_OFFLINE',
          `The cached ${asset.name} is corrupt and offline mode is on; ${hint(asset)}.`,
        );
      }
      await storage.remove(asset.key);
    }
    const entry = await ensure(asset, call);
    return { asset, action: result.status === 'corrupt' ? 'refetched' : 'downloaded', entry };
  }

  return {
    offline,
    storage,
    url,
    model: (id, opts) => modelAsset(parseModelId(id), opts?.dtype),
    voice: (name, id) => voiceAsset(parseModelId(id), name),
    lexicon: (file) => lexiconAsset(file),
    pypinyin: (file) => pypinyinAsset(file),
    ensure,
    read: async (asset, call = {}) => {
      await ensure(asset, call);
      return storage.read(asset.key, call);
    },
    verify,
    pull,
    voiceLoader: (id) => createHubVoiceLoader(parseModelId(id), ensure, storage, url),
  };
}

function createHubVoiceLoader(
  ref: ModelRef,
  ensure: Hub['ensure'],
  storage: HubStorage,
  url: (asset: HubAsset) => string,
): HubVoiceLoader {
  return {
    // The hub has no listing endpoint we rely on; the 54 v1.0 names are known (spec §8.5).
    list: async () => [...KOKORO_VOICES],
    load: async (name, call) => {
      const asset = voiceAsset(ref, name);
      try {
        await ensure(asset, call);
      } catch (error) {
        // A 404 means "no such voice": let the voice store say so with its own error.
        if (HubError.hasCode(error, 'HUB_NOT_FOUND')) return undefined;
        throw error;
      }
      return storage.read(asset.key, call);
    },
    describeSource: (name) => url(voiceAsset(ref, name)),
  };
}

function offlineError(asset: HubAsset, hint: string): HubError {
  return new HubError('HUB_OFFLINE', `${asset.name} is not in the cache and offline mode is on; ${hint}.`);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
