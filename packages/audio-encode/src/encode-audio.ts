import { throwIfAborted } from '@kokoro-kit/core';
import type { AudioEncoder } from './types';

/**
 * Pipes float chunks through an encoder: bytes come out as soon as the codec has them; the
 * encoder is ended exactly once, or cancelled if the stream stops early. Works with any async
 * iterable, in Node and browsers (wrap it in `ReadableStream.from` or write each chunk to an
 * HTTP response).
 */
export async function* encodeAudio(
  source: AsyncIterable<Float32Array> | Iterable<Float32Array>,
  encoder: AudioEncoder,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  let ended = false;
  try {
    for await (const samples of source) {
      throwIfAborted(signal);
      yield* await encoder.write(samples);
    }
    throwIfAborted(signal);
    ended = true;
    yield* await encoder.end();
  } finally {
    // Aborted, a failing source, or a consumer that stopped reading: release the codec.
    if (!ended) encoder.cancel();
  }
}
