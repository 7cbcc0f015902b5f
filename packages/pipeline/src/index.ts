export {
  type ChunkPhonemes,
  chunkPhonemes,
  codePointLength,
  planChunks,
  type TokenSpan,
  waterfallCut,
} from './chunking';
export { splitParagraphs } from './segment';
export { wordTimings } from './timings';
export {
  createTTS,
  type PipelineWarning,
  type SpeakOptions,
  type TTS,
  type TTSOptions,
  type Utterance,
} from './tts';
