import {
  type AudioChunk,
  abortable,
  InvalidArgumentError,
  type KokoroVoiceName,
  type LanguageTag,
  languageOfVoice,
  ModelError,
  type PhonemeToken,
  type PhonemizeOptions,
  parseLanguageTag,
  type VoiceInfo,
} from '@kokoro-kit/core';
import type { HubAsset, ProgressCallback } from '@kokoro-kit/hub';
import {
  type ChunkPlanOptions,
  chunkPhonemes,
  createTTS,
  type PipelineWarning,
  type SpeakOptions,
  type TextInput,
  type TTS,
  type Utterance,
} from '@kokoro-kit/pipeline';
import type {
  NodeRuntime,
  NodeRuntimeWarning,
  NodeSessionOptions,
  OrtModule,
} from '@kokoro-kit/runtime-node';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createAssets } from './assets';
import { createLanguageG2Ps, DEFAULT_LANGUAGE } from './language-g2p';
import { defaultImporter, type Importer } from './language-packages';
import { loadModel, type ModelInfo, modelInfo } from './model';
import { type Env, resolveSettings } from './settings';

/** A problem worked around: G2P and pipeline warnings (unknown words, …) and the runtime's. */
export type NodeTTSWarning = PipelineWarning | NodeRuntimeWarning;

export interface NodeTTSOptions {
  /**
   * A Kokoro ONNX file, or a hub id `org/name[@revision]` downloaded into the cache on first use.
   * Default: Kokoro-82M v1.0 (onnx-community, pinned revision).
   */
  model?: string;
  /** A folder of voice packs (`af_heart.bin`, …). Default: the model repo's voices, fetched on demand. */
  voices?: string;
  /** A folder holding misaki's lexicon files (`us_gold.json`, …). Default: fetched on demand. */
  lexicon?: string;
  /** The download cache. Default `$KOKORO_CACHE_DIR` (from `env`), else `~/.cache/kokoro-kit`. */
  cacheDir?: string;
  /** Never use the network: a file missing from the cache is a `HubError` `HUB_OFFLINE`. */
  offline?: boolean;
  /**
   * Rewrite the model for CPUs (`@kokoro-kit/model-optimizer`, exact) and let onnxruntime
   * optimize it, once per model file and machine, saved under `<cacheDir>/optimized`. Default true.
   */
  optimize?: boolean;
  /**
   * Environment variables to read (`KOKORO_MODEL`, `KOKORO_VOICES_DIR`, `KOKORO_LEXICON_DIR`,
   * `KOKORO_CACHE_DIR`, `KOKORO_OFFLINE`, `KOKORO_OPTIMIZE=0`, `KOKORO_HUB_URL`,
   * `KOKORO_LEXICON_URL`); options win over them. Nothing is read unless you pass one, e.g.
   * `env: process.env`.
   */
  env?: Env;
  /** Called as files download. */
  onProgress?: ProgressCallback;
  /** Called for every problem worked around instead of failing. */
  onWarning?: (warning: NodeTTSWarning) => void;
  /** Replaces `https://huggingface.co` (mirrors, tests). */
  hubUrl?: string;
  /** Replaces `https://raw.githubusercontent.com` for misaki's lexicons. */
  lexiconUrl?: string;
  fetch?: typeof fetch;
  /** How to tell users to get a file that is missing while offline (ends the `HUB_OFFLINE` message). */
  offlineHint?: (asset: HubAsset) => string;
  /** onnxruntime session options (threads, providers, …). */
  sessionOptions?: NodeSessionOptions;
  /** The onnxruntime-node module. Default: `import('onnxruntime-node')`. */
  ort?: OrtModule;
  /**
   * How language packages are loaded. Default `(specifier) => import(specifier)`. The
   * specifiers are `@kokoro-kit/g2p-en/node`, `@kokoro-kit/g2p-espeak`, `@kokoro-kit/g2p-ja/node`
   * and `@kokoro-kit/g2p-zh`.
   */
  importer?: Importer;
  /** Chunk sizes of the pipeline (`@kokoro-kit/pipeline`'s defaults suit most uses). */
  chunking?: ChunkPlanOptions;
}

/** `@kokoro-kit/pipeline`'s speak options; `language` takes any spelling (`en-gb`, `b`, `fr-fr`, …). */
export type NodeSpeakOptions = SpeakOptions;

export interface Phonemized {
  /** The phonemes Kokoro would be fed, as one string. */
  phonemes: string;
  /** Word by word. */
  tokens: PhonemeToken[];
}

export interface NodeTTS {
  /**
   * Audio chunk by chunk as it is synthesized. The language is `options.language`, else the
   * voice's (`af_heart` → en-US, `zf_xiaoxiao` → zh), else en-US; its G2P package is loaded on
   * first use. The first call also loads the model.
   */
  stream(input: TextInput, options?: NodeSpeakOptions): AsyncIterable<AudioChunk>;
  /** The whole utterance (the same samples as the stream). */
  synthesize(input: TextInput, options?: NodeSpeakOptions): Promise<Utterance>;
  /** Text → phonemes in `language` (default en-US), without loading the model. */
  phonemize(
    text: string,
    options?: Omit<PhonemizeOptions, 'language'> & { language?: string },
  ): Promise<Phonemized>;
  /** The voices of the `voices` folder, else the 54 Kokoro v1.0 voices (nothing downloaded). */
  voices(options?: { signal?: AbortSignal }): Promise<VoiceInfo[]>;
  /**
   * Loads ahead of the first call what a call with these options needs — the voice, the
   * language's G2P and the model — and says how the model was loaded.
   */
  load(options?: Pick<NodeSpeakOptions, 'voice' | 'language' | 'signal'>): Promise<ModelInfo>;
  /** Releases the model. Calls after this fail with `DISPOSED`. */
  dispose(): Promise<void>;
}

const DEFAULT_VOICE: KokoroVoiceName = 'af_heart';

interface Loaded {
  runtime: NodeRuntime;
  info: ModelInfo;
  tts: TTS;
}

/**
 * Kokoro text to speech in Node with the defaults wired: hub (file cache) → voices → G2P per
 * language (packages loaded lazily) → tokenizer → onnxruntime-node → pipeline. Nothing heavy
 * happens here; the model loads on the first `stream`, `synthesize` or `load`.
 */
export async function createNodeTTS(options: NodeTTSOptions = {}): Promise<NodeTTS> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('createNodeTTS takes an options object (or nothing).');
  }
  const settings = resolveSettings(options);
  const assets = createAssets(settings, options);
  const g2ps = createLanguageG2Ps({
    importer: options.importer ?? defaultImporter,
    lexiconDir: (language) => assets.lexiconDir(language),
    dataDir: (files) => assets.dataDir(files),
    localLexiconDir: settings.lexiconDir,
  });
  let loading: Promise<Loaded> | undefined;
  let disposed = false;

  function checkOpen(): void {
    if (disposed) {
      throw new ModelError(
        'DISPOSED',
        'This text-to-speech instance was disposed; create a new one with createNodeTTS().',
      );
    }
  }

  /** The model and the pipeline on it, loaded once (a failed load is tried again next call). */
  function loaded(): Promise<Loaded> {
    if (loading === undefined) {
      const attempt = loadPipeline();
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      loading = attempt;
    }
    return loading;
  }

  async function loadPipeline(): Promise<Loaded> {
    const path = await assets.modelPath();
    const runtime = await loadModel({
      path,
      optimize: settings.optimize,
      optimizedDir: settings.optimizedDir,
      sessionOptions: options.sessionOptions,
      ort: options.ort,
      onWarning: options.onWarning,
    });
    const tts = createTTS({
      ...options.chunking,
      g2p: g2ps.router,
      tokenizer: createTokenizer(),
      voices: assets.voices,
      runtime,
      onWarning: options.onWarning,
    });
    return { runtime, info: modelInfo(path, runtime), tts };
  }

  /** A call's voice and language checked and loaded, then the model: what a call waits for. */
  async function prepare(
    speak: NodeSpeakOptions,
  ): Promise<{ tts: TTS; info: ModelInfo; speak: SpeakOptions }> {
    checkOpen();
    const voice = speak.voice ?? DEFAULT_VOICE;
    const language = speak.language === undefined ? undefined : parseLanguageTag(speak.language);
    const { signal } = speak;
    // A bad voice fails before the model and the lexicons load (or download).
    await assets.voices.get(voice, { signal });
    const [{ tts, info }] = await Promise.all([
      abortable(loaded(), signal),
      g2ps.get(language ?? languageOfVoice(voice) ?? DEFAULT_LANGUAGE, { signal }),
    ]);
    checkOpen();
    // Without a language, the pipeline takes each piece's from its voice (markup can switch voices).
    return { tts, info, speak: { ...speak, voice, language } };
  }

  async function* stream(input: TextInput, speak: NodeSpeakOptions): AsyncGenerator<AudioChunk> {
    const prepared = await prepare(speak);
    yield* prepared.tts.stream(input, prepared.speak);
  }

  return {
    stream: (input, speak = {}) => ({ [Symbol.asyncIterator]: () => stream(input, speak) }),
    async synthesize(input, speak = {}) {
      const prepared = await prepare(speak);
      return prepared.tts.synthesize(input, prepared.speak);
    },
    async phonemize(text, call = {}) {
      checkOpen();
      const language: LanguageTag = parseLanguageTag(call.language ?? DEFAULT_LANGUAGE);
      const g2p = await g2ps.get(language, { signal: call.signal });
      const tokens = await g2p.phonemize(text, {
        language,
        signal: call.signal,
        onWarning: (warning) => {
          options.onWarning?.(warning);
          call.onWarning?.(warning);
        },
      });
      return { phonemes: chunkPhonemes(tokens).phonemes, tokens };
    },
    async voices(call) {
      checkOpen();
      return assets.listVoices(call);
    },
    async load(speak = {}) {
      return (await prepare(speak)).info;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const model = await loading?.catch(() => undefined);
      await model?.runtime.dispose();
    },
  };
}
