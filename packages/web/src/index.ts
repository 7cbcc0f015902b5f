/**
 * @kokoro-kit/web — one line to speech in the browser. `createWebTTS()` runs the whole kokoro-kit
 * pipeline (hub over Cache Storage → voices → G2P per language → tokenizer → onnxruntime-web →
 * pipeline) in a dedicated Worker and streams audio chunks to the page.
 */
export {
  createWebTTS,
  type WebAudioChunk,
  type WebSpeakOptions,
  type WebTTS,
  type WebTTSOptions,
  type WebUtterance,
} from './client';
export type { BackendInfo, DownloadProgress } from './protocol';
