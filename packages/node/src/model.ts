import { modelTransform } from '@kokoro-kit/model-optimizer';
import {
  type CacheOutcome,
  createNodeRuntime,
  type NodeRuntime,
  type NodeRuntimeWarning,
  type NodeSessionOptions,
  type OrtModule,
} from '@kokoro-kit/runtime-node';

export interface ModelLoadOptions {
  path: string;
  /** Rewrite the model for CPUs (`@kokoro-kit/model-optimizer`) and cache the result in `optimizedDir`. */
  optimize: boolean;
  optimizedDir: string;
  sessionOptions?: NodeSessionOptions;
  ort?: OrtModule;
  onWarning?: (warning: NodeRuntimeWarning) => void;
}

/** What loading the model did, for callers that report it. */
export interface ModelInfo {
  /** The ONNX file that was loaded (in the hub cache when a hub id was given). */
  path: string;
  /** Whether the model exports durations (word timings need them). */
  durations: boolean;
  /**
   * `miss`: the model was rewritten and optimized for this machine now and saved (first use of
   * this file); `hit`: the saved copy was loaded; `off`: `optimize: false`.
   */
  optimized: CacheOutcome;
}

/**
 * The model in onnxruntime-node: by default rewritten (`@kokoro-kit/model-optimizer`'s exact
 * graph rewrites) and optimized once per model file and machine, then loaded from the cache in
 * place on later runs.
 */
export function loadModel(options: ModelLoadOptions): Promise<NodeRuntime> {
  const { path, sessionOptions, ort, onWarning } = options;
  return createNodeRuntime({
    model: path,
    sessionOptions,
    ort,
    onWarning,
    ...(options.optimize ? { optimizedCacheDir: options.optimizedDir, transform: modelTransform() } : {}),
  });
}

export function modelInfo(path: string, runtime: NodeRuntime): ModelInfo {
  return { path, durations: runtime.outputs.durations, optimized: runtime.optimizedCache };
}
