/**
 * misaki's Chinese punctuation mapping (spec g2p.md §6 step 2), one source character to a
 * Kokoro punctuation mark with the spaces misaki writes around it: `、 ，` → `, `; `。 ．` → `. `;
 * `！` → `! `; `：` → `: `; `；` → `; `; `？` → `? `; `« 《 「 【` → ` “`; `» 》 」 】` → `” `;
 * `（` → ` (`; `）` → `) `.
 */
export interface MappedPunctuation {
  /** The Kokoro symbol. */
  mark: string;
  /** Spaces misaki writes before / after it. */
  before: number;
  after: number;
}

const after = (mark: string): MappedPunctuation => ({ mark, before: 0, after: 1 });
const before = (mark: string): MappedPunctuation => ({ mark, before: 1, after: 0 });

export const PUNCTUATION_MAP: Readonly<Record<string, MappedPunctuation>> = {
  '、': after(','),
  '，': after(','),
  '。': after('.'),
  '．': after('.'),
  '！': after('!'),
  '：': after(':'),
  '；': after(';'),
  '？': after('?'),
  '«': before('“'),
  '《': before('“'),
  '「': before('“'),
  '【': before('“'),
  '»': after('”'),
  '》': after('”'),
  '」': after('”'),
  '】': after('”'),
  '（': before('('),
  '）': after(')'),
};

/** Punctuation in the Kokoro vocabulary that misaki copies through unchanged. */
export const KOKORO_PUNCTUATION: ReadonlySet<string> = new Set([
  ';',
  ':',
  ',',
  '.',
  '!',
  '?',
  '—',
  '…',
  '"',
  '(',
  ')',
  '“',
  '”',
]);
