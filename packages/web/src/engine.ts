import { type G2PWarning, type LanguageTag, ModelError } from '@kokoro-kit/core';
import { createCacheStorage, createHub, type Hub, type HubProgress } from '@kokoro-kit/hub';
import { modelTransform } from '@kokoro-kit/model-optimizer';
import { createLanguageRouter, createTTS, type LanguageRouter, type TTS } from '@kokoro-kit/pipeline';
import { createWebRuntime, type WebRuntime } from '@kokoro-kit/runtime-web';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { type CachingVoiceStore, createVoiceStore } from '@kokoro-kit/voice-store';
import type { LanguageContext, LanguageModule } from './languages/types';
import type { DownloadProgress, ModelSource, WorkerConfig } from './protocol';
import { urlVoiceLoader } from './voices';

/** The pipeline and its parts, as the worker holds them. */
export interface Engine {
  tts: TTS;
  g2p: LanguageRouter;
  voices: CachingVoiceStore;
  runtime: WebRuntime;
}

export interface EngineHooks {
  onProgress: (progress: DownloadProgress) => void;
  onWarning: (warning: G2PWarning) => void;
}

/** The ONNX runtime files, as `webAssetFiles()` lays them out under the assets URL. */
export const ORT_ASSETS_DIR = 'ort/';

/**
 * Wires the defaults in the worker: the hub over Cache Storage → voices → a language router over
 * the worker's language modules → tokenizer → runtime-web → pipeline. The model and the
 * preloaded languages load in parallel.
 */
export async function createEngine(
  config: WorkerConfig,
  modules: readonly LanguageModule[],
  hooks: EngineHooks,
): Promise<Engine> {
  const hub = createHub({
    storage: createCacheStorage(config.cacheName === undefined ? {} : { cacheName: config.cacheName }),
    ...(config.hubUrl === undefined ? {} : { hubUrl: config.hubUrl }),
    ...(config.lexiconUrl === undefined ? {} : { lexiconUrl: config.lexiconUrl }),
    offline: config.offline ?? false,
    onProgress: throttledProgress(hooks.onProgress),
  });
  const modelId = 'hub' in config.model ? config.model.hub : undefined;
  const voices = createVoiceStore({
    loader: config.voicesUrl === undefined ? hub.voiceLoader(modelId) : urlVoiceLoader(config.voicesUrl),
  });
  const g2p = languageRouter(modules, hub, config.assetsUrl);
  const warmUp = (config.preload ?? []).map((language) => g2p.forLanguage(language));
  const runtime = await createWebRuntime({
    model: await modelBytes(config.model, hub),
    wasmPaths: new URL(ORT_ASSETS_DIR, config.assetsUrl).href,
    ...(config.backend === undefined ? {} : { backend: config.backend }),
    ...(config.threads === undefined ? {} : { threads: config.threads }),
    ...(config.optimize === false ? {} : { transform: modelTransform() }),
    ...(config.cacheName === undefined ? {} : { cache: { cacheName: `${config.cacheName}-runtime` } }),
    onWarning: (warning) => hooks.onWarning({ kind: warning.kind, text: '', message: warning.message }),
  });
  await Promise.all(warmUp);
  const tts = createTTS({ g2p, tokenizer: createTokenizer(), voices, runtime, onWarning: hooks.onWarning });
  return { tts, g2p, voices, runtime };
}

function languageRouter(modules: readonly LanguageModule[], hub: Hub, assetsUrl: string): LanguageRouter {
  const owner = new Map<LanguageTag, LanguageModule>();
  for (const module of modules) for (const language of module.languages) owner.set(language, module);
  const context: LanguageContext = {
    hub,
    assetsUrl,
    g2pFor: async (language) => (owner.has(language) ? router.forLanguage(language) : undefined),
  };
  const router = createLanguageRouter({
    languages: [...owner.keys()],
    load: (language) => (owner.get(language) as LanguageModule).load(language, context),
  });
  return router;
}

async function modelBytes(source: ModelSource, hub: Hub): Promise<Uint8Array> {
  if ('bytes' in source) return new Uint8Array(source.bytes);
  if ('url' in source) {
    const response = await fetch(source.url);
    if (!response.ok) {
      throw new ModelError(
        'MODEL_NOT_FOUND',
        `Fetching the model from ${source.url} failed with HTTP ${response.status}; check that the app serves it there.`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  return hub.read(hub.model(source.hub, source.dtype === undefined ? {} : { dtype: source.dtype }));
}

/** At most one progress message per file every 100 ms, and always the last one. */
function throttledProgress(report: (progress: DownloadProgress) => void): (event: HubProgress) => void {
  const last = new Map<string, number>();
  return (event) => {
    const now = Date.now();
    const done = event.total !== undefined && event.received >= event.total;
    if (!done && now - (last.get(event.url) ?? 0) < 100) return;
    last.set(event.url, now);
    report({
      file: event.asset.name.split('/').pop() ?? event.asset.name,
      url: event.url,
      received: event.received,
      ...(event.total === undefined ? {} : { total: event.total }),
    });
  };
}
