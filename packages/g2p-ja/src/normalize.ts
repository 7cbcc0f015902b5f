/**
 * Text normalisation of misaki's cutlet path (spec g2p.md §5.2 step 1), done so that every
 * normalised character remembers where it came from: tokens must carry their source text.
 *
 * The text is cut into clusters (a character plus the combining marks after it, including the
 * half-width (han)dakuten ﾞ ﾟ); each cluster is normalised on its own:
 * - `〜`/`～` before a digit → から (a range: 3〜5 → 3から5);
 * - the small katakana ㇰ…ㇿ → full-size katakana;
 * - Unicode NFKC, which also turns full-width ASCII into ASCII and half-width katakana into
 *   full-width (what misaki's mojimoji calls do after NFKC).
 * Digit runs are read by the G2P itself (num2kana), not here.
 */

const SMALL_KATAKANA_EXTENSIONS: Readonly<Record<string, string>> = {
  ㇰ: 'ク',
  ㇱ: 'シ',
  ㇲ: 'ス',
  ㇳ: 'ト',
  ㇴ: 'ヌ',
  ㇵ: 'ハ',
  ㇶ: 'ヒ',
  ㇷ: 'フ',
  ㇸ: 'ヘ',
  ㇹ: 'ホ',
  ㇺ: 'ム',
  ㇻ: 'ラ',
  ㇼ: 'リ',
  ㇽ: 'ル',
  ㇾ: 'レ',
  ㇿ: 'ロ',
};

const COMBINING = /^[\p{M}\uFF9E\uFF9F]$/u;
const WAVE_DASH = /^[〜～]$/;

export interface SourceRange {
  start: number;
  end: number;
}

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of `text`, the index into `ranges` of the cluster it came from. */
  origin: number[];
  /** Source ranges (UTF-16 offsets into the input) of the clusters. */
  ranges: SourceRange[];
}

function clusters(source: string): SourceRange[] {
  const out: SourceRange[] = [];
  let index = 0;
  for (const char of source) {
    const last = out[out.length - 1];
    if (last !== undefined && COMBINING.test(char)) last.end = index + char.length;
    else out.push({ start: index, end: index + char.length });
    index += char.length;
  }
  return out;
}

function isDigitCluster(text: string | undefined): boolean {
  return text !== undefined && /^\p{Nd}/u.test(text.normalize('NFKC'));
}

/** Normalises `source` as spec §5.2 step 1 says, keeping the origin of every character. */
export function normalizeJapanese(source: string): NormalizedText {
  const ranges = clusters(source);
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i] as SourceRange;
    let piece = source.slice(range.start, range.end);
    const next = ranges[i + 1];
    if (WAVE_DASH.test(piece) && isDigitCluster(next && source.slice(next.start, next.end))) piece = 'から';
    else piece = (SMALL_KATAKANA_EXTENSIONS[piece[0] ?? ''] ?? piece[0] ?? '') + piece.slice(1);
    piece = piece.normalize('NFKC');
    text += piece;
    for (let k = 0; k < piece.length; k++) origin.push(i);
  }
  return { text, origin, ranges };
}
