import { type EncoderBody, floatToInt16Array } from '../pcm';
import type { ResolvedOptions } from '../stream-state';
import { FlacStreamEncoder } from './flac-encoder';

/** FLAC from our own encoder: the "fLaC" header goes out with the first bytes of the stream. */
export function createFlacBody(options: ResolvedOptions): EncoderBody {
  const encoder = new FlacStreamEncoder(options.sampleRate, options.channels);
  let headerSent = false;
  const header = (): Uint8Array[] => {
    if (headerSent) return [];
    headerSent = true;
    return [encoder.header()];
  };
  return {
    write: (samples) => [...header(), ...encoder.push(floatToInt16Array(samples))],
    end: () => [...header(), ...encoder.finish()],
  };
}
