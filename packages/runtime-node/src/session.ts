import { access, constants, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, ModelError } from '@kokoro-kit/core';
import {
  type ModelTransform,
  messageOf,
  type OrtSession,
  openSession as openOnnxSession,
  openTransformed as openTransformedCore,
} from '@kokoro-kit/runtime-onnx';
import type * as OrtNode from 'onnxruntime-node';

/** The `onnxruntime-node` module (what `import('onnxruntime-node')` returns). */
export type OrtModule = typeof OrtNode;

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

/**
 * Opens a session from a path or bytes. A path is checked first, so a missing or unreadable file
 * gets its own error (`MODEL_NOT_FOUND`, `INVALID_MODEL`) instead of onnxruntime's.
 */
export async function openSession(
  ort: OrtModule,
  model: string | Uint8Array,
  sessionOptions: OrtNode.InferenceSession.SessionOptions,
): Promise<OrtSession> {
  if (typeof model === 'string') await checkModelFile(model);
  return openOnnxSession(ort, model, sessionOptions);
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

/**
 * Opens the model through a transform (read from disk when given a path), falling back to the
 * model as it is when the transform fails. Returns the transformed bytes if used.
 */
export function openTransformed(
  ort: OrtModule,
  model: string | Uint8Array,
  sessionOptions: OrtNode.InferenceSession.SessionOptions,
  transform: ModelTransform,
  onFallback: (message: string) => void,
): Promise<{ session: OrtSession; bytes?: Uint8Array }> {
  return openTransformedCore({
    transform,
    readOriginal: async () => (typeof model === 'string' ? readModelFile(model) : model),
    openBytes: (bytes) => openSession(ort, bytes, sessionOptions),
    openOriginal: () => openSession(ort, model, sessionOptions),
    onFallback,
  });
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
