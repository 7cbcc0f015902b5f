import { STYLE_DIM, VOICE_PACK_ROWS, VoiceError } from '@kokoro-kit/core';
import { PickleError, PickleGlobal, PickleTuple, type PickleValue, readPickle } from './pickle';
import { floatsFromLittleEndian } from './voice-pack';
import { type InflateRaw, readZipEntry, type ZipEntry } from './zip';

/**
 * PyTorch `.pt` voice packs (spec §8.1): a zip holding `<archive>/data.pkl` (a pickle that
 * rebuilds one tensor with `torch._utils._rebuild_tensor_v2`), `<archive>/data/<key>` (raw
 * storages) and `<archive>/byteorder`. We read the pickle without Python, resolve the one float32
 * storage it references and copy the tensor out, honouring storage offset and strides.
 */

type StorageRef = {
  readonly kind: 'storage';
  readonly key: string;
  readonly dtype: string;
  readonly numel: number;
};

type TensorRef = {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
};

/** torch storage classes and their element types; only float32 is a valid voice. */
const STORAGE_DTYPES: Record<string, string> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

function isStorage(value: unknown): value is StorageRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'storage';
}

function isTensor(value: unknown): value is TensorRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';
}

function intTuple(value: PickleValue | undefined, what: string): number[] {
  if (
    !(value instanceof PickleTuple) ||
    !value.items.every((v) => typeof v === 'number' && Number.isInteger(v))
  ) {
    throw new PickleError(`_rebuild_tensor_v2: ${what} is not a tuple of integers.`);
  }
  return value.items as number[];
}

function findClass(module: string, name: string): PickleGlobal | undefined {
  if (module === 'torch._utils' && name === '_rebuild_tensor_v2') {
    return new PickleGlobal(module, name, (args): PickleValue => {
      const [storage, offset, size, stride] = args;
      if (!isStorage(storage))
        throw new PickleError('_rebuild_tensor_v2: the first argument is not a storage.');
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
        throw new PickleError('_rebuild_tensor_v2: the storage offset is not a non-negative integer.');
      }
      const tensor: TensorRef = {
        kind: 'tensor',
        storage,
        offset,
        size: intTuple(size, 'size'),
        stride: intTuple(stride, 'stride'),
      };
      return tensor;
    });
  }
  if (module === 'torch' && name in STORAGE_DTYPES) return new PickleGlobal(module, name);
  // The (empty) backward-hooks argument of _rebuild_tensor_v2.
  if (module === 'collections' && name === 'OrderedDict') {
    return new PickleGlobal(module, name, () => new Map());
  }
  return undefined;
}

function persistentLoad(pid: PickleValue): PickleValue {
  if (!(pid instanceof PickleTuple) || pid.items[0] !== 'storage') {
    throw new PickleError("persistent id is not a ('storage', ...) tuple.");
  }
  const [, type, key, , numel] = pid.items;
  if (!(type instanceof PickleGlobal) || type.module !== 'torch' || STORAGE_DTYPES[type.name] === undefined) {
    throw new PickleError('persistent id names an unknown storage type.');
  }
  if (typeof key !== 'string' || typeof numel !== 'number') {
    throw new PickleError('persistent id has no string key and integer size.');
  }
  const storage: StorageRef = { kind: 'storage', key, dtype: STORAGE_DTYPES[type.name]!, numel };
  return storage;
}

/** The archive prefix of a PyTorch zip (`af_heart` for `af_heart/data.pkl`), or undefined if it is not one. */
export function torchArchivePrefix(entries: readonly ZipEntry[]): string | undefined {
  const pickles = entries.filter((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  return pickles.length === 1 ? pickles[0]!.name.slice(0, -'/data.pkl'.length) : undefined;
}

export interface TorchReadOptions {
  source: string;
  signal?: AbortSignal;
  inflateRaw?: InflateRaw;
}

/** Reads the float32 [510, 1, 256] (or [510, 256]) tensor of a `.pt` voice pack as a fresh array. */
export async function parseTorchVoice(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  options: TorchReadOptions,
): Promise<Float32Array> {
  const { source } = options;
  const fail = (problem: string, cause?: unknown) =>
    new VoiceError('INVALID_VOICE_FILE', `${source}: ${problem}`, cause === undefined ? {} : { cause });
  const prefix = torchArchivePrefix(entries);
  if (prefix === undefined)
    throw fail('is a zip but not a PyTorch archive (expected one <archive>/data.pkl entry).');
  const entry = (name: string) => entries.find((e) => e.name === `${prefix}/${name}`);
  const read = (e: ZipEntry) => readZipEntry(bytes, e, options);

  const byteorderEntry = entry('byteorder');
  // Archives from torch < 1.10 have no byteorder record; they were written little-endian.
  if (byteorderEntry !== undefined) {
    const order = new TextDecoder().decode(await read(byteorderEntry)).trim();
    if (order !== 'little') {
      throw fail(
        `byteorder is '${order}'; only little-endian archives are supported. Re-save it on a little-endian machine.`,
      );
    }
  }

  const pickleBytes = await read(entry('data.pkl')!);
  let value: PickleValue;
  try {
    value = readPickle(pickleBytes, { findClass, persistentLoad });
  } catch (error) {
    if (error instanceof PickleError) throw fail(`${prefix}/data.pkl: ${error.message}`, error);
    throw error;
  }
  if (!isTensor(value)) {
    throw fail(
      `${prefix}/data.pkl holds no tensor at the top level; a voice .pt is one torch.save'd tensor.`,
    );
  }
  const { storage, size, stride, offset } = value;
  if (storage.dtype !== 'float32') throw fail(`the tensor is ${storage.dtype}; a voice pack is float32.`);
  const okShape =
    (size.length === 3 && size[0] === VOICE_PACK_ROWS && size[1] === 1 && size[2] === STYLE_DIM) ||
    (size.length === 2 && size[0] === VOICE_PACK_ROWS && size[1] === STYLE_DIM);
  if (!okShape) {
    throw fail(
      `tensor shape [${size.join(', ')}] is not a Kokoro v1.0 voice pack; expected [${VOICE_PACK_ROWS}, 1, ${STYLE_DIM}] or [${VOICE_PACK_ROWS}, ${STYLE_DIM}].`,
    );
  }
  if (!isContiguous(size, stride)) {
    throw fail(`tensor strides (${stride.join(', ')}) are not contiguous; save it with tensor.contiguous().`);
  }
  const count = VOICE_PACK_ROWS * STYLE_DIM;
  if (offset + count > storage.numel) {
    throw fail(
      `tensor (offset ${offset}, ${count} elements) runs past its storage of ${storage.numel} elements.`,
    );
  }
  const dataEntry = entry(`data/${storage.key}`);
  if (dataEntry === undefined)
    throw fail(`storage '${prefix}/data/${storage.key}' is missing from the archive.`);
  const data = await read(dataEntry);
  if (data.length !== storage.numel * 4) {
    throw fail(
      `storage '${prefix}/data/${storage.key}' is ${data.length} bytes; ${storage.numel} float32 need ${storage.numel * 4}.`,
    );
  }
  return floatsFromLittleEndian(data.subarray(offset * 4, (offset + count) * 4));
}

/** C-contiguous, ignoring the stride of size-1 dimensions (as torch does). */
function isContiguous(size: readonly number[], stride: readonly number[]): boolean {
  if (size.length !== stride.length) return false;
  let expected = 1;
  for (let i = size.length - 1; i >= 0; i--) {
    if (size[i] !== 1 && stride[i] !== expected) return false;
    expected *= size[i]!;
  }
  return true;
}
