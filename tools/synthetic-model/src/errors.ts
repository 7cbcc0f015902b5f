/**
 * This package does not depend on `@kokoro-kit/core` (it is a build-time tool), but its errors
 * carry core's `Symbol.for('kokoro-kit.error')` marker and a `code`, so `KokoroError.isInstance`
 * and `KokoroError.hasCode(error, 'UNSUPPORTED')` recognise them like any kokoro-kit error.
 */
const MARKER = Symbol.for('kokoro-kit.error');

export type SyntheticModelErrorCode = 'INVALID_ARGUMENT' | 'UNSUPPORTED' | 'ABORTED';

const NAMES: Record<SyntheticModelErrorCode, string> = {
  INVALID_ARGUMENT: 'InvalidArgumentError',
  UNSUPPORTED: 'UnsupportedError',
  ABORTED: 'AbortError',
};

export class SyntheticModelError extends Error {
  readonly [MARKER] = true;
  readonly code: SyntheticModelErrorCode;

  constructor(code: SyntheticModelErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = NAMES[code];
    this.code = code;
  }
}
