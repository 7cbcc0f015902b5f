import type { WordTiming } from '@kokoro-kit/core';
import type { TokenSpan } from './chunking';

/**
 * Word timings from the model's per-id durations, following hexgrad's
 * `KPipeline.join_timestamps` (spec §10.1):
 * - time is counted in half-frames (80 per second) so a space's duration can be split;
 * - the first word starts 3 frames before the end of the BOS pad (the reference's offset);
 * - each space between words gives half its duration to the word before and half to the word
 *   after, so words are contiguous;
 * - silent tokens (no phonemes) get no timing, but a space after them still advances time.
 *
 * Unlike the reference, which re-derives each token's position from the phoneme lengths, this
 * uses the exact spans recorded when the chunk string was built, so a leading silent token or
 * a collapsed space can never shift the alignment.
 *
 * `durations` has one value per id, pads included (`[BOS, ...phonemes, EOS]`), in frames.
 * Returned times are seconds from the chunk start plus `offsetSeconds`.
 */
export function wordTimings(
  spans: readonly TokenSpan[],
  durations: ArrayLike<number>,
  offsetSeconds = 0,
): WordTiming[] {
  const HALF_FRAMES_PER_SECOND = 80;
  const frames = (phonemeIndex: number) => durations[phonemeIndex + 1] ?? 0; // +1 skips BOS
  const words: WordTiming[] = [];
  if (durations.length < 3) return words;
  let left = 2 * Math.max(0, (durations[0] ?? 0) - 3);
  let right = left;
  for (const span of spans) {
    const space = span.space >= 0 ? frames(span.space) : 0;
    if (span.end === span.start) {
      if (span.space >= 0) {
        left = right + space;
        right = left + space;
      }
      continue;
    }
    let tokenFrames = 0;
    for (let k = span.start; k < span.end; k++) tokenFrames += frames(k);
    const start = left / HALF_FRAMES_PER_SECOND;
    left = right + 2 * tokenFrames + space;
    const end = left / HALF_FRAMES_PER_SECOND;
    right = left + space;
    words.push({
      text: span.token.text,
      phonemes: span.token.phonemes,
      start: offsetSeconds + start,
      end: offsetSeconds + end,
    });
  }
  return words;
}
