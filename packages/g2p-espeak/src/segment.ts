/**
 * Splitting text the way misaki's espeak path sees it (spec g2p.md §4): phonemizer's punctuation
 * marks cut the text into chunks; each chunk is phonemized on its own; the marks are put back.
 */

/** phonemizer's marks (`bootphon/phonemizer` `punctuation.py`; spec §4), plus `(` `)` which misaki maps to `«` `»`. */
export const PUNCTUATION_MARKS: ReadonlySet<string> = new Set(';:,.!?¡¿—…"«»“”(){}[]');

export interface Segment {
  kind: 'word' | 'punctuation';
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
  const pattern = /(\s+)|([^\s;:,.!?¡¿—…"«»“”(){}[\]]+)|([;:,.!?¡¿—…"«»“”(){}[\]]+)/gu;
  for (const match of text.matchAll(pattern)) {
    const [, space, word, marks] = match;
    if (space !== undefined) {
      const last = segments.at(-1);
      if (last) last.whitespace += space;
    } else if (word !== undefined) segments.push({ kind: 'word', text: word, whitespace: '' });
    else if (marks !== undefined) segments.push({ kind: 'punctuation', text: marks, whitespace: '' });
  }
  return segments;
}

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
