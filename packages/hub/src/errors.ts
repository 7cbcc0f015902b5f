import { KokoroError, type KokoroErrorOptions } from '@kokoro-kit/core';

/**
 * Error codes of the hub. Each message names the file and says what to do.
 * - `HUB_OFFLINE`: a file is not cached and the network may not be used (`KOKORO_OFFLINE=1`).
 * - `HUB_NOT_FOUND`: the server answered 404 (wrong repo, revision, path or voice name).
 * - `HUB_HTTP`: any other unexpected HTTP status.
 * - `HUB_NETWORK`: no connection (DNS, refused, reset) before or during a download.
 * - `HUB_TRUNCATED`: the body ended before the announced length.
 * - `HUB_INTEGRITY`: size or sha256 differs from the pinned (or recorded) digest.
 * - `HUB_DISK_FULL`: no space left while writing the cache.
 */
export type HubErrorCode =
  | 'HUB_OFFLINE'
  | 'HUB_NOT_FOUND'
  | 'HUB_HTTP'
  | 'HUB_NETWORK'
  | 'HUB_TRUNCATED'
  | 'HUB_INTEGRITY'
  | 'HUB_DISK_FULL';

/** A failure fetching, caching or verifying a hub file. */
export class HubError extends KokoroError {
  declare readonly code: HubErrorCode;
  constructor(code: HubErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'HubError';
  }
}
