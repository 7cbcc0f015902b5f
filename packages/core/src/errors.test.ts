import { describe, expect, it } from 'vitest';
import { AbortError, KokoroError, PhonemesTooLongError, throwIfAborted, VoiceError } from './errors';

describe('KokoroError', () => {
  it('carries a code, a cause and a name', () => {
    const cause = new Error('root');
    const error = new VoiceError('UNKNOWN_VOICE', 'no such voice', { cause });
    expect(error.code).toBe('UNKNOWN_VOICE');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('VoiceError');
    expect(error).toBeInstanceOf(KokoroError);
    expect(error).toBeInstanceOf(Error);
  });

  it('recognises errors from another copy of the package by marker', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('kokoro-kit.error')]: true,
      code: 'UNKNOWN_VOICE',
    });
    expect(KokoroError.isInstance(foreign)).toBe(true);
    expect(KokoroError.hasCode(foreign, 'UNKNOWN_VOICE')).toBe(true);
    expect(KokoroError.isInstance(new Error('plain'))).toBe(false);
    expect(KokoroError.isInstance(null)).toBe(false);
  });

  it('explains the phoneme limit', () => {
    const error = new PhonemesTooLongError(600, 510);
    expect(error.code).toBe('PHONEMES_TOO_LONG');
    expect(error.message).toMatch(/600 phonemes.*at most 510/);
  });

  it('throwIfAborted throws an AbortError carrying the reason', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort('stop');
    let error: unknown;
    try {
      throwIfAborted(controller.signal);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe('stop');
  });
});

describe('abortable', () => {
  it('passes results through and rejects with AbortError on abort', async () => {
    const { abortable } = await import('./errors');
    await expect(abortable(Promise.resolve(1), undefined)).resolves.toBe(1);
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = abortable(never, controller.signal);
    controller.abort('why');
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED', cause: 'why' });
    await expect(abortable(Promise.reject(new Error('x')), new AbortController().signal)).rejects.toThrow(
      'x',
    );
  });
});
