/**
 * Text → tokens, and word → subtokens.
 *
 * misaki tokenises with spaCy (`en_core_web_sm`), then splits each spaCy token into subtokens
 * and groups subtokens not separated by whitespace into "words" (spec g2p.md §3.5). This module
 * approximates that with rules and produces directly the "words" misaki would look up: runs of
 * letters and digits with internal hyphens and apostrophes, dotted abbreviations, and
 * punctuation marks on their own. A later spaCy-like tokenizer can replace `tokenizeEnglish`
 * without touching the lookup (which only sees `TextToken`s and their subtokens).
 */

export type TextTokenKind =
  /** Letters and/or digits (a word, a number, or a mix such as `mp3`). */
  | 'word'
  /** `% & + @`: said as words (percent, and, plus, at). */
  | 'symbol'
  /** `$ £ €`: silent; the amount that follows gets the unit (g2p.ts `assignCurrency`). */
  | 'currency'
  /** Punctuation (kept, mapped or silent, see punctuation.ts). */
  | 'punct'
  /** Anything else (emoji, control and format characters, math symbols): no phonemes. */
  | 'other';

export interface TextToken {
  text: string;
  /** The whitespace that followed the token in the source ('' if none). */
  whitespace: string;
  kind: TextTokenKind;
  /** Offset of `text` in the source, in UTF-16 code units. */
  start: number;
  /** For quotation marks: whether this one opens or closes a quotation. */
  quote?: 'open' | 'close';
}

export interface TokenizeOptions {
  /**
   * Is this (apostrophe-initial) spelling a lexicon word? Lets `'cause`, `'em`, `'tis` stay
   * one word while `'Hello'` keeps its quotes. Without it, a leading apostrophe is a quote.
   */
  isWord?: (text: string) => boolean;
}

const ALNUM = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*`;
/**
 * A word: alphanumeric runs joined by a hyphen or an apostrophe, or by `.`/`,`/`:` between
 * digits (`1,000`, `12.34`, `12:34`: spaCy keeps these whole). Hyphens and apostrophes at the
 * edges are not part of it.
 */
const WORD_RE = new RegExp(
  String.raw`${ALNUM}(?:(?:[-'‘’]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{M}\p{N}]+)*`,
  'uy',
);
/** A dotted abbreviation, pieces of one or two letters: `U.S.A.`, `A.B.C`, `e.g.` (§3.7 step 3.3). */
const DOTTED_RE = /\p{L}{1,2}(?:\.\p{L}{1,2})+\.?(?![\p{L}\p{M}\p{N}])/uy;
const WHITESPACE_RE = /\s+/uy;
/** A minus sign or a decimal point directly before a digit. */
const NUMBER_PREFIX_RE = /-?\.?(?=\p{Nd})/uy;

/**
 * Abbreviations spaCy keeps together with their final dot (its tokenizer exceptions) and that
 * misaki's gold lexicon lists with the dot. `No.` is left out on purpose: spaCy does not keep it,
 * and "I said no. Then…" must not read "number". Like spaCy, the dot stays separate at the end
 * of the text (`…, etc.` ends with a full stop).
 */
const DOT_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Dr',
  'Mr',
  'Mrs',
  'Ms',
  'etc',
  'Etc',
  'Esq',
  'vs',
  'Vs',
]);

const SYMBOLS: ReadonlySet<string> = new Set(['%', '&', '+', '@']);
const CURRENCIES: ReadonlySet<string> = new Set(['$', '£', '€']);

/** Quotation marks whose direction is fixed by the character itself. */
const FIXED_QUOTES: Readonly<Record<string, 'open' | 'close'>> = {
  '“': 'open',
  '„': 'open',
  '‟': 'open',
  '‘': 'open',
  '‚': 'open',
  '«': 'open',
  '‹': 'open',
  '”': 'close',
  '’': 'close',
  '»': 'close',
  '›': 'close',
};
/** Quotation marks whose direction depends on their position. */
const STRAIGHT_QUOTES: ReadonlySet<string> = new Set(['"', "'"]);
const OPENERS = /[([{“‘«‹„—–-]/u;
const CLOSERS = /[.,;:!?)\]}”’»›…]/u;

interface ScanState {
  readonly text: string;
  readonly options: TokenizeOptions;
  /** Is a straight double / single quotation open (for position-ambiguous straight quotes)? */
  doubleOpen: boolean;
  /** Is a single quotation open? A plural's trailing apostrophe then closes it. */
  singleOpen: boolean;
}

/**
 * Splits text into tokens; each carries the whitespace after it, so
 * `tokens.map(t => t.text + t.whitespace).join('')` equals the input without its leading
 * whitespace (misaki left-strips its input too).
 */
export function tokenizeEnglish(text: string, options: TokenizeOptions = {}): TextToken[] {
  const tokens: TextToken[] = [];
  const state: ScanState = { text, options, doubleOpen: false, singleOpen: false };
  let pos = matchAt(WHITESPACE_RE, text, 0)?.length ?? 0;
  while (pos < text.length) {
    const token = scanToken(state, pos);
    token.whitespace = matchAt(WHITESPACE_RE, text, pos + token.text.length) ?? '';
    tokens.push(token);
    pos += token.text.length + token.whitespace.length;
  }
  return tokens;
}

function scanToken(state: ScanState, pos: number): TextToken {
  const { text, options } = state;
  const make = (length: number, kind: TextTokenKind): TextToken => ({
    text: text.slice(pos, pos + length),
    whitespace: '',
    kind,
    start: pos,
  });

  const dotted = matchAt(DOTTED_RE, text, pos);
  if (dotted !== undefined) return make(dotted.length, 'word');

  const word = matchAt(WORD_RE, text, pos);
  if (word !== undefined) return make(wordLength(state, pos, word), 'word');

  // "-7", ".5": a sign or a leading point starts a number (spaCy keeps them in the token).
  const sign = matchAt(NUMBER_PREFIX_RE, text, pos);
  if (sign !== undefined && sign !== '' && (pos === 0 || /[\s([{“"']/u.test(text[pos - 1] as string))) {
    const number = matchAt(WORD_RE, text, pos + sign.length);
    if (number !== undefined) return make(sign.length + number.length, 'word');
  }

  const char = String.fromCodePoint(text.codePointAt(pos) as number);
  if (isApostrophe(char) && options.isWord !== undefined) {
    const next = matchAt(WORD_RE, text, pos + char.length);
    if (next !== undefined && options.isWord(`'${next}`)) return make(char.length + next.length, 'word');
  }
  if (SYMBOLS.has(char)) return make(char.length, 'symbol');
  if (CURRENCIES.has(char)) return make(char.length, 'currency');
  if (FIXED_QUOTES[char] !== undefined || STRAIGHT_QUOTES.has(char)) {
    const token = make(char.length, 'punct');
    token.quote = quoteDirection(state, pos, char);
    return token;
  }
  if (/\p{P}/u.test(char)) {
    const token = make(repeatLength(text, pos, char), 'punct');
    if (/[.!?…]/u.test(char)) state.singleOpen = false;
    return token;
  }
  return make(otherLength(text, pos), 'other');
}

/**
 * Opening or closing? Curly and angle quotes say it themselves. A straight quote opens after a
 * space (or an opening bracket or dash) before a non-space, closes after a non-space before a
 * space or punctuation, and otherwise alternates.
 */
function quoteDirection(state: ScanState, pos: number, char: string): 'open' | 'close' {
  const fixed = FIXED_QUOTES[char];
  let direction: 'open' | 'close';
  if (fixed !== undefined) {
    direction = fixed;
  } else {
    const before = pos === 0 ? undefined : state.text[pos - 1];
    const after = state.text[pos + 1];
    const openBefore = before === undefined || /\s/u.test(before) || OPENERS.test(before);
    const closeAfter = after === undefined || /\s/u.test(after) || CLOSERS.test(after);
    const isOpen = char === '"' ? state.doubleOpen : state.singleOpen;
    if (openBefore && !closeAfter) direction = 'open';
    else if (!openBefore && closeAfter) direction = 'close';
    else direction = isOpen ? 'close' : 'open';
  }
  if (char === '"' || char === '“' || char === '”' || char === '„') state.doubleOpen = direction === 'open';
  else if (char === "'" || char === '‘' || char === '’' || char === '‚')
    state.singleOpen = direction === 'open';
  return direction;
}

/** Adds a possessive apostrophe (`James'`) or an abbreviation dot (`Dr.`) to a word. */
function wordLength(state: ScanState, pos: number, word: string): number {
  const { text } = state;
  const end = pos + word.length;
  const next = text[end];
  if (next === '.' && DOT_ABBREVIATIONS.has(word) && textFollowsOnLine(text, end + 1)) return word.length + 1;
  // A plural's apostrophe is possessive unless it closes an open single quotation
  // ('the dogs' vs the dogs' bowl).
  if (
    (next === "'" || next === '’') &&
    /[sS]$/.test(word) &&
    !isWordChar(text, end + 1) &&
    !state.singleOpen
  ) {
    return word.length + 1;
  }
  return word.length;
}

function textFollowsOnLine(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\n') return false;
    if (!/\s/u.test(char)) return true;
  }
  return false;
}

function isWordChar(text: string, pos: number): boolean {
  const code = text.codePointAt(pos);
  return code !== undefined && /[\p{L}\p{N}]/u.test(String.fromCodePoint(code));
}

/** Marks whose runs form one token (`...`, `!!!`, `--`); brackets and others stay single. */
const REPEATABLE: ReadonlySet<string> = new Set([
  '.',
  '!',
  '?',
  '-',
  '–',
  '—',
  '…',
  '*',
  '#',
  '~',
  '_',
  '=',
  '/',
]);

/** Runs of one repeated punctuation mark are one token (`...`, `!!!`). */
function repeatLength(text: string, pos: number, char: string): number {
  let end = pos + char.length;
  if (!REPEATABLE.has(char)) return end - pos;
  while (text.startsWith(char, end)) end += char.length;
  return end - pos;
}

/** Consecutive "other" characters (an emoji sequence, control characters) form one token. */
function otherLength(text: string, pos: number): number {
  let end = pos;
  while (end < text.length) {
    const char = String.fromCodePoint(text.codePointAt(end) as number);
    if (end > pos && !isOther(text, end, char)) break;
    end += char.length;
  }
  return end - pos;
}

function isOther(text: string, pos: number, char: string): boolean {
  if (/[\s\p{P}]/u.test(char) || SYMBOLS.has(char) || CURRENCIES.has(char)) return false;
  return !isWordChar(text, pos);
}

function isApostrophe(char: string): boolean {
  return char === "'" || char === '’' || char === '‘';
}

function matchAt(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/**
 * misaki's subtoken pattern (`misaki/en.py` L57, spec §3.5): leading apostrophes, capitalised
 * word starts (`ABCWord`), digit runs, `-`/`_` runs, camelCase boundaries, letters with internal
 * apostrophes, any other single character, trailing apostrophes.
 */
const SUBTOKEN_RE =
  /^['‘’]+|\p{Lu}(?=\p{Lu}\p{Ll})|(?:^-)?(?:\p{Nd}?[,.]?\p{Nd})+|[-_]+|['‘’]{2,}|\p{L}*?(?:['‘’]\p{L})*?\p{Ll}(?=\p{Lu})|\p{L}+(?:['‘’]\p{L})*|[^-_\p{L}'‘’\p{Nd}]|['‘’]+$/gu;

/** Contraction endings spaCy splits off as tokens of their own (`do|n't`, `Cat|'s`, `we|'ll`). */
const CLITIC_RE = /(?<=\p{L})(?:n['’]t|['’](?:s|m|d|ll|re|ve))$/iu;

/**
 * A word → the subtokens misaki would see: spaCy's contraction split, then misaki's subtoken
 * pattern on each piece. Joined, the subtokens rebuild the word except for characters the
 * pattern skips (as in misaki).
 */
export function splitSubtokens(word: string): string[] {
  const clitic = CLITIC_RE.exec(word);
  const pieces = clitic === null ? [word] : [word.slice(0, clitic.index), clitic[0]];
  return pieces.flatMap((piece) => piece.match(SUBTOKEN_RE) ?? []);
}
