import { access, constants, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, ModelError } from '@kokoro-kit/core';
import type * as OrtNode from 'onnxruntime-node';

/** The `onnxruntime-node` module (what `import('onnxruntime-node')` returns). */
export type OrtModule = typeof OrtNode;
export type OrtSession = OrtNode.InferenceSession;
export type OrtTensor = OrtNode.Tensor;

/** The onnxruntime session options this adapter passes through. */
export interface NodeSessionOptions {
  /**
   * Threads for one operator. Default: `os.availableParallelism()` (all cores this process may
   * use). onnxruntime-node's own default performs poorly on Kokoro (spec §14: RTF 1.71 → 1.37
   * on 8 cores once set to the core count). `0` asks onnxruntime to choose.
   */
  intraOpNumThreads?: number;
  /** Threads across operators; only used with `executionMode: 'parallel'`. Default: onnxruntime's. */
  interOpNumThreads?: number;
  /** Default `'all'`. */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Default `['cpu']`. */
  executionProviders?: OrtNode.InferenceSession.SessionOptions['executionProviders'];
  enableCpuMemArena?: boolean;
  /**
   * Default `false`. onnxruntime's memory pattern plans one block per input shape; Kokoro's
   * shapes change with every chunk, and with the pattern on, peak RSS on the full-size model was
   * 845 MB against 686 MB off, at the same speed (tools/bench, 3 chunks of 129–232 ids).
   */
  enableMemPattern?: boolean;
  /** Default `'sequential'` (kokoro-onnx found `parallel` no faster, spec §13.5). */
  executionMode?: 'sequential' | 'parallel';
  /** onnxruntime's log level, 0 (verbose) … 4 (fatal). Default 3: errors only. */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

/** Session options with every default this adapter chooses filled in. */
export function resolveSessionOptions(
  options: NodeSessionOptions = {},
): OrtNode.InferenceSession.SessionOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('`sessionOptions` must be an object.');
  }
  for (const key of ['intraOpNumThreads', 'interOpNumThreads'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new InvalidArgumentError(
        `\`sessionOptions.${key}\` is ${String(value)}; use a whole number ≥ 0 (0: onnxruntime decides).`,
      );
    }
  }
  const levels = ['disabled', 'basic', 'extended', 'all'];
  if (options.graphOptimizationLevel !== undefined && !levels.includes(options.graphOptimizationLevel)) {
    throw new InvalidArgumentError(
      `\`sessionOptions.graphOptimizationLevel\` is ${JSON.stringify(options.graphOptimizationLevel)}; use one of ${levels.join(', ')}.`,
    );
  }
  if (options.executionMode !== undefined && !['sequential', 'parallel'].includes(options.executionMode)) {
    throw new InvalidArgumentError(
      `\`sessionOptions.executionMode\` is ${JSON.stringify(options.executionMode)}; use 'sequential' or 'parallel'.`,
    );
  }
  const resolved: OrtNode.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.intraOpNumThreads ?? availableParallelism(),
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    executionProviders: options.executionProviders ?? ['cpu'],
    executionMode: options.executionMode ?? 'sequential',
    logSeverityLevel: options.logSeverityLevel ?? 3,
    enableMemPattern: options.enableMemPattern ?? false,
  };
  if (options.interOpNumThreads !== undefined) resolved.interOpNumThreads = options.interOpNumThreads;
  if (options.enableCpuMemArena !== undefined) resolved.enableCpuMemArena = options.enableCpuMemArena;
  return resolved;
}

/** Loads `onnxruntime-node` (a peer dependency) when the caller did not inject it. */
export async function loadOrt(): Promise<OrtModule> {
  let module: OrtModule & { default?: OrtModule };
  try {
    module = (await import('onnxruntime-node')) as OrtModule & { default?: OrtModule };
  } catch (cause) {
    throw new ModelError(
      'RUNTIME_UNAVAILABLE',
      `onnxruntime-node could not be loaded (${messageOf(cause)}). It is a peer dependency of ` +
        '@kokoro-kit/runtime-node: install it next to it (npm install onnxruntime-node), or pass the module as `ort`.',
      { cause },
    );
  }
  // CommonJS interop: the named exports are usually detected, the default export always holds them.
  return typeof module.InferenceSession === 'function' ? module : (module.default ?? module);
}

/** Opens a session from a path or bytes, turning every failure into a ModelError that says what to do. */
export async function openSession(
  ort: OrtModule,
  model: string | Uint8Array,
  sessionOptions: OrtNode.InferenceSession.SessionOptions,
): Promise<OrtSession> {
  let what: string;
  if (typeof model === 'string') {
    await checkModelFile(model);
    what = `the model file ${model}`;
  } else {
    if (model.byteLength === 0) {
      throw new ModelError(
        'INVALID_MODEL',
        'The model bytes are empty; pass the contents of a Kokoro .onnx file.',
      );
    }
    what = `the model bytes (${model.byteLength} bytes)`;
  }
  try {
    // Overloads differ for paths and bytes; both go to the same native loader.
    return typeof model === 'string'
      ? await ort.InferenceSession.create(model, sessionOptions)
      : await ort.InferenceSession.create(model, sessionOptions);
  } catch (cause) {
    throw new ModelError(
      'INVALID_MODEL',
      `onnxruntime could not load ${what}: ${messageOf(cause)}. Check that it is a complete Kokoro ONNX model ` +
        '(download it again if it may be truncated) and that the session options, such as execution providers, are supported here.',
      { cause },
    );
  }
}

async function checkModelFile(path: string): Promise<void> {
  if (path === '') {
    throw new InvalidArgumentError(
      '`model` is an empty string; pass the path of a Kokoro .onnx file or its bytes.',
    );
  }
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ModelError(
        'MODEL_NOT_FOUND',
        `Model file not found: ${path}. Pass the path of a Kokoro-82M .onnx file (for example onnx/model.onnx ` +
          'from onnx-community/Kokoro-82M-v1.0-ONNX, or kokoro-v1.0.onnx from kokoro-onnx), or download one first.',
        { cause },
      );
    }
    throw new ModelError('INVALID_MODEL', `Cannot read the model file ${path}: ${messageOf(cause)}.`, {
      cause,
    });
  }
  if (!isFile) {
    throw new ModelError('INVALID_MODEL', `${path} is not a file; pass the path of the .onnx file itself.`);
  }
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw new ModelError(
      'INVALID_MODEL',
      `Cannot read the model file ${path}: ${messageOf(cause)}. Check its permissions.`,
      {
        cause,
      },
    );
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A function of the model bytes, with an id that changes whenever its output would. */
export interface ModelTransform {
  readonly id: string;
  apply(model: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * Opens the transformed model. A transform is an optimization: if it fails, or onnxruntime cannot
 * load its output, the model is opened as it is and `onFallback` says so (a missing or damaged
 * file fails with its own error instead). Returns the transformed bytes if used.
 */
export async function openTransformed(
  ort: OrtModule,
  model: string | Uint8Array,
  sessionOptions: OrtNode.InferenceSession.SessionOptions,
  transform: ModelTransform,
  onFallback: (message: string) => void,
): Promise<{ session: OrtSession; bytes?: Uint8Array }> {
  const original = typeof model === 'string' ? await readModelFile(model) : model;
  try {
    const bytes = await applyTransform(original, transform);
    return { session: await openSession(ort, bytes, sessionOptions), bytes };
  } catch (error) {
    // Warn only once the model itself has loaded: for a damaged file its own error says it all.
    const session = await openSession(ort, model, sessionOptions);
    onFallback(`${messageOf(error)} Loaded the model as it is.`);
    return { session };
  }
}

/** The transform's output; failures become a ModelError naming the transform. */
async function applyTransform(bytes: Uint8Array, transform: ModelTransform): Promise<Uint8Array> {
  try {
    return await transform.apply(bytes);
  } catch (cause) {
    throw new ModelError(
      'INVALID_MODEL',
      `The model transform ${transform.id} failed: ${messageOf(cause)}.`,
      {
        cause,
      },
    );
  }
}

/** The bytes of a model file, with the same checks and errors as loading it by path. */
async function readModelFile(path: string): Promise<Uint8Array> {
  await checkModelFile(path);
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ModelError('INVALID_MODEL', `Cannot read the model file ${path}: ${messageOf(cause)}.`, {
      cause,
    });
  }
}
