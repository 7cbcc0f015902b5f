import { KokoroError, type KokoroErrorOptions } from '@kokoro-kit/core';

/** Markup the pipeline cannot follow (SSML nested deeper than `MAX_SSML_DEPTH`). */
export type MarkupErrorCode = 'SSML_TOO_DEEP';

const MARKER = Symbol.for('kokoro-kit.pipeline.markup-error');

export class MarkupError extends KokoroError {
  readonly [MARKER] = true;
  declare readonly code: MarkupErrorCode;

  constructor(code: MarkupErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'MarkupError';
  }

  /** True for a `MarkupError`, whichever copy of this package created it. */
  static override isInstance(value: unknown): value is MarkupError {
    return KokoroError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[MARKER] === true;
  }
}
