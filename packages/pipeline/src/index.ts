export {
  type ChunkPhonemes,
  chunkPhonemes,
  codePointLength,
  planChunks,
  type TokenSpan,
  waterfallCut,
} from './chunking';
export { MarkupError, type MarkupErrorCode } from './errors';
export {
  createLanguageRouter,
  type LanguageRouter,
  type LanguageRouterOptions,
} from './language-router';
export {
  BREAK_STRENGTHS,
  MAX_PAUSE_SECONDS,
  MAX_SSML_TAG_LENGTH,
  MAX_TAG_LENGTH,
  parseDuration,
  parseRate,
} from './markup';
export { ChunkPlanner, type ChunkPlanOptions, type PlannedChunk } from './planner';
export {
  type Boundary,
  findBoundary,
  MAX_PIECE_CHARS,
  MAX_SSML_DEPTH,
  type SegmentEvent,
  type SegmenterOptions,
  StreamSegmenter,
  type TextStyle,
} from './segmenter';
export { wordTimings } from './timings';
export {
  createTTS,
  type PipelineWarning,
  type SpeakOptions,
  type TextInput,
  type TTS,
  type TTSEvent,
  type TTSOptions,
  type Utterance,
} from './tts';
