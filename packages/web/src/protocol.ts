/**
 * The messages between the page (`createWebTTS`) and the Worker that runs the pipeline. Every
 * message is structured-clone safe; audio travels as transferred `Float32Array`s.
 */
import type { AudioChunk, G2PWarning, LanguageTag, PhonemeToken, VoiceInfo } from '@kokoro-kit/core';
import type { SerializedError } from './errors';

/** Where the model comes from. */
export type ModelSource =
  /** A hub model id (`org/name[@revision]`; default the pinned Kokoro-82M v1.0 ONNX export). */
  | { hub?: string; dtype?: 'fp32' | 'fp16' | 'q8' }
  /** A URL the worker fetches (kept in the page's HTTP cache, not the hub cache). */
  | { url: string }
  /** The model file's bytes (e.g. a file the user picked). Transferred to the worker. */
  | { bytes: ArrayBuffer };

/** What the worker needs to build the pipeline (everything the page decided). */
export interface WorkerConfig {
  model: ModelSource;
  /** A folder URL holding `<voice>.bin` files; default: the model repository's `voices/` on the hub. */
  voicesUrl?: string;
  /** The URL prefix where the app serves the runtime files (`webAssetFiles()`), ending in `/`. */
  assetsUrl: string;
  hubUrl?: string;
  lexiconUrl?: string;
  offline?: boolean;
  cacheName?: string;
  backend?: 'auto' | 'wasm' | 'webgpu';
  threads?: number;
  /** Rewrite the model for faster CPU inference (cached per model). */
  optimize?: boolean;
  /** Languages to load while the model loads (others load on first use). */
  preload?: LanguageTag[];
}

export interface SpeakRequest {
  voice?: string;
  speed?: number;
  language?: LanguageTag;
  sentenceSilence?: number;
  ssml?: 'auto' | 'always' | 'never';
}

/** A progress report of a download in the worker. */
export interface DownloadProgress {
  /** The file's name (e.g. `model.onnx`, `af_heart.bin`, `us_gold.json`). */
  file: string;
  url: string;
  received: number;
  total?: number;
}

export interface BackendInfo {
  name: 'wasm' | 'webgpu';
  threads: number;
  crossOriginIsolated: boolean;
  reason: string;
  [key: string]: unknown;
}

export type PageMessage =
  | { type: 'init'; config: WorkerConfig }
  | { type: 'speak'; id: number; text?: string; streaming: boolean; options: SpeakRequest }
  | { type: 'text'; id: number; piece: string }
  | { type: 'text-end'; id: number }
  | { type: 'cancel'; id: number }
  | { type: 'voices'; id: number }
  | { type: 'phonemize'; id: number; text: string; language: LanguageTag }
  | { type: 'dispose'; id: number };

export type WorkerMessage =
  | { type: 'ready'; backend: BackendInfo; languages: LanguageTag[] }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'progress'; progress: DownloadProgress }
  | { type: 'warning'; id?: number; warning: G2PWarning }
  | { type: 'chunk'; id: number; chunk: AudioChunk; inferenceMs: number }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'result'; id: number; value: VoiceInfo[] | PhonemeToken[] | null };
