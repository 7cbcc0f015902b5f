import { VoiceError, type VoicePack } from '@kokoro-kit/core';
import { isNpy, parseNpyVoice } from './npy';
import { parseTorchVoice, torchArchivePrefix } from './torch';
import { createVoicePack, floatsFromLittleEndian, VOICE_PACK_BYTES } from './voice-pack';
import { type InflateRaw, isZip, readZipDirectory, readZipEntry, type ZipEntry } from './zip';

/**
 * Voice file formats (spec §8.1), told apart by their bytes, never by their extension
 * (kokoro-onnx's npz bundle is named `voices-v1.0.bin`):
 * - `pt`: a zip with one `<archive>/data.pkl` (PyTorch);
 * - `npz`: any other zip (numpy `np.savez`/`np.savez_compressed` bundle of `<voice>.npy`);
 * - `npy`: one numpy array (`\x93NUMPY` magic);
 * - `bin`: anything else, read as raw little-endian float32 (must be exactly 522,240 bytes).
 */
export type VoiceFileFormat = 'bin' | 'npy' | 'pt' | 'npz';

export interface ParseVoiceOptions {
  /** The file name or URL shown in error messages. */
  source?: string;
  signal?: AbortSignal;
  /** Replaces `DecompressionStream('deflate-raw')` for compressed zip entries. */
  inflateRaw?: InflateRaw;
}

/** Which voice format the bytes hold (reads the zip directory to tell `.pt` from `.npz`). */
export function detectVoiceFileFormat(bytes: Uint8Array, options: { source?: string } = {}): VoiceFileFormat {
  if (isZip(bytes)) {
    const entries = readZipDirectory(bytes, { source: options.source ?? 'voice file' });
    return torchArchivePrefix(entries) === undefined ? 'npz' : 'pt';
  }
  return isNpy(bytes) ? 'npy' : 'bin';
}

/**
 * Parses one voice pack from a `.bin`, `.npy` or `.pt` file. The pack owns a fresh copy of the
 * floats. An `.npz` bundle holds many voices: use {@link parseVoiceBundle} for it.
 */
export async function parseVoicePack(
  bytes: Uint8Array,
  options: ParseVoiceOptions & { name: string },
): Promise<VoicePack> {
  const source = options.source ?? options.name;
  return createVoicePack(options.name, await parseSingleVoice(bytes, { ...options, source }));
}

async function parseSingleVoice(bytes: Uint8Array, options: ParseVoiceOptions & { source: string }) {
  const { source } = options;
  if (isZip(bytes)) {
    const entries = readZipDirectory(bytes, { source });
    if (torchArchivePrefix(entries) === undefined) {
      const names = bundleVoiceNames(entries, source);
      throw new VoiceError(
        'INVALID_VOICE_FILE',
        `${source} is a numpy .npz bundle of ${names.length} voices (${preview(names)}), not one voice pack. ` +
          'Read it with parseVoiceBundle(), or put it in a voice store.',
      );
    }
    return parseTorchVoice(bytes, entries, { ...options, source });
  }
  if (isNpy(bytes)) return parseNpyVoice(bytes, source);
  return parseRawVoice(bytes, source);
}

/** Reads a raw little-endian float32 `.bin` pack (kokoro-js, onnx-community). */
export function parseRawVoice(bytes: Uint8Array, source: string): Float32Array {
  if (bytes.length !== VOICE_PACK_BYTES) {
    throw new VoiceError(
      'INVALID_VOICE_FILE',
      `${source} is ${bytes.length.toLocaleString('en-US')} bytes; a raw .bin voice pack is 510 × 1 × 256 float32 = ` +
        `${VOICE_PACK_BYTES.toLocaleString('en-US')} bytes.${sniff(bytes)} Download the file again or check its format.`,
    );
  }
  return floatsFromLittleEndian(bytes);
}

/** A hint for common wrong downloads. */
function sniff(bytes: Uint8Array): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('version https://git-lfs')) return ' It is a Git LFS pointer, not the file itself.';
  if (head.startsWith('<')) return ' It looks like an HTML/XML page (an error page saved as the file?).';
  return '';
}

/** The voice names (entry names without `.npy`) of an `.npz` bundle, in archive order. */
export function listVoiceBundle(bytes: Uint8Array, options: { source?: string } = {}): string[] {
  const source = options.source ?? 'voice bundle';
  if (!isZip(bytes))
    throw new VoiceError('INVALID_VOICE_FILE', `${source} is not a zip (.npz) voice bundle.`);
  return bundleVoiceNames(readZipDirectory(bytes, { source }), source);
}

function bundleVoiceNames(entries: readonly ZipEntry[], source: string): string[] {
  return [...indexVoiceBundle(entries, source).keys()];
}

/**
 * Maps voice names to the `<voice>.npy` entries of an `.npz` bundle's directory. Refuses other
 * entries (np.savez writes only `.npy`) and empty bundles.
 */
export function indexVoiceBundle(entries: readonly ZipEntry[], source: string): Map<string, ZipEntry> {
  const index = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (!entry.name.endsWith('.npy')) {
      throw new VoiceError(
        'INVALID_VOICE_FILE',
        `${source}: zip entry '${entry.name}' is not a .npy array; a voice bundle (np.savez) holds only <voice>.npy entries.`,
      );
    }
    index.set(entry.name.slice(0, -'.npy'.length), entry);
  }
  if (index.size === 0)
    throw new VoiceError('INVALID_VOICE_FILE', `${source}: the zip holds no .npy voice arrays.`);
  return index;
}

/** Parses every voice of an `.npz` bundle (kokoro-onnx `voices-v1.0.bin`). */
export async function parseVoiceBundle(
  bytes: Uint8Array,
  options: ParseVoiceOptions = {},
): Promise<Map<string, VoicePack>> {
  const source = options.source ?? 'voice bundle';
  if (!isZip(bytes)) {
    throw new VoiceError(
      'INVALID_VOICE_FILE',
      `${source} is not a zip (.npz) voice bundle; read single .bin/.npy/.pt voices with parseVoicePack().`,
    );
  }
  const entries = readZipDirectory(bytes, { source });
  if (torchArchivePrefix(entries) !== undefined) {
    throw new VoiceError(
      'INVALID_VOICE_FILE',
      `${source} is a PyTorch .pt voice, not an .npz bundle; read it with parseVoicePack().`,
    );
  }
  bundleVoiceNames(entries, source);
  const packs = new Map<string, VoicePack>();
  for (const entry of entries) {
    const name = entry.name.slice(0, -'.npy'.length);
    packs.set(name, createVoicePack(name, await readBundleEntry(bytes, entry, { ...options, source })));
  }
  return packs;
}

/** Parses one voice of an `.npz` bundle without touching the others. */
export async function parseVoiceBundleEntry(
  bytes: Uint8Array,
  name: string,
  options: ParseVoiceOptions = {},
): Promise<VoicePack> {
  const source = options.source ?? 'voice bundle';
  const entries = readZipDirectory(bytes, { source });
  const entry = entries.find((e) => e.name === `${name}.npy`);
  if (entry === undefined) {
    const names = bundleVoiceNames(entries, source);
    throw new VoiceError('UNKNOWN_VOICE', `${source} has no voice '${name}'. It holds ${preview(names)}.`);
  }
  return createVoicePack(name, await readBundleEntry(bytes, entry, { ...options, source }));
}

async function readBundleEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  options: ParseVoiceOptions & { source: string },
): Promise<Float32Array> {
  const npy = await readZipEntry(bytes, entry, options);
  return parseNpyVoice(npy, `${options.source}: entry '${entry.name}'`);
}

/** Up to `max` names, then "… and N more". */
export function preview(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} … and ${names.length - max} more` : shown;
}
