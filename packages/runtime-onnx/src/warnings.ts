/** Something a runtime worked around instead of failing. */
export interface RuntimeWarning {
  /**
   * `speed-truncated`: the model declares an int32 speed and a fractional speed was truncated.
   * `undeclared-types`: this onnxruntime reports no input types; float32 speed was assumed.
   * `optimized-cache`: a cache of optimized models could not be read or written; loaded without it.
   * `transform-failed`: the model transform failed (or its output did not load); the model was
   * loaded as it is.
   * `backend-fallback`: the preferred execution backend was unavailable or failed its check; another
   * was used (runtime-web).
   */
  kind:
    | 'speed-truncated'
    | 'undeclared-types'
    | 'optimized-cache'
    | 'transform-failed'
    | 'backend-fallback'
    | (string & {});
  message: string;
}

export type OnRuntimeWarning = (warning: RuntimeWarning) => void;
