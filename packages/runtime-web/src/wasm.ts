import { InvalidArgumentError } from '@kokoro-kit/core';
import type { WasmPaths } from './assets';
import type { OrtWeb } from './ort';

/**
 * Thread count and asset location for onnxruntime-web's wasm backend. onnxruntime-web reads
 * `env.wasm.numThreads` once, when its first session starts the wasm module, and keeps it for
 * the page; so the count is set here before the first session, remembered per onnxruntime
 * module, and later runtimes report the count in force.
 */
const threadsInForce = new WeakMap<object, number>();

/** Threads beyond 4 gained nothing measurable for Kokoro's operator sizes (see README). */
const MAX_DEFAULT_THREADS = 4;

export function isCrossOriginIsolated(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** `crossOriginIsolated ? min(hardwareConcurrency, 4) : 1`. */
export function defaultThreads(): number {
  if (!isCrossOriginIsolated()) return 1;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return Math.max(1, Math.min(cores ?? 1, MAX_DEFAULT_THREADS));
}

/** The thread count to ask for (validated, 1 when not isolated); sets `wasmPaths`. */
export function configureWasm(
  ort: OrtWeb,
  settings: { wasmPaths: WasmPaths | undefined; threads: number | undefined },
  warn: (message: string) => void,
): number {
  const { wasmPaths, threads } = settings;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw new InvalidArgumentError(`\`threads\` is ${String(threads)}; use a whole number ≥ 1.`);
  }
  if (wasmPaths !== undefined) ort.env.wasm.wasmPaths = wasmPaths;
  const wanted = threads ?? defaultThreads();
  if (wanted > 1 && !isCrossOriginIsolated()) {
    // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
    warn(
      `threads: ${wanted} was asked for, but this page is not cross-origin isolated, so wasm runs on 1 thread. ` +
        'Serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.',
    );
    return 1;
  }
  return wanted;
}

/**
 * Called before every session is created: the first one fixes the count for this onnxruntime
 * module (it starts the wasm module, even if that session then fails); later ones are told
 * when they asked for another.
 */
export function pinThreads(ort: OrtWeb, wanted: number, warn: (message: string) => void): void {
  const inForce = threadsInForce.get(ort.env);
  if (inForce === undefined) {
    ort.env.wasm.numThreads = wanted;
    threadsInForce.set(ort.env, wanted);
  } else if (inForce !== wanted) {
    warn(
      `threads: ${wanted} was asked for, but onnxruntime-web already started with ${inForce} on this page ` +
        '(it fixes the count at its first session); using that.',
    );
  }
}

/** Threads the wasm backend runs with, read back once a session has started it. */
export function threadsUsed(ort: OrtWeb): number {
  const n = ort.env.wasm.numThreads;
  return typeof n === 'number' && n >= 1 ? n : 1;
}
