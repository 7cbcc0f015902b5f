import {
  AbortError,
  G2PError,
  InvalidArgumentError,
  KokoroError,
  type KokoroErrorCode,
  ModelError,
  VoiceError,
} from '@kokoro-kit/core';

/** An error as it crosses the worker boundary. */
export interface SerializedError {
  name: string;
  code?: KokoroErrorCode;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (KokoroError.isInstance(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

const CLASSES: Readonly<Record<string, new (code: KokoroErrorCode, message: string) => KokoroError>> = {
  ModelError,
  VoiceError,
  G2PError,
  KokoroError,
};

/**
 * The error the worker threw, rebuilt on the page as the same kokoro-kit class and code, so
 * `ModelError.hasCode(e, 'INVALID_MODEL')` works across the boundary. Other errors (bugs, or a
 * dependency's) come back as plain `Error`s with their name and message.
 */
export function reviveError(serialized: SerializedError): Error {
  const { name, code, message } = serialized;
  if (code === undefined) return Object.assign(new Error(message), { name });
  if (name === 'AbortError') return new AbortError(message);
  if (name === 'InvalidArgumentError') return new InvalidArgumentError(message);
  const Class = CLASSES[name] ?? KokoroError;
  const error = new Class(code, message);
  error.name = name;
  return error;
}
