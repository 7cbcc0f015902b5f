import { InvalidArgumentError, ModelError, throwIfAborted } from '@kokoro-kit/core';
import {
  checkTransform,
  createOnnxRuntime,
  type ModelTransform,
  messageOf,
  type OnnxRuntime,
  type OrtSession,
  openSession,
  type RuntimeWarning,
} from '@kokoro-kit/runtime-onnx';
import { ORT_WASM_FILES, type WasmPaths } from './assets';
import { openStore, type Store, sha256 } from './cache';
import { loadOrt, type OrtWeb } from './ort';
import { runSelfTest } from './self-test-run';
import { openWasmSession, type TransformOutcome } from './transform-cache';
import { configureWasm, isCrossOriginIsolated, pinThreads, threadsUsed } from './wasm';
import { probeWebGpu } from './webgpu';

export interface WebRuntimeOptions {
  /** The model's bytes (what the hub's Cache Storage gives) or its URL. */
  model: Uint8Array | string;
  /** The onnxruntime-web module. Default: `await import('onnxruntime-web')` (its default build). */
  ort?: OrtWeb;
  /** Default 'auto': WebGPU if the probe and the self-test pass, else wasm. */
  backend?: 'auto' | 'wasm' | 'webgpu';
  /**
   * Where onnxruntime-web's `ORT_WASM_FILES` are served from: a folder URL ending in `/`, or each
   * file's URL. Unset: onnxruntime-web fetches the `.wasm` from next to the script that contains
   * it (your bundle). Never a CDN.
   */
  wasmPaths?: WasmPaths;
  /** wasm threads. Default: `crossOriginIsolated ? min(navigator.hardwareConcurrency, 4) : 1`. */
  threads?: number;
  /** A rewrite of the model applied before loading it on wasm (e.g. `modelTransform()`). */
  transform?: ModelTransform;
  /** Where transformed models and self-test verdicts are kept (Cache Storage). `false`: nowhere. */
  cache?: { cacheName?: string; caches?: CacheStorage } | false;
  signal?: AbortSignal;
  onWarning?: (warning: RuntimeWarning) => void;
}

export interface WebRuntime extends OnnxRuntime {
  readonly backend: BackendReport;
}

export interface BackendReport {
  name: 'wasm' | 'webgpu';
  /** wasm threads actually in use (1 when not cross-origin isolated). */
  threads: number;
  crossOriginIsolated: boolean;
  /** The build used is SIMD-only: true whenever it loaded. */
  simd: boolean;
  /** Plain words: why this backend. */
  reason: string;
  webgpu?: {
    adapter: string;
    /** 'untested' only when `backend: 'webgpu'` forced it without the self-test. */
    verdict: 'passed' | 'failed' | 'unavailable' | 'untested';
    detail: string;
    /** The verdict came from the cache (no self-test ran now). */
    cached: boolean;
  };
  /** What happened to `transform` (absent without one). */
  transform?: TransformOutcome;
}

/** What a load needs, resolved once. */
export interface LoadContext {
  ort: OrtWeb;
  bytes: Uint8Array;
  /** wasm threads to ask onnxruntime-web for. */
  threads: number;
  transform: ModelTransform | undefined;
  store: Store | undefined;
  /** SHA-256 of the model bytes, computed once, only when a cache key needs it. */
  digest: () => Promise<string>;
  warn: (warning: RuntimeWarning) => void;
}

/**
 * Loads a Kokoro ONNX model into onnxruntime-web: wasm (threads when cross-origin isolated) or
 * WebGPU after a numeric self-test, with the transform applied on wasm and cached.
 *
 * Throws `ModelError` `RUNTIME_UNAVAILABLE` when onnxruntime-web or its wasm files cannot be
 * loaded (the message says which files to serve where), `MODEL_NOT_FOUND` for a model URL that
 * answers 404, `INVALID_MODEL` for anything else that is not a Kokoro model.
 */
export async function createWebRuntime(options: WebRuntimeOptions): Promise<WebRuntime> {
  checkOptions(options);
  const { signal } = options;
  const warn = (warning: RuntimeWarning) => options.onWarning?.(warning);
  throwIfAborted(signal);
  const ort = options.ort ?? (await loadOrt());
  const threads = configureWasm(ort, { wasmPaths: options.wasmPaths, threads: options.threads }, (message) =>
    warn({ kind: 'threads', message }),
  );
  const bytes = await readModel(options.model, signal);
  throwIfAborted(signal);
  let digest: Promise<string> | undefined;
  const context: LoadContext = {
    ort,
    bytes,
    threads,
    transform: checkTransform(options.transform),
    store: openStore(options.cache, (message) => warn({ kind: 'cache', message })),
    digest: () => {
      digest ??= sha256(bytes);
      return digest;
    },
    warn,
  };
  // The first session fixes the thread count for the page; nothing before it can fail now.
  pinThreads(ort, threads, (message) => warn({ kind: 'threads', message }));
  const chosen = await chooseBackend(context, options.backend ?? 'auto');
  try {
    throwIfAborted(signal);
  } catch (error) {
    await chosen.runtime.dispose().catch(() => undefined);
    throw error;
  }
  const backend: BackendReport = {
    name: chosen.name,
    threads: threadsUsed(ort),
    crossOriginIsolated: isCrossOriginIsolated(),
    simd: true,
    reason: chosen.reason,
    ...(chosen.webgpu ? { webgpu: chosen.webgpu } : {}),
    ...(chosen.transform ? { transform: chosen.transform } : {}),
  };
  return Object.assign(chosen.runtime, { backend: Object.freeze(backend) });
}

interface Chosen {
  runtime: OnnxRuntime;
  name: 'wasm' | 'webgpu';
  reason: string;
  webgpu?: BackendReport['webgpu'];
  transform?: TransformOutcome;
}

async function chooseBackend(context: LoadContext, wanted: 'auto' | 'wasm' | 'webgpu'): Promise<Chosen> {
  if (wanted === 'wasm')
    return { ...(await wasmRuntime(context)), name: 'wasm', reason: 'wasm was requested (backend: "wasm")' };
  const probe = await probeWebGpu(context.ort);
  if (!probe.available) {
    if (wanted === 'webgpu') {
      throw new ModelError(
        'RUNTIME_UNAVAILABLE',
        `backend: 'webgpu' was requested, but ${probe.reason}. Use backend: 'auto' to fall back to wasm.`,
      );
    }
    return {
      ...(await wasmRuntime(context)),
      name: 'wasm',
      reason: `WebGPU unavailable: ${probe.reason}; using wasm`,
    };
  }
  const { adapter } = probe;
  if (wanted === 'webgpu') {
    const runtime = await webgpuRuntime(context);
    return {
      runtime,
      name: 'webgpu',
      reason: `WebGPU was requested (backend: "webgpu") on ${adapter}; self-test skipped`,
      webgpu: {
        adapter,
        verdict: 'untested',
        detail: 'self-test skipped (backend: "webgpu")',
        cached: false,
      },
      ...(context.transform ? { transform: 'skipped' as const } : {}),
    };
  }
  return autoBackend(context, adapter);
}

/** 'auto' with an adapter: a cached verdict, or the self-test now; wasm unless WebGPU passes. */
async function autoBackend(context: LoadContext, adapter: string): Promise<Chosen> {
  const tested = await runSelfTest(context, adapter, {
    openWebGpu: () => webgpuRuntime(context),
    openWasm: () => wasmRuntime(context),
  });
  const { verdict } = tested;
  const webgpu = { adapter, verdict: verdict.outcome, detail: verdict.detail, cached: tested.cached };
  const cachedNote = tested.cached ? ' (cached verdict)' : '';
  if (verdict.outcome === 'passed' && tested.webgpu) {
    return {
      runtime: tested.webgpu,
      name: 'webgpu',
      reason: `WebGPU self-test passed on ${adapter}${cachedNote}; using WebGPU`,
      webgpu,
      ...(context.transform ? { transform: 'skipped' as const } : {}),
    };
  }
  const reason =
    verdict.outcome === 'unavailable'
      ? `WebGPU unavailable on ${adapter}: ${verdict.detail}; using wasm`
      : `WebGPU self-test failed on ${adapter}${cachedNote}: ${verdict.detail}; using wasm`;
  context.warn({ kind: 'backend-fallback', message: reason });
  const wasm = tested.wasm ?? (await wasmRuntime(context));
  return {
    runtime: wasm.runtime,
    name: 'wasm',
    reason,
    webgpu,
    ...(wasm.transform ? { transform: wasm.transform } : {}),
  };
}

export interface WasmRuntime {
  runtime: OnnxRuntime;
  transform?: TransformOutcome;
}

async function wasmRuntime(context: LoadContext): Promise<WasmRuntime> {
  const opened = await openWasmSession(context, (bytes) => openWith(context, bytes, 'wasm'));
  const runtime = await wrap(context, opened.session);
  return { runtime, ...(opened.transform ? { transform: opened.transform } : {}) };
}

async function webgpuRuntime(context: LoadContext): Promise<OnnxRuntime> {
  // fp32 as given: the rewrite targets CPU kernels, and fp16/q8 garble Kokoro on WebGPU.
  return wrap(context, await openWith(context, context.bytes, 'webgpu'));
}

function wrap(context: LoadContext, session: OrtSession): Promise<OnnxRuntime> {
  return createOnnxRuntime({
    ort: context.ort,
    session,
    ortPackage: 'onnxruntime-web',
    factoryName: 'createWebRuntime()',
    onWarning: context.warn,
  });
}

/**
 * Opens a session on one execution provider. onnxruntime-web says "no available backend" when
 * its wasm files could not be fetched; that becomes a message about which files to serve.
 */
async function openWith(
  context: LoadContext,
  bytes: Uint8Array,
  provider: 'wasm' | 'webgpu',
): Promise<OrtSession> {
  const { ort } = context;
  try {
    return await openSession(ort, bytes, {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (/no available backend/i.test(messageOf(cause))) {
      throw new ModelError('RUNTIME_UNAVAILABLE', assetMessage(ort, provider, messageOf(cause)), { cause });
    }
    throw error;
  }
}

function assetMessage(ort: OrtWeb, provider: string, detail: string): string {
  const paths = ort.env.wasm.wasmPaths;
  const where =
    paths === undefined
      ? 'next to the script that contains onnxruntime-web (no `wasmPaths` set)'
      : `from \`wasmPaths\` ${JSON.stringify(paths)}`;
  return (
    `onnxruntime-web could not start its ${provider} backend (${detail}). It loads ${ORT_WASM_FILES.mjs} and ` +
    `${ORT_WASM_FILES.wasm} ${where}: copy both files from onnxruntime-web/dist to your static assets ` +
    '(ortWasmAssetPaths() in @kokoro-kit/runtime-web/node lists them) and pass their folder as `wasmPaths`.'
  );
}

async function readModel(model: Uint8Array | string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  if (model instanceof Uint8Array) return model;
  let response: Response;
  try {
    response = await fetch(model, signal ? { signal } : {});
  } catch (cause) {
    throwIfAborted(signal);
    throw new ModelError('INVALID_MODEL', `Could not fetch the model ${model}: ${messageOf(cause)}.`, {
      cause,
    });
  }
  if (response.status === 404) {
    throw new ModelError(
      'MODEL_NOT_FOUND',
      `Model not found: ${model} answered 404. Check the URL, or pass the model's bytes.`,
    );
  }
  if (!response.ok) {
    throw new ModelError('INVALID_MODEL', `Could not fetch the model ${model}: HTTP ${response.status}.`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function checkOptions(options: WebRuntimeOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('createWebRuntime needs options: { model: URL or bytes }.');
  }
  const { model, backend } = options;
  if (!(model instanceof Uint8Array) && (typeof model !== 'string' || model === '')) {
    throw new InvalidArgumentError(
      '`model` must be the URL of a Kokoro .onnx file (string) or its bytes (Uint8Array).',
    );
  }
  if (backend !== undefined && !['auto', 'wasm', 'webgpu'].includes(backend)) {
    throw new InvalidArgumentError(
      `\`backend\` is ${JSON.stringify(backend)}; use 'auto', 'wasm' or 'webgpu'.`,
    );
  }
}
