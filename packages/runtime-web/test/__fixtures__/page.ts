/**
 * The browser side of test/browser.test.ts: `globalThis.runtimeWeb.run(options)` creates a web
 * runtime on the served model, runs one fixed input and returns what the test checks.
 */
import { modelTransform } from '@kokoro-kit/model-optimizer';
import * as ort from 'onnxruntime-web';
import {
  type BackendReport,
  createWebRuntime,
  type ModelTransform,
  type RuntimeWarning,
} from '../../src/index';

// Count onnxruntime-web's wasm threads independently of its own report: Emscripten starts one
// Worker named `em-pthread…` per extra thread.
let pthreadWorkers = 0;
const NativeWorker = globalThis.Worker;
globalThis.Worker = class extends NativeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    if (options?.name?.startsWith('em-pthread')) pthreadWorkers++;
  }
};

export interface PageRun {
  backend?: 'auto' | 'wasm' | 'webgpu';
  threads?: number;
  /** Default '/model.onnx'. */
  model?: string;
  /**
   * `optimizer`: model-optimizer's `modelTransform()` (a no-op on the tiny model: it has no
   * convolution large enough to rewrite). `drop-durations`: swaps in the same model without its
   * durations output, so the transformed bytes are visible in the result.
   */
  transform?: 'optimizer' | 'drop-durations';
  cacheName?: string;
  /** Cache Storage off (big models in measurements). */
  noCache?: boolean;
  /** Timed runs after one warm-up run; `runMs` is the fastest. Default 1. */
  runs?: number;
  /** Default '/ort/'. */
  wasmPaths?: string;
  input: { ids: number[]; style: number[]; speed: number };
}

export interface PageResult {
  backend: BackendReport;
  waveform: number[];
  durations: number[] | undefined;
  warnings: RuntimeWarning[];
  pthreadWorkers: number;
  /** Calls of the `drop-durations` transform on this page so far. */
  transformCalls: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  loadMs: number;
  runMs: number;
}

/** A failed run's error, as data the test can check. */
async function fail(options: PageRun): Promise<{ name: string; code?: string; message: string }> {
  try {
    await run(options);
    return { name: 'none', message: 'resolved' };
  } catch (error) {
    const e = error as { name: string; code?: string; message: string };
    return { name: e.name, ...(e.code ? { code: e.code } : {}), message: e.message };
  }
}

let transformCalls = 0;
const transforms: Record<NonNullable<PageRun['transform']>, ModelTransform> = {
  optimizer: modelTransform(),
  'drop-durations': {
    id: 'drop-durations',
    apply: async () => {
      transformCalls++;
      return new Uint8Array(await (await fetch('/model-plain.onnx')).arrayBuffer());
    },
  },
};

async function run(options: PageRun): Promise<PageResult> {
  const warnings: RuntimeWarning[] = [];
  let t = performance.now();
  const runtime = await createWebRuntime({
    model: options.model ?? '/model.onnx',
    ort,
    wasmPaths: options.wasmPaths ?? '/ort/',
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.transform ? { transform: transforms[options.transform] } : {}),
    ...(options.cacheName ? { cache: { cacheName: options.cacheName } } : {}),
    ...(options.noCache ? { cache: false as const } : {}),
    onWarning: (w) => warnings.push(w),
  });
  const loadMs = performance.now() - t;
  try {
    const modelInput = {
      ids: Int32Array.from(options.input.ids),
      style: Float32Array.from(options.input.style),
      speed: options.input.speed,
    };
    let runMs = Number.POSITIVE_INFINITY;
    let out = await runtime.run(modelInput);
    for (let i = 0; i < (options.runs ?? 1); i++) {
      t = performance.now();
      out = await runtime.run(modelInput);
      runMs = Math.min(runMs, performance.now() - t);
    }
    return {
      backend: runtime.backend,
      waveform: Array.from(out.waveform),
      durations: out.durations ? Array.from(out.durations) : undefined,
      warnings,
      pthreadWorkers,
      transformCalls,
      crossOriginIsolated: globalThis.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
      loadMs,
      runMs,
    };
  } finally {
    await runtime.dispose();
  }
}

(globalThis as { runtimeWeb?: unknown }).runtimeWeb = { run, fail };
