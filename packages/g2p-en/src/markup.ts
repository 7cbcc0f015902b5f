/**
 * misaki's inline overrides (`preprocess`, spec g2p.md §3.4): `[text](feature)` is replaced by
 * `text`, and `feature` applies to the tokens of `text`:
 *
 * - `/phonemes/` — literal phonemes (rating 5) for the whole text;
 * - an integer with optional sign, `0.5`, `+0.5`, `-0.5` — a stress override (`apply_stress`);
 * - `#flags#` — number flags `a`, `n`, `&` (§3.10);
 * - anything else — ignored (the text is kept).
 */

export type MarkupFeature =
  | { kind: 'phonemes'; phonemes: string }
  | { kind: 'stress'; stress: number }
  | { kind: 'flags'; flags: string };

export interface MarkupSpan {
  /** Offsets in the plain text, UTF-16 code units. */
  start: number;
  end: number;
  feature: MarkupFeature;
}

/** misaki LINK_REGEX. */
const LINK_RE = /\[([^\]]+)\]\(([^)]*)\)/g;

/** Removes the markup; returns the plain text and where each feature applies. */
export function parseMarkup(input: string): { text: string; spans: MarkupSpan[] } {
  if (!input.includes('](')) return { text: input, spans: [] };
  let text = '';
  const spans: MarkupSpan[] = [];
  let last = 0;
  for (const match of input.matchAll(LINK_RE)) {
    const [whole, inner = '', raw = ''] = match;
    text += input.slice(last, match.index);
    const feature = parseFeature(raw);
    if (feature !== undefined) spans.push({ start: text.length, end: text.length + inner.length, feature });
    text += inner;
    last = match.index + whole.length;
  }
  text += input.slice(last);
  return { text, spans };
}

function parseFeature(raw: string): MarkupFeature | undefined {
  const unsigned = raw.startsWith('-') || raw.startsWith('+') ? raw.slice(1) : raw;
  if (/^[0-9]+$/.test(unsigned)) return { kind: 'stress', stress: Number.parseInt(raw, 10) };
  if (raw === '0.5' || raw === '+0.5') return { kind: 'stress', stress: 0.5 };
  if (raw === '-0.5') return { kind: 'stress', stress: -0.5 };
  if (raw.length > 1 && raw.startsWith('/') && raw.endsWith('/')) {
    return { kind: 'phonemes', phonemes: raw.slice(1).replace(/\/+$/, '') };
  }
  if (raw.length > 1 && raw.startsWith('#') && raw.endsWith('#')) {
    return { kind: 'flags', flags: raw.slice(1).replace(/#+$/, '') };
  }
  return undefined;
}
