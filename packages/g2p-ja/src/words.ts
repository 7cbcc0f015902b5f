/**
 * Parses misaki's `ja_words.txt` (one word a line, UTF-8; spec g2p.md §5.2 step 3) into the list
 * `createJapaneseG2P({ words })` takes. Blank lines are skipped and lines are trimmed.
 */
export function parseJaWords(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const word = line.trim();
    if (word !== '') out.push(word);
  }
  return out;
}

/** A set of words, looked up by exact match. */
export interface WordList {
  has(word: string): boolean;
  /** The longest word, in UTF-16 code units (no longer join can match). */
  readonly maxLength: number;
  readonly size: number;
}

/**
 * The words (trimmed, blank lines dropped) as one sorted string with an offset table, searched
 * by bisection: about 2 MB for misaki's 147,570 words, where a `Set<string>` takes about 10 MB
 * of heap.
 */
export function createWordList(words: Iterable<string>): WordList {
  const unique = new Set<string>();
  for (const line of words) {
    const word = String(line).trim();
    if (word !== '') unique.add(word);
  }
  const sorted = [...unique].sort();
  unique.clear();
  const text = sorted.join('\n');
  const starts = new Uint32Array(sorted.length + 1);
  let maxLength = 0;
  let at = 0;
  sorted.forEach((word, i) => {
    starts[i] = at;
    at += word.length + 1;
    maxLength = Math.max(maxLength, word.length);
  });
  starts[sorted.length] = at;
  const size = sorted.length;
  /** Compares `word` with entry `i` in UTF-16 order, as the sort did. */
  const compare = (word: string, i: number): number => {
    const start = starts[i] as number;
    const length = (starts[i + 1] as number) - 1 - start;
    const n = Math.min(word.length, length);
    for (let k = 0; k < n; k++) {
      const diff = word.charCodeAt(k) - text.charCodeAt(start + k);
      if (diff !== 0) return diff;
    }
    return word.length - length;
  };
  return {
    maxLength,
    size,
    has(word) {
      let lo = 0;
      let hi = size - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const order = compare(word, mid);
        if (order === 0) return true;
        if (order < 0) hi = mid - 1;
        else lo = mid + 1;
      }
      return false;
    },
  };
}
