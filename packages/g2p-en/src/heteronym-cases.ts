/**
 * Heteronym test set: sentences whose reading of one word depends on its part of speech, with
 * the variant of the gold entry (spec g2p.md §3.2) the grammar calls for and why. Used by
 * `tagger.test.ts` and `scripts/bench-accuracy.ts` to measure the tagger where it matters.
 * The variant is what misaki would pick given the Penn tag a careful annotator (and, in these
 * plain sentences, spaCy) assigns; `DEFAULT` where the tag maps to no key of the entry.
 */
export interface HeteronymCase {
  text: string;
  word: string;
  variant: string;
  why: string;
}

export const HETERONYM_CASES: readonly HeteronymCase[] = [
  { text: 'I read 25 books in 2024.', word: 'read', variant: 'VBD', why: 'past tense, dated' },
  { text: 'He read the report yesterday.', word: 'read', variant: 'VBD', why: 'past tense' },
  { text: 'She has read every page.', word: 'read', variant: 'VBN', why: 'participle after has' },
  { text: 'I will read it tomorrow.', word: 'read', variant: 'DEFAULT', why: 'VB after a modal' },
  { text: 'Did you read the letter?', word: 'read', variant: 'DEFAULT', why: 'VB after do-support' },
  { text: 'Read the instructions first.', word: 'Read', variant: 'DEFAULT', why: 'imperative VB' },
  { text: 'I want to read more.', word: 'read', variant: 'DEFAULT', why: 'infinitive VB' },
  { text: 'We live in London.', word: 'live', variant: 'VERB', why: 'finite verb after a subject' },
  { text: 'They live here.', word: 'live', variant: 'VERB', why: 'finite verb' },
  { text: 'The band played a live concert.', word: 'live', variant: 'DEFAULT', why: 'JJ; no ADJ key' },
  { text: 'The live show starts now.', word: 'live', variant: 'DEFAULT', why: 'JJ before a noun' },
  { text: 'Please record the meeting.', word: 'record', variant: 'VERB', why: 'imperative' },
  { text: 'She broke the world record.', word: 'record', variant: 'DEFAULT', why: 'noun' },
  { text: 'That record is old.', word: 'record', variant: 'DEFAULT', why: 'noun after DT' },
  { text: 'I object to that.', word: 'object', variant: 'VERB', why: 'finite verb' },
  {
    text: 'They object to the plan.',
    word: 'object',
    variant: 'VERB',
    why: 'finite verb after a plural subject',
  },
  { text: 'The object is heavy.', word: 'object', variant: 'DEFAULT', why: 'noun' },
  { text: 'Wind the clock before bed.', word: 'Wind', variant: 'VERB', why: 'imperative' },
  { text: 'The wind is cold.', word: 'wind', variant: 'DEFAULT', why: 'noun' },
  { text: 'A tear rolled down her cheek.', word: 'tear', variant: 'DEFAULT', why: 'noun' },
  { text: "Don't tear the paper.", word: 'tear', variant: 'VERB', why: "VB after don't" },
  { text: 'Please close the window.', word: 'close', variant: 'VERB', why: 'imperative' },
  { text: 'The store is close to home.', word: 'close', variant: 'DEFAULT', why: 'JJ after be' },
  { text: 'We reached the close of the day.', word: 'close', variant: 'NOUN', why: 'noun (the end)' },
  { text: 'I use a pen.', word: 'use', variant: 'DEFAULT', why: 'finite verb; no VERB key' },
  { text: 'What is the use of it?', word: 'use', variant: 'NOUN', why: 'noun' },
  { text: 'Wait a minute.', word: 'minute', variant: 'DEFAULT', why: 'noun' },
  { text: 'He found a minute crack.', word: 'minute', variant: 'ADJ', why: 'JJ before a noun' },
  { text: 'He caught a bass.', word: 'bass', variant: 'DEFAULT', why: 'noun (the fish)' },
  { text: 'The wound healed slowly.', word: 'wound', variant: 'DEFAULT', why: 'noun' },
  { text: 'She wound the rope around the post.', word: 'wound', variant: 'VBD', why: 'past of wind' },
  { text: 'The content is free.', word: 'content', variant: 'NOUN', why: 'noun' },
  { text: 'She seemed content.', word: 'content', variant: 'DEFAULT', why: 'JJ after a copula' },
  { text: 'They present the award.', word: 'present', variant: 'VERB', why: 'finite verb' },
  { text: 'The present was wrapped.', word: 'present', variant: 'DEFAULT', why: 'noun' },
  {
    text: 'Prices increase every year.',
    word: 'increase',
    variant: 'DEFAULT',
    why: 'verb after a plural subject',
  },
  { text: 'The increase was small.', word: 'increase', variant: 'NOUN', why: 'noun' },
  { text: 'We must project the costs.', word: 'project', variant: 'VERB', why: 'VB after a modal' },
  { text: 'The project is late.', word: 'project', variant: 'DEFAULT', why: 'noun' },
  { text: 'They conduct music.', word: 'conduct', variant: 'VERB', why: 'finite verb' },
  { text: 'His conduct changed.', word: 'conduct', variant: 'DEFAULT', why: 'noun after PRP$' },
  { text: 'That is a record.', word: 'That', variant: 'DT', why: 'demonstrative pronoun, spaCy DT' },
  { text: 'I know that you are here.', word: 'that', variant: 'DEFAULT', why: 'complementiser IN' },
  { text: 'The book that I read was long.', word: 'that', variant: 'DEFAULT', why: 'relative WDT' },
  { text: 'I used to live there.', word: 'used', variant: 'VBD', why: 'habitual used to' },
  { text: 'We used the tools.', word: 'used', variant: 'DEFAULT', why: 'not followed by to' },
  {
    text: 'It is used to cut paper.',
    word: 'used',
    variant: 'DEFAULT',
    why: 'passive be used to + verb (VBN)',
  },
  { text: 'This tool is used to make bread.', word: 'used', variant: 'DEFAULT', why: 'passive (VBN)' },
  { text: "I'm used to the noise.", word: 'used', variant: 'VBD', why: 'JJ (accustomed) before to' },
  { text: 'She is used to working late.', word: 'used', variant: 'VBD', why: 'JJ before to + gerund' },
  { text: 'They house the refugees.', word: 'house', variant: 'VERB', why: 'finite verb' },
  { text: 'The house is big.', word: 'house', variant: 'DEFAULT', why: 'noun' },
  { text: 'Do not desert me.', word: 'desert', variant: 'VERB', why: 'VB after not' },
  { text: 'The desert is hot.', word: 'desert', variant: 'DEFAULT', why: 'noun' },
  { text: 'Take out the refuse.', word: 'refuse', variant: 'NOUN', why: 'noun at the clause end' },
  { text: 'I refuse to go.', word: 'refuse', variant: 'DEFAULT', why: 'verb' },
  { text: 'That is a poor excuse.', word: 'excuse', variant: 'NOUN', why: 'noun' },
  { text: 'They lead quiet lives.', word: 'lives', variant: 'DEFAULT', why: 'plural noun' },
  { text: 'She lives nearby.', word: 'lives', variant: 'VERB', why: 'VBZ after a subject' },
  { text: 'They record every session.', word: 'record', variant: 'VERB', why: 'finite verb' },
  {
    text: 'The students read quietly.',
    word: 'read',
    variant: 'VBP',
    why: 'finite verb after a plural noun',
  },
  { text: 'Can you close the door?', word: 'close', variant: 'VERB', why: 'VB in a modal question' },
  { text: 'It was a close game.', word: 'close', variant: 'DEFAULT', why: 'JJ before a noun' },
  { text: "I can't live here.", word: 'live', variant: 'VERB', why: "VB after can't" },
  { text: "I've read it.", word: 'read', variant: 'VBN', why: "participle after I've" },
  { text: 'Stay close.', word: 'close', variant: 'DEFAULT', why: 'complement of an imperative (RB/JJ)' },
  { text: 'Make good use of it.', word: 'use', variant: 'NOUN', why: 'noun after an adjective' },
];

export interface HeteronymScore {
  correct: number;
  total: number;
  misses: string[];
}

/**
 * Phonemizes every case and checks the word's phonemes against the gold variant (after the
 * v1.0 rewrite). `gold` is the dialect's gold map (en-US: all cases have their variant there).
 */
/** One heteronym case scored: the phonemes given and the gold variant wanted. */
export interface HeteronymResult {
  case: HeteronymCase;
  ok: boolean;
  got: string | undefined;
  expected: string | undefined;
}

/** Each case through `phonemize`, compared with its gold variant (flaps and glottal stops as misaki's US output writes them). */
export async function heteronymResults(
  phonemize: (text: string) => Promise<{ text: string; phonemes: string }[]>,
  gold: ReadonlyMap<string, string | Readonly<Record<string, string | null>>>,
): Promise<HeteronymResult[]> {
  const results: HeteronymResult[] = [];
  for (const c of HETERONYM_CASES) {
    const entry = gold.get(c.word.toLowerCase());
    const want = typeof entry === 'object' && entry !== null ? (entry[c.variant] ?? entry.DEFAULT) : entry;
    const tokens = await phonemize(c.text);
    const got = tokens.find((t) => t.text === c.word)?.phonemes;
    const expected = want?.replaceAll('ɾ', 'T').replaceAll('ʔ', 't');
    results.push({
      case: c,
      ok: got !== undefined && expected !== undefined && got === expected,
      got,
      expected,
    });
  }
  return results;
}

export async function scoreHeteronyms(
  phonemize: (text: string) => Promise<{ text: string; phonemes: string }[]>,
  gold: ReadonlyMap<string, string | Readonly<Record<string, string | null>>>,
): Promise<HeteronymScore> {
  const results = await heteronymResults(phonemize, gold);
  const misses = results
    .filter((r) => !r.ok)
    .map(
      (r) =>
        `${r.case.text} [${r.case.word}]: got ${r.got}, want ${r.case.variant} ${r.expected} (${r.case.why})`,
    );
  return { correct: results.length - misses.length, total: results.length, misses };
}
