/**
 * The page under test: `createWebTTS()` from the package's browser entry, with the worker bundled
 * beside it. The test drives it through `window.kokoroTest`.
 */
import { createWebTTS, type WebTTS } from '@kokoro-kit/web';

interface Speak {
  text: string;
  voice: string;
  language?: string;
  stream?: boolean;
}

let tts: WebTTS | undefined;
const progress: string[] = [];

const api = {
  async start(options: {
    hubUrl: string;
    lexiconUrl: string;
    model: string;
    backend?: 'wasm' | 'webgpu' | 'auto';
  }) {
    const started = performance.now();
    tts = await createWebTTS({
      model: options.model,
      hubUrl: options.hubUrl,
      lexiconUrl: options.lexiconUrl,
      assetsUrl: '/kokoro-assets/',
      worker: '/worker.js',
      backend: options.backend ?? 'wasm',
      optimize: false,
      onProgress: (p) => progress.push(p.file),
    });
    return { backend: tts.backend, languages: tts.languages, ms: performance.now() - started, progress };
  },
  async speak({ text, voice, language, stream }: Speak) {
    if (!tts) throw new Error('start() first');
    const options = language === undefined ? { voice } : { voice, language };
    const pieces = stream ? piecesOf(text) : text;
    const utterance = await tts.synthesize(pieces, options);
    return {
      samples: Array.from(utterance.samples),
      words: utterance.words,
      chunks: utterance.chunks.map((c) => c.text),
    };
  },
  async firstChunkThenCancel(text: string, voice: string) {
    if (!tts) throw new Error('start() first');
    let chunks = 0;
    for await (const _ of tts.stream(text, { voice })) {
      chunks++;
      break;
    }
    // The worker must still answer after a cancelled stream.
    const after = await tts.synthesize('Still here.', { voice });
    return { chunks, after: after.samples.length };
  },
  async abortBeforeStart(text: string, voice: string) {
    if (!tts) throw new Error('start() first');
    const controller = new AbortController();
    controller.abort();
    try {
      await tts.synthesize(text, { voice, signal: controller.signal });
      return 'no error';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  async badVoice() {
    if (!tts) throw new Error('start() first');
    try {
      await tts.synthesize('Hello.', { voice: 'zz_nobody' });
      return 'no error';
    } catch (error) {
      return { name: (error as Error).name, code: (error as { code?: string }).code };
    }
  },
  async dispose() {
    await tts?.dispose();
    tts = undefined;
  },
};

/** Text as an LLM would stream it: a few characters at a time. */
async function* piecesOf(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 3) yield text.slice(i, i + 3);
}

(globalThis as unknown as { kokoroTest: typeof api }).kokoroTest = api;
