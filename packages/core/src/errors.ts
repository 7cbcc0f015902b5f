/**
 * One error hierarchy for every kokoro-kit package.
 *
 * `isInstance` checks a `Symbol.for` marker instead of `instanceof`, so it keeps working when a
 * bundle or a nested `node_modules` holds two copies of this package.
 */
const MARKER = Symbol.for('kokoro-kit.error');

/** Machine-readable error codes. Open union: packages may add their own. */
export type KokoroErrorCode =
  | 'INVALID_ARGUMENT'
  | 'PHONEMES_TOO_LONG'
  | 'UNKNOWN_VOICE'
  | 'INVALID_VOICE_NAME'
  | 'INVALID_VOICE_FILE'
  | 'INVALID_VOICE_EXPRESSION'
  | 'UNSUPPORTED_LANGUAGE'
  | 'MODEL_NOT_FOUND'
  | 'INVALID_MODEL'
  | 'MODEL_RUN_FAILED'
  | 'RUNTIME_UNAVAILABLE'
  | 'LEXICON_NOT_FOUND'
  | 'INVALID_LEXICON'
  | 'LANGUAGE_PACKAGE_MISSING'
  | 'ABORTED'
  | 'DISPOSED'
  | (string & {});

export interface KokoroErrorOptions {
  cause?: unknown;
}

export class KokoroError extends Error {
  readonly [MARKER] = true;
  readonly code: KokoroErrorCode;

  constructor(code: KokoroErrorCode, message: string, options: KokoroErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KokoroError';
    this.code = code;
  }

  /** True for any kokoro-kit error, whichever copy of this package created it. */
  static isInstance(value: unknown): value is KokoroError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** True for a kokoro-kit error with the given code. */
  static hasCode(value: unknown, code: KokoroErrorCode): value is KokoroError {
    return KokoroError.isInstance(value) && value.code === code;
  }
}

/** Bad input from the caller (a malformed option, an out-of-range number). */
export class InvalidArgumentError extends KokoroError {
  constructor(message: string, options?: KokoroErrorOptions) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
}

/** A phoneme string longer than the model's context (510 phonemes for Kokoro v1.0). */
export class PhonemesTooLongError extends KokoroError {
  readonly length: number;
  readonly limit: number;
  constructor(length: number, limit: number) {
    super(
      'PHONEMES_TOO_LONG',
      `The phoneme string has ${length} phonemes; the model takes at most ${limit}. ` +
        'Split the text into chunks first (the pipeline does this for you).',
    );
    this.name = 'PhonemesTooLongError';
    this.length = length;
    this.limit = limit;
  }
}

/** Problems with voice names, voice files and blend expressions. */
export class VoiceError extends KokoroError {
  constructor(code: KokoroErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'VoiceError';
  }
}

/** Problems loading or running a model. */
export class ModelError extends KokoroError {
  constructor(code: KokoroErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'ModelError';
  }
}

/**
 * Problems in a G2P: unsupported language, missing or malformed lexicon, a language package that
 * is not installed (`LANGUAGE_PACKAGE_MISSING`).
 */
export class G2PError extends KokoroError {
  constructor(code: KokoroErrorCode, message: string, options?: KokoroErrorOptions) {
    super(code, message, options);
    this.name = 'G2PError';
  }
}

/** The operation was cancelled through its AbortSignal. */
export class AbortError extends KokoroError {
  constructor(message = 'The operation was aborted.', options?: KokoroErrorOptions) {
    super('ABORTED', message, options);
    this.name = 'AbortError';
  }
}

/** Throws an `AbortError` (carrying the signal's reason) if the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

/**
 * Resolves like `promise`, or rejects with an `AbortError` as soon as `signal` aborts — for
 * waits that cannot be cancelled themselves (a stalled input stream, a dictionary fetch). The
 * underlying work is not stopped, only no longer awaited.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError(undefined, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
