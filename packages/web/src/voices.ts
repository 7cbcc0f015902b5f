import { VoiceError } from '@kokoro-kit/core';
import { KOKORO_VOICES } from '@kokoro-kit/hub';
import type { VoiceLoader } from '@kokoro-kit/voice-store';

/** Voice packs (`<name>.bin`) from a folder URL the app serves. */
export function urlVoiceLoader(folderUrl: string): VoiceLoader {
  const urlOf = (name: string) => new URL(`${name}.bin`, folderUrl).href;
  return {
    list: async () => [...KOKORO_VOICES],
    async load(name, { signal }) {
      const response = await fetch(urlOf(name), signal ? { signal } : {});
      if (response.status === 404) return undefined;
      if (!response.ok) {
        throw new VoiceError(
          'VOICE_FETCH_FAILED',
          `Fetching the voice ${name} from ${urlOf(name)} failed with HTTP ${response.status}.`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    describeSource: urlOf,
  };
}
