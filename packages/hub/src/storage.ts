import type { HubAsset } from './assets';
import type { OpenedDownload } from './download';

/** A complete file in a cache. */
export interface StoredEntry {
  key: string;
  /** Its size now. */
  size: number;
  /** The size and sha256 recorded when it was stored (absent for files put there by hand). */
  recordedSize?: number;
  sha256?: string;
  /** Where it was downloaded from. */
  url?: string;
  /** ISO date of the download. */
  fetchedAt?: string;
}

/** What a storage needs to download one file; given by the hub. */
export interface StoreRequest {
  asset: HubAsset;
  url: string;
  /** Opens the response from `offset` (0 = whole file); see `openDownload`. */
  open(offset: number, etag: string | undefined): Promise<OpenedDownload>;
  /** Throws a `HUB_INTEGRITY` error unless `size`/`sha256` match the pinned digest (if any). */
  check(size: number, sha256: string): void;
  /** Called as bytes arrive: `received` counts from the start of the file. */
  progress(received: number, total: number | undefined, resumedFrom: number): void;
  /** May a partial file left by an earlier attempt be resumed? */
  resume: boolean;
  signal?: AbortSignal;
}

/**
 * Where the hub keeps files. Implementations: the Node file cache (`@kokoro-kit/hub/node`,
 * atomic, resumable, multi-process safe) and Cache Storage (`createCacheStorage`, browsers).
 */
export interface HubStorage {
  /** The complete entry for `key`, or undefined. Cheap: no hashing. */
  stat(key: string): Promise<StoredEntry | undefined>;
  /** The entry's bytes. */
  read(key: string, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /**
   * Downloads `request.url` into `request.asset.key`, calling `check` before the file becomes
   * visible, so a failed or corrupt download never leaves an entry. Records size and sha256.
   */
  store(request: StoreRequest): Promise<StoredEntry>;
  /** Re-hashes the stored bytes (lower-case hex sha256). */
  digest(key: string, options?: { signal?: AbortSignal }): Promise<string>;
  /** Forgets an entry (and any partial download of it). */
  remove(key: string): Promise<void>;
  /** Every complete entry. */
  list(): Promise<StoredEntry[]>;
  /** Forgets everything. */
  clear(): Promise<void>;
}
