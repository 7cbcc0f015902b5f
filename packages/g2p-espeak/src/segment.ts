/**
 * Splitting text the way misaki's espeak path sees it (spec g2p.md §4): phonemizer's punctuation
 * marks cut the text into chunks; each chunk is phonemized on its own; the marks are put back.
 */

/** phonemizer's marks (`bootphon/phonemizer` `punctuation.py`; spec §4), plus `(` `)` which misaki maps to `«` `»`. */
export const PUNCTUATION_MARKS: ReadonlySet<string> = new Set(';:,.!?¡¿—…"«»“”(){}[]');

/**
 * Marks at which espeak-ng ends a clause even inside a word (`a！b`) or before a space (`a। b`),
 * found by sending every Unicode punctuation character to espeak-ng 1.52 in `a?b` and `a? b`
 * (its `punct_chars` table). A chunk holding one comes back from espeak as two lines, which
 * made the engine phonemize every chunk of the call in a run of its own; cut out as their own
 * segments, they never reach espeak. espeak says nothing for them, so they stay silent (misaki
 * keeps the danda `।` silent too: it is not one of phonemizer's marks).
 */
export const ESPEAK_CLAUSE_MARKS: ReadonlySet<string> = new Set(
  '\u037e\u0387\u055b\u055c\u055d\u055e\u0589\u060c\u061b\u061f\u06d4' +
    '\u0700\u0701\u0702\u0703\u0704\u0706\u0707\u0708\u0709\u07f8\u07f9' +
    '\u0964\u0965\u0df4\u0f0d\u0f0e\u0f14\u10fb\u1362\u1363\u1364\u1365\u1366\u1367\u1368' +
    '\u166e\u1801\u1802\u1803\u1804\u1808\u1809\u1944\u1945\u2013\u203c\u2047\u204f' +
    '\u22ee\u22ef\u22f0\u22f1\u2753\u2754\u2755\u2757\u2762\u2763\u2982' +
    '\u2cf9\u2cfa\u2cfb\u2cfe\u2e32\u2e33\u2e34\u2e35\u2e3a\u2e3b\u2e3c\u2e41\u3001\u3002' +
    '\ua4fe\ua4ff\ua60d\ua60e\ua60f\ua6f3\ua6f4\ua6f5\ua6f6\ua6f7' +
    '\ufe10\ufe11\ufe12\ufe13\ufe14\ufe15\ufe16\ufe19\ufe31\ufe32' +
    '\ufe50\ufe51\ufe52\ufe54\ufe55\ufe56\ufe57\uff01\uff0c\uff0e\uff1a\uff1b\uff1f\uff61\uff64',
);

export interface Segment {
  /** `clause-mark`: one of {@link ESPEAK_CLAUSE_MARKS}, silent. */
  kind: 'word' | 'punctuation' | 'clause-mark';
  text: string;
  whitespace: string;
}

/**
 * Words (runs of characters that are neither whitespace nor marks) and punctuation (runs of
 * marks), each with the whitespace that follows it. Leading whitespace is dropped, so
 * `text + whitespace` over all segments rebuilds the input without its leading whitespace.
 */
export function segmentText(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of text.matchAll(SEGMENT_PATTERN)) {
    const [, space, word, marks, clauseMarks] = match;
    if (space !== undefined) {
      const last = segments.at(-1);
      if (last) last.whitespace += space;
    } else if (word !== undefined) segments.push({ kind: 'word', text: word, whitespace: '' });
    else if (marks !== undefined) segments.push({ kind: 'punctuation', text: marks, whitespace: '' });
    else if (clauseMarks !== undefined)
      segments.push({ kind: 'clause-mark', text: clauseMarks, whitespace: '' });
  }
  return segments;
}

function characterClass(chars: Iterable<string>): string {
  return [...chars].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

const MARKS = characterClass(PUNCTUATION_MARKS);
const CLAUSE_MARKS = characterClass(ESPEAK_CLAUSE_MARKS);
/** Whitespace | a word | a run of phonemizer's marks | a run of espeak's clause marks. */
const SEGMENT_PATTERN = new RegExp(
  `(\\s+)|([^\\s${MARKS}${CLAUSE_MARKS}]+)|([${MARKS}]+)|([${CLAUSE_MARKS}]+)`,
  'gu',
);

/**
 * What misaki's espeak path emits for a run of marks (§4): `«`→`“`, `»`→`”` before phonemizer,
 * `(` `)` survive as themselves; every mark is kept as is otherwise (the vocabulary check later
 * drops `¡ ¿ { } [ ]`, which the model would drop silently).
 */
export function punctuationPhonemes(marks: string): string {
  return marks.replaceAll('«', '“').replaceAll('»', '”');
}

/**
 * Characters espeak must not see: control and format characters (NUL would end its input early,
 * U+202E reorders text), lone surrogates and non-characters. They carry no sound. Text is NFC
 * first, so decomposed accents read like precomposed ones.
 */
export function cleanForEspeak(word: string): string {
  return word.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '');
}
