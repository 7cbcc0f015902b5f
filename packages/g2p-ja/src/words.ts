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
