/**
 * The kokoro-js page: kokoro-js 1.2.1 as a bundler builds it for the browser (its package's
 * default export, `dist/kokoro.js`, over transformers.js's web build and onnxruntime-web), with
 * transformers.js configured to load nothing remote: the model folder and onnxruntime-web's files
 * come from this page's origin. Its voice files it fetches from Hugging Face; the benchmark
 * answers those requests from kokoro-js's own `voices/` (`route.fulfill`).
 */
import { env } from '@huggingface/transformers';
import { KokoroTTS, TextSplitterStream } from 'kokoro-js';
import { measureSpeech, type Speaker } from './page-measure';
import { BENCH_PAGE_GLOBAL, type BenchPage, type KokoroJsPageConfig } from './protocol';

type Voice = Parameters<KokoroTTS['generate']>[1] extends { voice?: infer V } | undefined ? V : never;

async function load(config: KokoroJsPageConfig): Promise<Speaker> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = config.localModelPath;
  // No Cache Storage copy of the 325 MB download (kokoro-js's first visit would make one).
  env.useBrowserCache = false;
  const wasm = env.backends.onnx.wasm;
  if (wasm === undefined) throw new Error('transformers.js has no onnxruntime-web wasm settings.');
  wasm.wasmPaths = config.wasmPaths;
  wasm.numThreads = config.threads;
  const tts = await KokoroTTS.from_pretrained(config.modelId, { dtype: config.dtype, device: 'wasm' });
  return {
    // kokoro-js's stream() of a string never ends (spec §12.6), so it gets a closed splitter.
    async *stream(text, voice) {
      const splitter = new TextSplitterStream();
      splitter.push(text);
      splitter.close();
      for await (const { audio } of tts.stream(splitter, { voice: voice as Voice })) yield audio.audio.length;
    },
    backend: {
      backend: `wasm (onnxruntime-web ${env.backends.onnx.versions?.web ?? '?'}), ${config.dtype}`,
      threads: wasm.numThreads ?? 1,
      crossOriginIsolated: globalThis.crossOriginIsolated,
      ort: env.backends.onnx.versions?.web ?? 'unknown',
    },
  };
}

const page: BenchPage<KokoroJsPageConfig> = {
  run: (config, task) => measureSpeech(() => load(config), task),
};
Object.assign(globalThis, { [BENCH_PAGE_GLOBAL]: page });
