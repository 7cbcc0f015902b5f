import {
  InvalidArgumentError,
  STYLE_DIM,
  VOICE_PACK_ROWS,
  VoiceError,
  type VoicePack,
} from '@kokoro-kit/core';

/** Floats in one Kokoro v1.0 pack: 510 rows × 256 (spec §8.1). */
export const VOICE_PACK_FLOATS = VOICE_PACK_ROWS * STYLE_DIM;
/** Bytes in a raw `.bin` pack: 130,560 float32 = 522,240 bytes (spec §8.1). */
export const VOICE_PACK_BYTES = VOICE_PACK_FLOATS * 4;

/**
 * Wraps a `rows × 256` float32 table as a {@link VoicePack}.
 *
 * The pack keeps `data` as given (no copy) and `styleFor` returns a `subarray` view into it, so
 * picking a style allocates nothing. Packs are shared (stores cache them), so treat `data` and
 * every style row as read-only: copy (`Float32Array.from(style)`) before changing values.
 */
export function createVoicePack(name: string, data: Float32Array): VoicePack {
  if (data.length === 0 || data.length % STYLE_DIM !== 0) {
    throw new InvalidArgumentError(
      `Voice pack '${name}' has ${data.length} floats; expected a non-empty multiple of ${STYLE_DIM} (rows × ${STYLE_DIM}).`,
    );
  }
  assertFinite(name, data);
  const rows = data.length / STYLE_DIM;
  return {
    name,
    data,
    rows,
    styleFor(phonemeCount: number): Float32Array {
      const start = styleRowIndex(phonemeCount, rows) * STYLE_DIM;
      return data.subarray(start, start + STYLE_DIM);
    },
  };
}

/**
 * A NaN or infinite style value makes the model produce silence or noise for every utterance,
 * far from where the damage is; checked once per pack, when it is made (~0.1 ms).
 */
function assertFinite(name: string, data: Float32Array): void {
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i]!)) continue;
    throw new VoiceError(
      'INVALID_VOICE_FILE',
      `Voice pack '${name}' holds ${data[i]} at row ${Math.floor(i / STYLE_DIM)}, column ${i % STYLE_DIM}; ` +
        'a voice pack must hold finite numbers. The file is damaged: fetch or export the voice again.',
    );
  }
}

/**
 * The row the PyTorch reference (`KPipeline`: `pack[len(ps) - 1]`, spec §8.2) uses for an
 * utterance of `phonemeCount` phonemes, clamped to `0..rows-1`. kokoro-js and kokoro-onnx use
 * row `phonemeCount` instead (one later); neighbouring rows differ by ~0.0007 on average.
 */
export function styleRowIndex(phonemeCount: number, rows: number = VOICE_PACK_ROWS): number {
  if (Number.isNaN(phonemeCount)) {
    throw new InvalidArgumentError(
      'styleFor(phonemeCount): phonemeCount is NaN; pass the number of phonemes.',
    );
  }
  const index = Math.floor(phonemeCount) - 1;
  return Math.min(Math.max(index, 0), rows - 1);
}

/** Copies little-endian float32 bytes into a fresh, aligned Float32Array, whatever the host's byte order. */
export function floatsFromLittleEndian(bytes: Uint8Array): Float32Array {
  const count = bytes.length >>> 2;
  const out = new Float32Array(count);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
    return out;
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, true);
  return out;
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
