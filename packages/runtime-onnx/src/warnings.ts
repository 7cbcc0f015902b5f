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
   * `threads`: the wasm thread count asked for could not be used (page not cross-origin isolated,
   * or onnxruntime-web already started with another count); the report says what is in force
   * (runtime-web).
   * `cache`: Cache Storage could not be read or written, or held an entry that no longer loads;
   * worked on without it (runtime-web).
   */
  kind:
    | 'speed-truncated'
    | 'undeclared-types'
    | 'optimized-cache'
    | 'transform-failed'
    | 'backend-fallback'
    | 'threads'
    | 'cache'
    | (string & {});
  message: string;
}

export type OnRuntimeWarning = (warning: RuntimeWarning) => void;
