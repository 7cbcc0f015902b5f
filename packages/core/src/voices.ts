import type { LanguageTag, VoiceInfo } from './types';

/** Kokoro's voice-name prefixes: the first letter is the language (KPipeline's lang_code). */
export const VOICE_LANGUAGE_PREFIXES: Readonly<Record<string, LanguageTag>> = Object.freeze({
  a: 'en-US',
  b: 'en-GB',
  e: 'es',
  f: 'fr',
  h: 'hi',
  i: 'it',
  j: 'ja',
  p: 'pt-BR',
  z: 'zh',
});

/**
 * What a voice name says about itself under Kokoro's `<lang><gender>_<name>` convention
 * (e.g. `af_heart`: American English, female). Names outside the convention get neither field.
 */
export function describeVoice(name: string): VoiceInfo {
  const match = /^([a-z])([fm])_/.exec(name);
  if (!match) return { name };
  const language = VOICE_LANGUAGE_PREFIXES[match[1]!];
  const gender = match[2] === 'f' ? 'female' : 'male';
  return language === undefined ? { name, gender } : { name, language, gender };
}
