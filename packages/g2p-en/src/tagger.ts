/**
 * A small rule-based part-of-speech tagger: Penn Treebank tags for the words misaki's rules
 * look at (spec g2p.md §3.14). misaki gets its tags from spaCy's `en_core_web_sm`; this tagger
 * does not try to tag everything well, only to make the decisions those tags drive:
 *
 * - heteronyms with POS-keyed gold entries (`read` VBD/VBP vs VB, `live`/`record`/`object`/
 *   `close`/`use` verb vs noun, `minute`/`bass`/`close` adjective before a noun, `wound`);
 * - the function words (`a` DT, `that` DT, `by` RB at a clause end, `am`/`AM` after a number,
 *   `used` before `to`);
 * - `NNP` for ALL-CAPS words (acronyms are spelled) and `CD` for numbers (currency wiring).
 *
 * Method: a closed-class lexicon (determiners, pronouns, auxiliaries, prepositions…), a few
 * suffix cues, then context rules for open-class words based on the previous and next word.
 * Measured against spaCy's tags in the fixtures and a heteronym set (see the README).
 */
import type { TextToken } from './tokenizer';

const CLOSED: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  const add = (tag: string, words: string) => {
    for (const w of words.split(' ')) table[w] = tag;
  };
  add('DT', 'the a an this these those every each some any no another all both either neither');
  add('PRP$', 'my your his its our their whose');
  add(
    'PRP',
    'i you he she it we they me him us them myself yourself himself herself itself ourselves themselves',
  );
  add(
    'MD',
    "will would can could shall should may might must 'll wo ca can't won't wouldn't couldn't shouldn't mustn't cannot i'll you'll he'll she'll we'll they'll it'll i'd you'd he'd she'd we'd they'd",
  );
  add('TO', 'to');
  add(
    'IN',
    'of in on at by for with from about into onto over under after before between through during without within against among since until upon across behind beyond near than as if because while though although whether per via vs vs. toward towards',
  );
  add('CC', 'and or but nor');
  add(
    'RB',
    "not n't never always often now then here there too still already soon yesterday today tomorrow again also just very really quite only even ever away",
  );
  add('VBZ', "is has does 's");
  add('VBP', "are am have do 're 'm 've");
  add('VBD', 'was were had did');
  add('VB', 'be');
  add('VBN', 'been');
  add('VBG', 'being having');
  add('WP', 'who what whom');
  add('WDT', 'which');
  add('WRB', 'when where why how');
  add('UH', 'hello hi oh yes yeah ok okay please');
  add(
    'CD',
    'zero one two three four five six seven eight nine ten hundred thousand million billion trillion',
  );
  return table;
})();

const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'who']);
const THIRD_SINGULAR: ReadonlySet<string> = new Set(['he', 'she', 'it']);
const DO_FORMS: ReadonlySet<string> = new Set([
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  "didn't",
  'let',
  "let's",
  'please',
]);
const HAVE_FORMS: ReadonlySet<string> = new Set([
  'have',
  'has',
  'had',
  "'ve",
  'having',
  "haven't",
  "hasn't",
  "hadn't",
  "i've",
  "you've",
  "we've",
  "they've",
]);
const BE_FORMS: ReadonlySet<string> = new Set([
  'be',
  'is',
  'are',
  'was',
  'were',
  'am',
  'been',
  'being',
  "'s",
  "'re",
  "'m",
  "isn't",
  "aren't",
  "i'm",
  "you're",
  "we're",
  "they're",
  "he's",
  "she's",
  "it's",
  "wasn't",
  "weren't",
  'seems',
  'seemed',
  'looks',
  'felt',
  'feel',
  'became',
  'become',
]);
const NOMINAL_BEFORE: ReadonlySet<string> = new Set(['DT', 'PRP$', 'JJ', 'CD', 'POS', 'IN']);
/** Subjects that make "be used to" mean "be accustomed to" (I'm used to it), with contractions. */
const PERSONAL_SUBJECTS: ReadonlySet<string> = new Set([
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  "i'm",
  "you're",
  "we're",
  "they're",
  "he's",
  "she's",
]);
/** After "used to", these start a noun phrase or a gerund: "accustomed to", not a purpose verb. */
const NOUN_PHRASE_START: ReadonlySet<string> = new Set(['DT', 'PRP', 'PRP$', 'VBG', 'CD', 'NNP', 'NNS']);

const IS_NUMERIC = /^[-+]?[0-9][0-9,.:-]*(?:s|st|nd|rd|th|'s)?$/i;

/** Tags for each token (`undefined` for punctuation and other non-words). */
export function tagTokens(tokens: readonly TextToken[]): (string | undefined)[] {
  const words = tokens.map((t) => (t.kind === 'word' ? t.text.replace(/[‘’]/g, "'") : undefined));
  const tags: (string | undefined)[] = words.map((w, i) => initialTag(w, tokens, i));
  for (let i = 0; i < tokens.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    tags[i] = contextTag(word, i, words, tags, tokens) ?? tags[i];
  }
  return tags;
}

function initialTag(word: string | undefined, tokens: readonly TextToken[], i: number): string | undefined {
  const token = tokens[i] as TextToken;
  if (token.kind === 'currency') return '$';
  if (token.kind === 'symbol') return 'SYM';
  if (word === undefined) return undefined;
  if (IS_NUMERIC.test(word)) return 'CD';
  const lower = word.toLowerCase();
  const closed = CLOSED[lower];
  const letters = /^\p{L}[\p{L}'.-]*$/u.test(word);
  const allCaps = letters && word.length > 1 && word === word.toUpperCase() && word !== lower;
  if (
    closed !== undefined &&
    !(allCaps && closed !== 'PRP' && closed !== 'DT' && closed !== 'TO' && closed !== 'IN')
  )
    return closed;
  if (allCaps) return 'NNP';
  if (letters && word[0] !== lower[0] && !sentenceStart(tokens, i)) return 'NNP';
  if (/ly$/.test(lower) && lower.length > 4) return 'RB';
  if (/ing$/.test(lower) && lower.length > 4) return 'VBG';
  if (/ed$/.test(lower) && lower.length > 3) return 'VBD';
  if (/[^s']s$/.test(lower) && lower.length > 3) return 'NNS';
  return 'NN';
}

function sentenceStart(tokens: readonly TextToken[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j] as TextToken;
    if (t.kind === 'word') return false;
    if (/[.!?…:;]/u.test(t.text) || t.quote === 'open' || t.text === '(') return true;
  }
  return true;
}

/** The previous word within the clause (punctuation other than quotes stops the search). */
function previousWord(
  i: number,
  words: readonly (string | undefined)[],
  tokens: readonly TextToken[],
): number {
  for (let j = i - 1; j >= 0; j--) {
    if (words[j] !== undefined) return j;
    const t = tokens[j] as TextToken;
    if (t.quote === undefined) return -1;
  }
  return -1;
}

function nextWord(i: number, words: readonly (string | undefined)[], tokens: readonly TextToken[]): number {
  for (let j = i + 1; j < tokens.length; j++) {
    if (words[j] !== undefined) return j;
    const t = tokens[j] as TextToken;
    if (t.kind === 'currency') return j;
    if (t.quote === undefined && !isSilent(t)) return -1;
  }
  return -1;
}

/** Marks misaki gives no phonemes (`* / # _` …, emoji): they do not end a clause. */
function isSilent(token: TextToken): boolean {
  if (token.kind === 'other') return true;
  return token.kind === 'punct' && !/[;:,.!?—…()\-–]/u.test(token.text);
}

/**
 * "It is used to cut paper": the passive of "use" (VBN, spaCy's tag; read jˈuzd) rather than
 * "accustomed to" (JJ; read jˈust). Passive when the subject of the be-form is not a person
 * (I'm/we're used to … is the other sense) and "to" is followed by a bare verb with something
 * after it (not a noun phrase or a gerund, not the clause end).
 */
function passiveUsedTo(
  be: number,
  n: number,
  words: readonly (string | undefined)[],
  tags: readonly (string | undefined)[],
  tokens: readonly TextToken[],
): boolean {
  if (n === -1 || (words[n] as string).toLowerCase() !== 'to') return false;
  const beWord = (words[be] as string).toLowerCase();
  const s = previousWord(be, words, tokens);
  const subject = s === -1 ? undefined : (words[s] as string).toLowerCase();
  if (PERSONAL_SUBJECTS.has(beWord) || (subject !== undefined && PERSONAL_SUBJECTS.has(subject)))
    return false;
  const verb = nextWord(n, words, tokens);
  if (verb === -1 || NOUN_PHRASE_START.has(tags[verb] ?? '')) return false;
  return nextWord(verb, words, tokens) !== -1;
}

function contextTag(
  word: string,
  i: number,
  words: readonly (string | undefined)[],
  tags: readonly (string | undefined)[],
  tokens: readonly TextToken[],
): string | undefined {
  const lower = word.toLowerCase();
  const p = previousWord(i, words, tokens);
  const n = nextWord(i, words, tokens);
  const prev = p === -1 ? undefined : (words[p] as string).toLowerCase();
  const prevTag = p === -1 ? undefined : tags[p];
  const nextTag = n === -1 ? undefined : tags[n];
  const own = tags[i];

  switch (lower) {
    case 'a':
      // "Plan A." / "vitamin A" at a clause end: a noun, not the article.
      return n === -1 || nextTag === 'CC' ? 'NN' : 'DT';
    case 'that':
      if (n === -1 || p === -1) return 'DT';
      if (prevTag?.startsWith('NN')) return 'WDT';
      if (nextTag !== undefined && nextTag !== 'NN' && nextTag !== 'NNS' && nextTag !== 'JJ') return 'IN';
      return 'DT';
    case 'by':
      return n === -1 ? 'RB' : 'IN';
    case 'in':
      return n === -1 ? 'RP' : 'IN';
    case 'am':
      // "5 am", "at 9 AM": the time abbreviation (spelled by misaki).
      return prevTag === 'CD' ? 'NN' : word === 'AM' && prev !== 'i' ? 'NNP' : 'VBP';
    case 'used':
      if (prev !== undefined && BE_FORMS.has(prev))
        return passiveUsedTo(p, n, words, tags, tokens) ? 'VBN' : 'JJ';
      if (prev !== undefined && (SUBJECT_PRONOUNS.has(prev) || prevTag?.startsWith('NN'))) return 'VBD';
      return 'VBN';
    case 'us':
    case 'it':
      if (word === word.toUpperCase() && (prevTag === 'DT' || prevTag === 'IN' || prevTag === 'JJ'))
        return 'NNP';
      return own;
  }
  if (own !== 'NN' && own !== 'NNS' && own !== 'VBD') return undefined;
  if (own === 'NNS') {
    // "He lives here", "she tears it": a verb after a subject; otherwise a plural noun.
    return prevTag === 'PRP' && prev !== undefined && SUBJECT_PRONOUNS.has(prev) ? 'VBZ' : undefined;
  }

  // Open-class words: verb, noun or adjective from the neighbours.
  if (prev === undefined) {
    // Clause start: an imperative before an object ("Record this.", "Close the door.").
    if (nextTag === 'DT' || nextTag === 'PRP$' || nextTag === 'PRP' || nextTag === 'CD') return 'VB';
    return own;
  }
  if (prevTag === 'MD' || prevTag === 'TO' || DO_FORMS.has(prev) || prev === 'not' || prev === "n't")
    return 'VB';
  if (HAVE_FORMS.has(prev)) return 'VBN';
  if (prevTag === 'PRP' && SUBJECT_PRONOUNS.has(prev)) {
    const pp = previousWord(p, words, tokens);
    const before = pp === -1 ? undefined : (words[pp] as string).toLowerCase();
    // "Did you read it?", "Can they live here?": the bare verb.
    if (before !== undefined && (tags[pp] === 'MD' || DO_FORMS.has(before))) return 'VB';
    if (own === 'VBD') return 'VBD';
    return THIRD_SINGULAR.has(prev) ? 'VBD' : 'VBP';
  }
  if (BE_FORMS.has(prev)) {
    if (own === 'VBD') return 'VBN';
    if (n !== -1 && (nextTag === 'NN' || nextTag === 'NNS')) return 'JJ';
    return 'JJ';
  }
  if (prevTag !== undefined && NOMINAL_BEFORE.has(prevTag)) {
    // "the live show", "a minute detail": an adjective before a noun; else the noun itself.
    if (n !== -1 && (nextTag === 'NN' || nextTag === 'NNS') && own !== 'VBD') return 'JJ';
    return own === 'VBD' ? 'VBN' : 'NN';
  }
  if (n === -1 && prevTag === 'NN' && previousWord(p, words, tokens) === -1) {
    // "Stay close.", "Hold tight.": after a clause-initial (imperative) verb, a complement.
    return 'RB';
  }
  if (prevTag === 'NNS' || (prevTag === 'NNP' && n !== -1 && nextTag !== 'NN'))
    return own === 'VBD' ? 'VBD' : 'VBP';
  return own;
}
