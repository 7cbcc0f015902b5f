/**
 * @kokoro-kit/node — Kokoro-82M text to speech in Node in one line:
 * `const tts = await createNodeTTS(); await tts.synthesize('Hello world.', { voice: 'af_heart' })`.
 */
export type { Importer } from './language-packages';
export type { ModelInfo } from './model';
export type { Env } from './settings';
export {
  createNodeTTS,
  type NodeSpeakOptions,
  type NodeTTS,
  type NodeTTSOptions,
  type NodeTTSWarning,
  type Phonemized,
} from './tts';
