/**
 * The benchmark's English text: about 2,100 characters of plain prose in nineteen sentences, with
 * the punctuation and sentence lengths of ordinary narration and no numbers or abbreviations, so both
 * pipelines split it the same way (one sentence at a time for kokoro-js).
 */
export const SENTENCES: readonly string[] = [
  'The lighthouse stood at the end of a narrow spit of rock, and for most of the year nobody came to see it.',
  'Its keeper was an old woman who kept a notebook of every ship that passed, the weather at dawn, and the birds that rested on the rail.',
  'In winter the wind came straight off the sea and pressed against the windows until the glass hummed like a plucked string.',
  'She did not mind the noise; she said it kept her company, and that a quiet night made her nervous.',
  'Every evening she climbed the spiral stairs, wound the clockwork, and cleaned the great lens with a soft cloth and a little vinegar.',
  'The light turned slowly above her head, throwing long white arms across the water, and she counted the seconds between the flashes out of habit.',
  'One autumn a young man arrived with a bicycle, a heavy bag, and a letter from the harbour office.',
  'He had been sent to learn the work, because the office believed that the old woman would soon want to retire.',
  'She read the letter twice, folded it neatly, and told him that she had no such plans, but that he could stay for supper.',
  'He stayed for the winter instead.',
  'She taught him how to read the clouds, how to listen for a change in the swell, and how to mend a wick without burning his fingers.',
  'He taught her how to fix the radio, which had been silent for years, and how to find music on it late at night.',
  'By spring they had filled three more notebooks between them, and the ships that passed had started to blow their horns in greeting.',
  'When the office finally wrote again, asking whether the young man was ready to take over, she answered with a single line.',
  'She wrote that the lighthouse now had two keepers, and that it was better for it.',
  'Years later, a visitor found the notebooks on a shelf in the kitchen, stacked in order and tied with blue string.',
  'The early pages were written in a small, careful hand; the later ones alternated between two, one neat and one hurried.',
  'On the very last page, someone had drawn the lighthouse at night, with the beam reaching all the way to the edge of the paper.',
  'Underneath it, in the neat hand, were four words: keep the light turning.',
];

export const LONG_TEXT = SENTENCES.join(' ');

/** The first three sentences (363 characters): quick runs (`--text short`). */
export const SHORT_TEXT = SENTENCES.slice(0, 3).join(' ');

export type TextName = 'long' | 'short';

export function benchText(name: TextName): string {
  return name === 'short' ? SHORT_TEXT : LONG_TEXT;
}

/** A short sentence run once before measuring, so both sides start warm (JIT, allocator, phonemizer). */
export const WARMUP_TEXT = 'This is a short warm-up sentence.';
