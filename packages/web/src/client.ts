import {
  type AudioChunk,
  type G2PWarning,
  InvalidArgumentError,
  type LanguageTag,
  type PhonemeToken,
  SAMPLE_RATE,
  throwIfAborted,
  type VoiceInfo,
  type WordTiming,
} from '@kokoro-kit/core';
import { reviveError } from './errors';
import type {
  BackendInfo,
  DownloadProgress,
  ModelSource,
  PageMessage,
  SpeakRequest,
  WorkerConfig,
  WorkerMessage,
} from './protocol';

export interface WebTTSOptions {
  /**
   * A hub model id (`org/name[@revision]`), the model's URL, or its bytes (e.g. a file the user
   * picked). Default: the pinned Kokoro-82M v1.0 ONNX export from the hub, cached in Cache Storage.
   */
  model?: string | URL | Uint8Array | ArrayBuffer | Blob;
  /** Hub model file precision (hub ids only). Default `fp32`; WebGPU always needs fp32. */
  dtype?: 'fp32' | 'fp16' | 'q8';
  /** A folder URL holding `<voice>.bin` files. Default: the model repository's voices on the hub. */
  voicesUrl?: string | URL;
  /**
   * Where the app serves the runtime files listed by `webAssetFiles()` (onnxruntime-web's wasm,
   * espeak-ng's wasm, kuromoji's dictionary). Default: `kokoro-assets/` beside the page.
   */
  assetsUrl?: string | URL;
  /** Replaces `https://huggingface.co` (mirrors, tests). */
  hubUrl?: string;
  /** Replaces `https://raw.githubusercontent.com` for misaki's lexicons. */
  lexiconUrl?: string;
  /** Use cached files only; a missing one is an error. */
  offline?: boolean;
  /** The Cache Storage name for downloads. Default `kokoro-kit`. */
  cacheName?: string;
  /** `auto` (default): WebGPU when it passes its self-test, else wasm. */
  backend?: 'auto' | 'wasm' | 'webgpu';
  /** wasm threads (only when the page is cross-origin isolated). Default: runtime-web's choice. */
  threads?: number;
  /** Rewrite the model for faster CPU inference, once per model (cached). Default true. */
  optimize?: boolean;
  /** Languages to load with the model, so the first call in them starts at once. */
  preload?: LanguageTag[];
  /**
   * The worker running the pipeline: a `Worker` you created (e.g. from your own worker file with a
   * subset of languages), or its URL. Default: this package's worker (all languages).
   */
  worker?: Worker | string | URL;
  onProgress?: (progress: DownloadProgress) => void;
  /** Warnings of every call (unknown words, fallbacks); per-call `onWarning` gets its own too. */
  onWarning?: (warning: G2PWarning) => void;
}

export interface WebSpeakOptions extends SpeakRequest {
  signal?: AbortSignal;
  onWarning?: (warning: G2PWarning) => void;
}

/** An audio chunk with how long the model took to make it. */
export interface WebAudioChunk extends AudioChunk {
  inferenceMs: number;
}

export interface WebUtterance {
  samples: Float32Array;
  sampleRate: typeof SAMPLE_RATE;
  chunks: Omit<WebAudioChunk, 'samples'>[];
  words: WordTiming[] | undefined;
}

export interface WebTTS {
  /** Which backend runs the model, and why. */
  readonly backend: BackendInfo;
  /** The languages the worker speaks. */
  readonly languages: readonly LanguageTag[];
  /** Audio chunk by chunk as the worker makes it; breaking out of the loop cancels the rest. */
  stream(text: string | AsyncIterable<string>, options?: WebSpeakOptions): AsyncIterable<WebAudioChunk>;
  /** The whole utterance (the stream's chunks joined). */
  synthesize(text: string | AsyncIterable<string>, options?: WebSpeakOptions): Promise<WebUtterance>;
  voices(): Promise<VoiceInfo[]>;
  phonemize(text: string, options: { language: LanguageTag }): Promise<PhonemeToken[]>;
  /** Releases the model and ends the worker. */
  dispose(): Promise<void>;
}

/**
 * Starts the kokoro-kit pipeline in a dedicated Worker and resolves once the model is loaded
 * (downloading it on the first visit, from Cache Storage after). Model runs and G2P never block
 * the page.
 */
export async function createWebTTS(options: WebTTSOptions = {}): Promise<WebTTS> {
  const worker = openWorker(options.worker);
  const channel = new WorkerChannel(worker, options);
  try {
    const ready = await channel.init(await workerConfig(options));
    return channel.facade(ready);
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

function openWorker(worker: WebTTSOptions['worker']): Worker {
  if (worker instanceof Worker) return worker;
  if (worker !== undefined) return new Worker(worker, { type: 'module' });
  // Written out in full so bundlers (Vite, webpack) see a worker entry and bundle it.
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

async function workerConfig(options: WebTTSOptions): Promise<WorkerConfig> {
  const page = globalThis.location?.href ?? 'http://localhost/';
  const config: WorkerConfig = {
    model: await modelSource(options.model, options.dtype),
    assetsUrl: withSlash(new URL(options.assetsUrl ?? 'kokoro-assets/', page).href),
  };
  if (options.voicesUrl !== undefined) config.voicesUrl = withSlash(new URL(options.voicesUrl, page).href);
  const copied = [
    'hubUrl',
    'lexiconUrl',
    'offline',
    'cacheName',
    'backend',
    'threads',
    'optimize',
    'preload',
  ] as const;
  for (const key of copied)
    if (options[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = options[key];
  return config;
}

async function modelSource(
  model: WebTTSOptions['model'],
  dtype: WebTTSOptions['dtype'],
): Promise<ModelSource> {
  if (model === undefined) return dtype === undefined ? {} : { dtype };
  if (model instanceof URL) return { url: model.href };
  if (typeof model === 'string') {
    // `org/name[@rev]` is a hub id; anything with a scheme, a leading slash or dot is a URL.
    if (/^[\w.-]+\/[\w.-]+(@[\w.-]+)?$/.test(model) && !model.startsWith('.')) {
      return dtype === undefined ? { hub: model } : { hub: model, dtype };
    }
    return { url: new URL(model, globalThis.location?.href).href };
  }
  if (model instanceof Blob) return { bytes: await model.arrayBuffer() };
  if (model instanceof ArrayBuffer) return { bytes: model.slice(0) };
  if (model instanceof Uint8Array) return { bytes: model.slice().buffer as ArrayBuffer };
  throw new InvalidArgumentError(
    '`model` must be a hub id, a URL, or the model file’s bytes (Uint8Array, ArrayBuffer, Blob).',
  );
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

type Ready = Extract<WorkerMessage, { type: 'ready' }>;

interface Pending {
  onMessage(message: WorkerMessage): void;
}

/** The page's end of the protocol: one listener, requests by id. */
class WorkerChannel {
  readonly #worker: Worker;
  readonly #options: WebTTSOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #startup: { resolve: (ready: Ready) => void; reject: (error: Error) => void } | undefined;
  #closed: Error | undefined;

  constructor(worker: Worker, options: WebTTSOptions) {
    this.#worker = worker;
    this.#options = options;
    worker.addEventListener('message', (event: MessageEvent) => this.#receive(event.data as WorkerMessage));
    worker.addEventListener('error', (event: ErrorEvent) => {
      this.#fail(new Error(`The kokoro-kit worker failed: ${event.message || 'it could not be loaded'}.`));
    });
  }

  init(config: WorkerConfig): Promise<Ready> {
    const transfer = 'bytes' in config.model ? [config.model.bytes] : [];
    return new Promise<Ready>((resolve, reject) => {
      this.#startup = { resolve, reject };
      this.#send({ type: 'init', config }, transfer);
    });
  }

  #send(message: PageMessage, transfer: Transferable[] = []): void {
    if (this.#closed) throw this.#closed;
    this.#worker.postMessage(message, transfer);
  }

  #receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.#startup?.resolve(message);
        return;
      case 'init-failed':
        this.#startup?.reject(reviveError(message.error));
        return;
      case 'progress':
        this.#options.onProgress?.(message.progress);
        return;
      case 'warning':
        if (message.id === undefined) this.#options.onWarning?.(message.warning);
        else this.#pending.get(message.id)?.onMessage(message);
        return;
      default:
        this.#pending.get(message.id)?.onMessage(message);
    }
  }

  #fail(error: Error): void {
    this.#closed = error;
    this.#startup?.reject(error);
    for (const pending of this.#pending.values())
      pending.onMessage({ type: 'error', id: 0, error: { name: 'Error', message: error.message } });
  }

  /** Sends a request whose answer is one `result` (or `error`). */
  #call<T>(message: (id: number) => PageMessage): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, {
        onMessage: (reply) => {
          if (reply.type !== 'result' && reply.type !== 'error') return;
          this.#pending.delete(id);
          if (reply.type === 'result') resolve(reply.value as T);
          else reject(reviveError(reply.error));
        },
      });
      this.#send(message(id));
    });
  }

  /** A speak request's chunks as an async iterable; leaving the loop early cancels the request. */
  async *#stream(
    text: string | AsyncIterable<string>,
    options: WebSpeakOptions,
  ): AsyncGenerator<WebAudioChunk> {
    const { signal, onWarning, ...request } = options;
    const id = this.#nextId++;
    const inbox = new Inbox<WorkerMessage>();
    this.#pending.set(id, { onMessage: (message) => inbox.push(message) });
    const cancel = () => this.#send({ type: 'cancel', id });
    signal?.addEventListener('abort', cancel, { once: true });
    let finished = false;
    try {
      throwIfAborted(signal);
      const streaming = typeof text !== 'string';
      this.#send({ type: 'speak', id, streaming, options: request, ...(streaming ? {} : { text }) });
      if (streaming) void this.#feed(id, text, signal);
      for (;;) {
        const message = await inbox.next();
        if (message.type === 'chunk') yield { ...message.chunk, inferenceMs: message.inferenceMs };
        else if (message.type === 'warning') onWarning?.(message.warning);
        else if (message.type === 'error') throw reviveError(message.error);
        else if (message.type === 'end') {
          finished = true;
          return;
        }
      }
    } finally {
      signal?.removeEventListener('abort', cancel);
      if (!finished && !this.#closed) cancel();
      this.#pending.delete(id);
    }
  }

  async #feed(id: number, pieces: AsyncIterable<string>, signal: AbortSignal | undefined): Promise<void> {
    try {
      for await (const piece of pieces) {
        if (signal?.aborted || !this.#pending.has(id)) return;
        this.#send({ type: 'text', id, piece });
      }
    } finally {
      if (this.#pending.has(id)) this.#send({ type: 'text-end', id });
    }
  }

  facade(ready: Ready): WebTTS {
    const stream = (text: string | AsyncIterable<string>, options: WebSpeakOptions = {}) => ({
      [Symbol.asyncIterator]: () => this.#stream(text, options),
    });
    return {
      backend: ready.backend,
      languages: ready.languages,
      stream,
      synthesize: async (text, options = {}) => collect(stream(text, options)),
      voices: () => this.#call<VoiceInfo[]>((id) => ({ type: 'voices', id })),
      phonemize: (text, { language }) =>
        this.#call<PhonemeToken[]>((id) => ({ type: 'phonemize', id, text, language })),
      dispose: async () => {
        if (this.#closed) return;
        await this.#call((id) => ({ type: 'dispose', id })).catch(() => undefined);
        this.#fail(new Error('This WebTTS was disposed; create a new one with createWebTTS().'));
        this.#worker.terminate();
      },
    };
  }
}

/** Joins a stream's chunks into one utterance, as the pipeline's `synthesize` does. */
async function collect(chunks: AsyncIterable<WebAudioChunk>): Promise<WebUtterance> {
  const parts: WebAudioChunk[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const samples = new Float32Array(parts.reduce((n, c) => n + c.samples.length, 0));
  let offset = 0;
  for (const part of parts) {
    samples.set(part.samples, offset);
    offset += part.samples.length;
  }
  const words = parts.every((c) => c.words !== undefined) ? parts.flatMap((c) => c.words ?? []) : undefined;
  return {
    samples,
    sampleRate: SAMPLE_RATE,
    chunks: parts.map(({ samples: _, ...rest }) => rest),
    words,
  };
}

/** Messages waiting for the consumer. */
class Inbox<T> {
  #items: T[] = [];
  #waiting: ((item: T) => void) | undefined;

  push(item: T): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting(item);
    } else {
      this.#items.push(item);
    }
  }

  next(): Promise<T> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve) => {
      this.#waiting = resolve;
    });
  }
}
