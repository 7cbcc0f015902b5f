import { indexVoiceBundle } from './formats';
import type { VoiceLoader } from './store';
import {
  bytesZipSource,
  type InflateRaw,
  readZipDirectoryFrom,
  readZipEntryFrom,
  type ZipEntry,
  type ZipSource,
} from './zip';

export interface BundleVoiceLoaderOptions {
  /**
   * Gets the bundle: its bytes (e.g. `fetch(url).then(r => r.arrayBuffer())`), or a
   * {@link ZipSource} for random access (a file handle, HTTP range requests). Called once; a
   * failed call is retried on the next use.
   */
  open(options: { signal?: AbortSignal }): Promise<Uint8Array | ZipSource>;
  /** The bundle's name in error messages. Default `'voice bundle'`. */
  source?: string;
  /** Replaces `DecompressionStream('deflate-raw')` for `np.savez_compressed` bundles. */
  inflateRaw?: InflateRaw;
}

/**
 * A {@link VoiceLoader} over one numpy `.npz` bundle (kokoro-onnx `voices-v1.0.bin`): lists its
 * `<voice>.npy` entries and hands out one entry's `.npy` bytes per voice (browser-safe).
 */
export function createBundleVoiceLoader(options: BundleVoiceLoaderOptions): VoiceLoader {
  const source = options.source ?? 'voice bundle';
  let opened: Promise<{ zip: ZipSource; entries: Map<string, ZipEntry> }> | undefined;

  function open(signal: AbortSignal | undefined) {
    if (opened === undefined) {
      const attempt = (async () => {
        const got = await options.open(signal === undefined ? {} : { signal });
        const zip = got instanceof Uint8Array ? bytesZipSource(got) : got;
        return { zip, entries: indexVoiceBundle(await readZipDirectoryFrom(zip, { source }), source) };
      })();
      opened = attempt;
      attempt.catch(() => {
        if (opened === attempt) opened = undefined;
      });
    }
    return opened;
  }

  return {
    async list(listOptions = {}) {
      return [...(await open(listOptions.signal)).entries.keys()];
    },
    async load(name, loadOptions) {
      const { zip, entries } = await open(loadOptions.signal);
      const entry = entries.get(name);
      if (entry === undefined) return undefined;
      return readZipEntryFrom(zip, entry, {
        source,
        ...loadOptions,
        ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
      });
    },
    describeSource: (name) => `${source}: entry '${name}.npy'`,
  };
}
