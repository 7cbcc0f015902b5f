/**
 * The browser side of test/browser.test.ts: `globalThis.runtimeWeb.run(options)` creates a web
 * runtime on the served model, runs one fixed input and returns what the test checks.
 */
import { modelTransform } from '@kokoro-kit/model-optimizer';
import * as ort from 'onnxruntime-web';
import { type BackendReport, createWebRuntime, type RuntimeWarning } from '../../src/index';

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
  /** FAULT INJECTION: WebGPU sessions return NaN audio (see `nanOnWebGpu`). */
  nanOnWebGpu?: boolean;
  transform?: boolean;
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
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  loadMs: number;
  runMs: number;
}

/**
 * FAULT INJECTION, labelled as such: an onnxruntime-web whose WebGPU sessions run for real but
 * hand back NaN in place of every float32 output, the way broken GPU kernels do. We found no
 * graph whose WebGPU kernels reliably differ from wasm's on SwiftShader; what is under test is
 * the self-test, the fallback and the report, not onnxruntime-web's kernels.
 */
function nanOnWebGpu(): typeof ort {
  type Options = Parameters<typeof ort.InferenceSession.create>[1];
  const create = async (model: Uint8Array, options?: Options) => {
    const session = await ort.InferenceSession.create(model, options);
    const onGpu = options?.executionProviders?.some((p) => (typeof p === 'string' ? p : p.name) === 'webgpu');
    if (!onGpu) return session;
    // Only what a Kokoro runtime uses of a session.
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      inputMetadata: session.inputMetadata,
      outputMetadata: session.outputMetadata,
      release: () => session.release(),
      run: async (...args: Parameters<typeof session.run>) => {
        const results = await session.run(...args);
        for (const tensor of Object.values(results))
          if (tensor.data instanceof Float32Array) tensor.data.fill(Number.NaN);
        return results;
      },
    } as unknown as typeof session;
  };
  return { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as unknown as typeof ort;
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

async function run(options: PageRun): Promise<PageResult> {
  const warnings: RuntimeWarning[] = [];
  let t = performance.now();
  const runtime = await createWebRuntime({
    model: '/model.onnx',
    ort: options.nanOnWebGpu ? nanOnWebGpu() : ort,
    wasmPaths: options.wasmPaths ?? '/ort/',
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.transform ? { transform: modelTransform() } : {}),
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
