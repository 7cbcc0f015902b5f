/**
 * Readings the way pypinyin 0.53.0 gives them to misaki's v1.0 path
 * (`lazy_pinyin(word, Style.TONE3, neutral_tone_with_five=True)`, spec g2p.md §6.1), from
 * pypinyin's own two dictionaries. This is a re-implementation of its algorithm
 * (`core.py`, `converter.py`, `seg/mmseg.py`, `style/tone.py`, `contrib/neutral_tone.py`):
 *
 * 1. The word is cut by pypinyin's forward matching over the phrase keys (`cutPhrases`).
 * 2. A piece that is a phrase key takes the first reading of each of its characters' lists;
 *    any other piece is read character by character, each with its first (most common)
 *    reading in the single-character dictionary. A character with no reading is kept as is
 *    (pypinyin's `errors='default'`).
 * 3. Tone marks become a trailing digit (`TONE3`); a syllable without one gets `5`.
 */
import { G2PError } from '@kokoro-kit/core';

/** pypinyin's dictionaries as its JSON files hold them (pinned copies: see the README). */
export interface PypinyinDictionaries {
  /**
   * `pinyin_dict.json`: a code point as a decimal string → its readings in tone-mark form,
   * comma-separated, most common first (`"20102": "le,liǎo,liào"` for 了).
   */
  singles: Readonly<Record<string, string>>;
  /** `phrases_dict.json`: a phrase → one list of readings per character (`一起: [['yì'], ['qǐ']]`). */
  phrases: Readonly<Record<string, readonly (readonly string[])[]>>;
}

/** The file names pypinyin gives its two dictionaries (in `pypinyin/` of its repository). */
export const PYPINYIN_DICTIONARY_FILES = {
  singles: 'pinyin_dict.json',
  phrases: 'phrases_dict.json',
} as const;

/** Reads a word (a run of hanzi) as numbered-tone syllables, one per character. */
export interface PinyinReader {
  pinyin(word: string): string[];
}

/**
 * pypinyin's table of tone-marked letters (`phonetic_symbol.py`): letter + tone digit; `ü` is
 * written `v` in the numbered styles. The two-code-point keys (a combining mark after `m`/`ê`)
 * are matched before single letters.
 */
// biome-ignore format: one row per vowel, like pypinyin's table
const TONE_MARKED: Readonly<Record<string, string>> = {
  ā: 'a1', á: 'a2', ǎ: 'a3', à: 'a4',
  ē: 'e1', é: 'e2', ě: 'e3', è: 'e4',
  ō: 'o1', ó: 'o2', ǒ: 'o3', ò: 'o4',
  ī: 'i1', í: 'i2', ǐ: 'i3', ì: 'i4',
  ū: 'u1', ú: 'u2', ǔ: 'u3', ù: 'u4',
  ü: 'v', ǖ: 'v1', ǘ: 'v2', ǚ: 'v3', ǜ: 'v4',
  ń: 'n2', ň: 'n3', ǹ: 'n4',
  'm\u0304': 'm1', ḿ: 'm2', 'm\u0300': 'm4',
  'ê\u0304': 'ê1', ế: 'ê2', 'ê\u030C': 'ê3', ề: 'ê4',
};
const TONE_MARKED_PATTERN = new RegExp(
  Object.keys(TONE_MARKED)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'gu',
);
/** pypinyin's `RE_TONE3`: the tone digit moves to the end only in a plain a-z syllable. */
const DIGIT_INSIDE = /^([a-z]+)([1-4])([a-z]*)$/;

/**
 * A tone-mark reading → pypinyin's `TONE3` with `neutral_tone_with_five`: `zhōng` → `zhong1`,
 * `lǜ` → `lv4`, `ňg` → `ng3`, `le` → `le5`.
 */
export function toTone3(reading: string): string {
  const numbered = reading
    .normalize('NFC')
    .replace(TONE_MARKED_PATTERN, (mark) => TONE_MARKED[mark] as string);
  const inside = DIGIT_INSIDE.exec(numbered);
  if (inside !== null) return `${inside[1]}${inside[3]}${inside[2]}`;
  return /\d/.test(numbered) ? numbered : `${numbered}5`;
}

/**
 * Builds the reader (checks the dictionaries' shape; sorts the phrase keys once for the prefix
 * search). Throws `G2PError` `INVALID_LEXICON` if either dictionary is malformed.
 */
export function createPypinyinReader(dictionaries: PypinyinDictionaries): PinyinReader {
  const { singles, phrases } = checkDictionaries(dictionaries);
  // Keep only what pypinyin reads (lazy_pinyin takes the first reading of each list), in flat
  // maps: a third of the heap the parsed JSON takes, and the JSON itself can be collected.
  const firstSingles = new Map<number, string>();
  // for…in, not Object.entries: no 90,000 throwaway [key, value] pairs at load.
  for (const codePoint in singles) {
    const readings = singles[codePoint] as string;
    const comma = readings.indexOf(',');
    firstSingles.set(Number(codePoint), comma === -1 ? readings : readings.slice(0, comma));
  }
  const firstPhrases = new Map<string, string>();
  for (const phrase in phrases) {
    const lists = phrases[phrase] as readonly (readonly string[])[];
    let joined = lists[0]?.[0] ?? '';
    for (let i = 1; i < lists.length; i++) joined += ` ${lists[i]?.[0] ?? ''}`;
    firstPhrases.set(phrase, joined);
  }
  const cut = createPhraseCutter(firstPhrases);
  return {
    pinyin(word) {
      const syllables: string[] = [];
      for (const piece of cut(word)) {
        const phrase = firstPhrases.get(piece);
        if (phrase !== undefined) {
          for (const reading of phrase.split(' ')) syllables.push(toTone3(reading));
          continue;
        }
        for (const char of piece) {
          const reading = firstSingles.get(char.codePointAt(0) as number);
          syllables.push(reading === undefined ? char : toTone3(reading)); // errors='default': the character itself
        }
      }
      return syllables;
    },
  };
}

/**
 * pypinyin's `seg.mmseg` cutter (`Seg.cut` with `_no_non_phrases = True`), quirks included:
 * it extends a match one character at a time while the text so far is a prefix of some phrase;
 * at the first character that breaks the prefix, it emits the match if it is a phrase —
 * otherwise it emits every character read so far (including the breaking one) on its own and
 * restarts after them. A remainder that is a prefix to its end is emitted whole.
 */
export function createPhraseCutter(phrases: ReadonlyMap<string, unknown>): (text: string) => string[] {
  const keys = [...phrases.keys()].sort(); // UTF-16 order: every prefix sorts before its extensions
  const isPrefix = (text: string): boolean => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as string) < text) lo = mid + 1;
      else hi = mid;
    }
    return lo < keys.length && (keys[lo] as string).startsWith(text);
  };
  return (text) => {
    const chars = [...text];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let matched = '';
      let word = '';
      let end = start;
      for (; end < chars.length; end++) {
        word += chars[end];
        if (isPrefix(word)) {
          matched = word;
          continue;
        }
        if (matched !== '' && phrases.has(matched)) {
          pieces.push(matched);
          start = end;
        } else {
          pieces.push(...chars.slice(start, end + 1));
          start = end + 1;
        }
        break;
      }
      if (end === chars.length) {
        pieces.push(chars.slice(start).join(''));
        break;
      }
    }
    return pieces;
  };
}

function checkDictionaries(dictionaries: PypinyinDictionaries): PypinyinDictionaries {
  const { singles, phrases } = (dictionaries ?? {}) as Partial<PypinyinDictionaries>;
  if (!isPlainObject(singles) || !isPlainObject(phrases)) {
    throw new G2PError(
      'INVALID_LEXICON',
      "The pinyin dictionaries must be pypinyin's parsed pinyin_dict.json (singles) and phrases_dict.json (phrases) objects.",
    );
  }
  // Spot-check one entry of each: a full walk would cost more than the parse itself.
  const single = firstEntry(singles);
  const phrase = firstEntry(phrases);
  if (
    (single !== undefined && (!/^\d+$/.test(single[0]) || typeof single[1] !== 'string')) ||
    (phrase !== undefined &&
      (!Array.isArray(phrase[1]) ||
        phrase[1].length !== [...phrase[0]].length ||
        !Array.isArray(phrase[1][0])))
  ) {
    throw new G2PError(
      'INVALID_LEXICON',
      'The pinyin dictionaries do not look like pypinyin\'s: singles maps code points to "le,liǎo", ' +
        'phrases maps a phrase to one reading list per character ({ "一起": [["yì"], ["qǐ"]] }).',
    );
  }
  return { singles, phrases };
}

function firstEntry<T>(record: Readonly<Record<string, T>>): [string, T] | undefined {
  for (const key in record) return [key, record[key] as T];
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the two files' text (e.g. fetched in a browser) into `PypinyinDictionaries`. Throws
 * `G2PError` `INVALID_LEXICON` naming the file that is not JSON.
 */
export function parsePypinyinDictionaries(texts: { singles: string; phrases: string }): PypinyinDictionaries {
  const parse = (text: string, file: string): Record<string, never> => {
    try {
      return JSON.parse(text) as Record<string, never>;
    } catch (error) {
      throw new G2PError('INVALID_LEXICON', `pypinyin's ${file} is not valid JSON.`, { cause: error });
    }
  };
  const dictionaries = {
    singles: parse(texts.singles, PYPINYIN_DICTIONARY_FILES.singles),
    phrases: parse(texts.phrases, PYPINYIN_DICTIONARY_FILES.phrases),
  };
  checkDictionaries(dictionaries);
  return dictionaries;
}
