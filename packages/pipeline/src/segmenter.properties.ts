import { KokoroError } from '@kokoro-kit/core';
import type { NamedProperty } from '@kokoro-kit/core/properties';
import fc from 'fast-check';
import { MAX_TAG_LENGTH, readBracketTag, readSsmlTag } from './markup';
import { type SegmentEvent, type SegmenterOptions, StreamSegmenter } from './segmenter';

/** Events for `text` pushed in the pieces that `cuts` (offsets) make. */
function segment(text: string, cuts: readonly number[], ssml: SegmenterOptions['ssml']): SegmentEvent[] {
  const segmenter = new StreamSegmenter({ ssml });
  const events: SegmentEvent[] = [];
  const drain = () => {
    for (let e = segmenter.next(); e; e = segmenter.next()) events.push(e);
  };
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    segmenter.push(text.slice(from, cut));
    drain();
    from = cut;
  }
  segmenter.push(text.slice(from));
  drain();
  segmenter.close();
  drain();
  if (!segmenter.done) throw new Error('the segmenter did not finish');
  return events;
}

/**
 * What is said, however the text was split: each word with its style and given phonemes, and
 * every pause and markup event, in order. (Streaming may end a piece earlier, so piece
 * boundaries may differ; words may not.)
 */
function speech(events: readonly SegmentEvent[]): string[] {
  return events.flatMap((e) => {
    if (e.type === 'pause') return [`<pause ${e.seconds}>`];
    if (e.type === 'markup') return [`<markup ${e.markup}${e.warning ? ' !' : ''}>`];
    const style = `${e.style.voice ?? ''}@${e.style.rate}${e.phonemes === undefined ? '' : `/${e.phonemes}`}`;
    return e.text
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((word) => `${word}|${style}`);
  });
}

const TEXT_PARTS = [
  'Hello',
  'world',
  'Dr.',
  'e.g.',
  'J.',
  '3.14',
  '1.',
  ' ',
  ' ',
  '\n',
  '. ',
  ', ',
  '! ',
  '?',
  '…',
  '—',
  '"',
  ')',
  '。',
  '，',
  '你好',
  '😀',
  '𠀀',
  '[',
  ']',
  '[pause:1s]',
  '[pause:',
  '[voice:af_sky]',
  '[voice]',
  '[voice:',
  '[x](/a/)',
  '<',
  '>',
  '&amp;',
];

const SSML_PARTS = [
  '<speak>',
  '</speak>',
  '<break time="500ms"/>',
  '<break strength="strong"/>',
  '<prosody rate="slow">',
  '</prosody>',
  '<voice name="am_adam">',
  '</voice>',
  '<phoneme ph="həlˈO">',
  '</phoneme>',
  '<sub alias="W W W">',
  '</sub>',
  '<say-as interpret-as="characters">',
  '</say-as>',
  '<foo>',
  '</foo>',
  '<',
  '>',
  '&lt;',
  '&#x41;',
  'Hi',
  'there',
  '. ',
  ', ',
  ' ',
];

const joined = (parts: readonly string[], anyUnicode: boolean) =>
  fc
    .array(
      anyUnicode
        ? fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...parts) },
            { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
          )
        : fc.constantFrom(...parts),
      { maxLength: 40 },
    )
    .map((p) => p.join(''));

/** A text and where to split it. */
const split = (text: fc.Arbitrary<string>) =>
  text.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.nat({ max: t.length }), { maxLength: 12 })));

/** The segmenter and markup readers on arbitrary input. */
export function segmenterProperties(): NamedProperty[] {
  const plain = split(joined(TEXT_PARTS, true));
  const ssml = split(joined(SSML_PARTS, true).map((t) => `<speak>${t}`));
  return [
    {
      name: 'segmenter: random splits of the same text give the same speech',
      property: fc.property(plain, ([text, cuts]) => {
        const whole = speech(segment(text, [], 'auto'));
        const pieces = speech(segment(text, cuts, 'auto'));
        if (JSON.stringify(whole) !== JSON.stringify(pieces))
          throw new Error(`whole: ${JSON.stringify(whole)}\npieces: ${JSON.stringify(pieces)}`);
      }),
    },
    {
      name: 'segmenter: concatenated piece texts and markup are the input (whitespace aside)',
      property: fc.property(plain, ([text, cuts]) => {
        const events = segment(text, cuts, 'never');
        // A malformed bracket tag is reported, then read as text: count it once, as text.
        const rebuilt = events
          .map((e) => (e.type === 'text' ? e.text : e.type === 'pause' || !e.warning ? e.markup : ''))
          .join('');
        const squash = (s: string) => s.replace(/\s+/g, '');
        if (squash(rebuilt) !== squash(text))
          throw new Error(`rebuilt ${JSON.stringify(rebuilt)} from ${JSON.stringify(text)}`);
      }),
    },
    {
      name: 'SSML: only typed errors, and random splits give the same speech',
      property: fc.property(ssml, ([text, cuts]) => {
        let whole: string[];
        try {
          whole = speech(segment(text, [], 'auto'));
        } catch (error) {
          if (KokoroError.isInstance(error)) return;
          throw error;
        }
        const pieces = speech(segment(text, cuts, 'auto'));
        if (JSON.stringify(whole) !== JSON.stringify(pieces))
          throw new Error(`whole: ${JSON.stringify(whole)}\npieces: ${JSON.stringify(pieces)}`);
      }),
    },
    {
      name: 'markup readers: a decision made on a prefix holds for every continuation',
      property: fc.property(joined(TEXT_PARTS, true), joined(SSML_PARTS, true), (prefix, rest) => {
        for (const [start, read] of [
          ['[', readBracketTag],
          ['<', readSsmlTag],
        ] as const) {
          const text = start + prefix;
          const early = read(text, false);
          if (
            early === 'incomplete' ||
            (typeof early === 'object' && 'kind' in early && early.kind === 'incomplete')
          )
            continue;
          for (const later of [read(text + rest, false), read(text + rest, true)])
            if (JSON.stringify(later) !== JSON.stringify(early))
              throw new Error(
                `${JSON.stringify(text)}: ${JSON.stringify(early)}, then ${JSON.stringify(later)}`,
              );
          if (early && 'length' in early && early.length > Math.max(MAX_TAG_LENGTH, 1000))
            throw new Error(`a tag of ${early.length} characters`);
        }
      }),
    },
  ];
}
