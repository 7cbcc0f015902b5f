import { AbortError, type LanguageTag } from '@kokoro-kit/core';
import type { TextInput } from '@kokoro-kit/pipeline';
import { createEngine, type Engine } from './engine';
import { serializeError } from './errors';
import type { LanguageModule } from './languages/types';
import type { PageMessage, SpeakRequest, WorkerConfig, WorkerMessage } from './protocol';

/** The worker's side of the message channel (a `DedicatedWorkerGlobalScope`, or a `MessagePort`). */
export interface WorkerEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface KokoroWorkerOptions {
  /** The languages this worker speaks; each package is imported only when a call needs it. */
  languages: readonly LanguageModule[];
  /** Default: the worker's global scope. */
  endpoint?: WorkerEndpoint;
}

/**
 * Runs the kokoro-kit pipeline in this worker, driven by `createWebTTS()` on the page. Model
 * runs and G2P happen here, so the page's main thread never blocks on them.
 */
export function startKokoroWorker(options: KokoroWorkerOptions): void {
  const endpoint = options.endpoint ?? (globalThis as unknown as WorkerEndpoint);
  const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
    endpoint.postMessage(message, transfer);
  const requests = new Map<number, Request>();
  let engine: Promise<Engine> | undefined;

  endpoint.addEventListener('message', (event) => {
    const message = event.data as PageMessage;
    switch (message.type) {
      case 'init':
        engine ??= start(message.config);
        return;
      case 'speak':
        speak(message.id, message.text, message.streaming, message.options);
        return;
      case 'text':
        requests.get(message.id)?.input?.push(message.piece);
        return;
      case 'text-end':
        requests.get(message.id)?.input?.end();
        return;
      case 'cancel':
        requests.get(message.id)?.controller.abort(new AbortError('Cancelled by the page.'));
        return;
      case 'voices':
        answer(message.id, async (e) => e.voices.list());
        return;
      case 'phonemize':
        answer(message.id, async (e) => e.g2p.phonemize(message.text, { language: message.language }));
        return;
      case 'dispose':
        answer(message.id, async (e) => {
          for (const request of requests.values()) request.controller.abort(new AbortError('Disposed.'));
          await e.runtime.dispose();
          return null;
        });
        return;
    }
  });

  function start(config: WorkerConfig): Promise<Engine> {
    const created = createEngine(config, options.languages, {
      onProgress: (progress) => post({ type: 'progress', progress }),
      onWarning: (warning) => post({ type: 'warning', warning }),
    });
    created.then(
      (e) =>
        post({
          type: 'ready',
          backend: { ...e.runtime.backend },
          languages: [...e.g2p.languages] as LanguageTag[],
        }),
      (error: unknown) => post({ type: 'init-failed', error: serializeError(error) }),
    );
    return created;
  }

  function answer(id: number, work: (engine: Engine) => Promise<unknown>): void {
    ready()
      .then(work)
      .then(
        (value) => post({ type: 'result', id, value: value as never }),
        (error: unknown) => post({ type: 'error', id, error: serializeError(error) }),
      );
  }

  function ready(): Promise<Engine> {
    return engine ?? Promise.reject(new Error('The worker was not initialized; use createWebTTS().'));
  }

  function speak(id: number, text: string | undefined, streaming: boolean, request: SpeakRequest): void {
    const controller = new AbortController();
    const input = streaming ? new TextQueue() : undefined;
    requests.set(id, { controller, input });
    const source: TextInput = input ?? text ?? '';
    ready()
      .then(async (e) => {
        let lastInference = 0;
        const chunks = e.tts.stream(source, {
          ...request,
          signal: controller.signal,
          onWarning: (warning) => post({ type: 'warning', id, warning }),
          onEvent: (event) => {
            if (event.type === 'chunk-end') lastInference = event.inferenceMs;
          },
        });
        for await (const chunk of chunks) {
          post({ type: 'chunk', id, chunk, inferenceMs: lastInference }, [
            chunk.samples.buffer as ArrayBuffer,
          ]);
        }
        post({ type: 'end', id });
      })
      .catch((error: unknown) => post({ type: 'error', id, error: serializeError(error) }))
      .finally(() => requests.delete(id));
  }
}

interface Request {
  controller: AbortController;
  input: TextQueue | undefined;
}

/** Text pieces as they arrive from the page (e.g. LLM tokens), as an async iterable. */
class TextQueue implements AsyncIterable<string> {
  #pieces: string[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  push(piece: string): void {
    this.#pieces.push(piece);
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const piece = this.#pieces.shift();
      if (piece !== undefined) {
        yield piece;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}
