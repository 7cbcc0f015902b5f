/**
 * Our page: `createWebTTS` from `@kokoro-kit/web` as an app uses it — the pipeline in the
 * package's default worker (bundled beside this page), the model, voices, misaki's lexicons and
 * the runtime files all from this page's origin.
 */
import { createWebTTS } from '@kokoro-kit/web';
import { measureSpeech, type Speaker } from './page-measure';
import { BENCH_PAGE_GLOBAL, type BenchPage, type OursPageConfig } from './protocol';

async function load(config: OursPageConfig): Promise<Speaker> {
  const tts = await createWebTTS({
    model: config.modelUrl,
    voicesUrl: config.voicesUrl,
    lexiconUrl: config.lexiconUrl,
    assetsUrl: config.assetsUrl,
    worker: config.workerUrl,
    backend: 'wasm',
    threads: config.threads,
    optimize: config.optimize,
    preload: ['en-US'],
  });
  const { backend } = tts;
  return {
    async *stream(text, voice) {
      for await (const chunk of tts.stream(text, { voice })) yield chunk.samples.length;
    },
    backend: {
      backend: `${backend.name}${config.optimize ? ', model rewritten by model-optimizer' : ''}: ${backend.reason}`,
      threads: backend.threads,
      crossOriginIsolated: backend.crossOriginIsolated,
      ort: typeof backend.ort === 'string' ? backend.ort : 'onnxruntime-web (see @kokoro-kit/runtime-web)',
    },
  };
}

const page: BenchPage<OursPageConfig> = {
  run: (config, task) => measureSpeech(() => load(config), task),
};
Object.assign(globalThis, { [BENCH_PAGE_GLOBAL]: page });
