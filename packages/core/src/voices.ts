import { VOICE_LANGUAGE_PREFIXES } from './languages';
import type { LanguageTag, VoiceInfo } from './types';

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

/**
 * The language a voice — or the first voice of a blend such as `af_bella(2)+bf_emma(1)` — was
 * made for, from Kokoro's naming (`af_heart` → en-US, `zf_xiaoxiao` → zh); `undefined` for names
 * outside the convention.
 */
export function languageOfVoice(expression: string): LanguageTag | undefined {
  const first = /[A-Za-z0-9_.-]+/.exec(expression)?.[0];
  return first === undefined ? undefined : describeVoice(first).language;
}
