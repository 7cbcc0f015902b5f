/**
 * What the benchmark's Node side and its pages exchange (`page.evaluate` arguments and results):
 * plain, structured-clone-safe data, shared by both so the two ends cannot drift apart.
 */

/** The three rows of the browser benchmark. */
export type WebSide = 'ours' | 'kokoro-js-fp32' | 'kokoro-js-q8';

export const WEB_SIDES: readonly WebSide[] = ['ours', 'kokoro-js-fp32', 'kokoro-js-q8'];

/** What every page speaks: a warm-up sentence, then the measured text. */
export interface SpeechTask {
  text: string;
  warmupText: string;
  voice: string;
}

/** kokoro-js's page: transformers.js pointed at the served model folder and onnxruntime-web files. */
export interface KokoroJsPageConfig {
  dtype: 'fp32' | 'q8';
  /** The model folder's name under `localModelPath`. */
  modelId: string;
  /** URL path of the folder holding model folders (transformers.js `env.localModelPath`). */
  localModelPath: string;
  /** URL path of onnxruntime-web's `.wasm`/`.mjs` files (transformers.js `env.backends.onnx.wasm.wasmPaths`). */
  wasmPaths: string;
  threads: number;
}

/** Our page: `createWebTTS` with everything served from the page's origin. */
export interface OursPageConfig {
  modelUrl: string;
  voicesUrl: string;
  lexiconUrl: string;
  assetsUrl: string;
  workerUrl: string;
  threads: number;
  /** model-optimizer's rewrite in the worker (the preset's default, `true`). */
  optimize: boolean;
}

/** What a page measured; every time in ms, from `performance.now()` on the page's main thread. */
export interface PageMeasurement {
  /** Create → ready (kokoro-js: `KokoroTTS.from_pretrained`; ours: `createWebTTS`). */
  loadMs: number;
  /** `stream` call → first audio chunk, after the warm-up sentence. */
  ttfaMs: number;
  /** The measured stream, wall time. */
  totalMs: number;
  audioSeconds: number;
  /** totalMs / 1000 / audioSeconds. */
  rtf: number;
  chunks: number;
  /** Longest `longtask` entry while speaking (0: none; Chromium reports tasks of 50 ms or more). */
  longestTaskMs: number;
  longTasks: number;
  /** Σ of the long tasks' durations while speaking. */
  longTaskTotalMs: number;
  /** Cross-check: the largest delay of a 10 ms `setTimeout` chain past its due time while speaking. */
  maxTimerLagMs: number;
  /**
   * `document.visibilityState` at the end: Chromium throttles the timers of hidden pages, which
   * would inflate `maxTimerLagMs` without any blocking.
   */
  visibility: string;
  /** What ran the model, e.g. `wasm, 2 threads, cross-origin isolated`. */
  backend: string;
  threads: number;
  crossOriginIsolated: boolean;
  /** onnxruntime-web's version. */
  ort: string;
}

/** What each page installs on `globalThis`, for the Node side to call. */
export interface BenchPage<Config> {
  run(config: Config, task: SpeechTask): Promise<PageMeasurement>;
}

export const BENCH_PAGE_GLOBAL = 'kokoroBench';
