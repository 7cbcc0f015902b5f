/**
 * misaki's inline overrides (`preprocess`, spec g2p.md §3.4): `[text](feature)` is replaced by
 * `text`, and `feature` applies to the tokens of `text`:
 *
 * - `/phonemes/` — literal phonemes (rating 5) for the whole text;
 * - an integer with optional sign, `0.5`, `+0.5`, `-0.5` — a stress override (`apply_stress`);
 * - `#flags#` — number flags `a`, `n`, `&` (§3.10);
 * - anything else — ignored (the text is kept).
 */

import type { G2PWarning } from '@kokoro-kit/core';
import { KOKORO_V1_SYMBOLS } from '@kokoro-kit/core';
import { toKokoroV1 } from './phonemes';

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

/**
 * misaki's LINK_REGEX, except that the text may not hold `[`: with misaki's `[^\]]+`, a stray
 * `[` earlier in the sentence made everything from it to the next link that link's text.
 */
const LINK_RE = /\[([^[\]]+)\]\(([^)]*)\)/g;

/** Removes the markup; returns the plain text, where each feature applies, and what was ignored or cut. */
export function parseMarkup(input: string): { text: string; spans: MarkupSpan[]; warnings: G2PWarning[] } {
  const warnings: G2PWarning[] = [];
  if (!input.includes('](')) return { text: input, spans: [], warnings };
  let text = '';
  const spans: MarkupSpan[] = [];
  let last = 0;
  for (const match of input.matchAll(LINK_RE)) {
    const [whole, inner = '', raw = ''] = match;
    text += input.slice(last, match.index);
    const feature = checkFeature(whole, inner, parseFeature(raw), warnings);
    if (feature !== undefined) spans.push({ start: text.length, end: text.length + inner.length, feature });
    text += inner;
    last = match.index + whole.length;
  }
  text += input.slice(last);
  return { text, spans, warnings };
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

/**
 * A feature as it can be used, saying what was not: an unknown feature and phonemes with no
 * symbol the model knows are ignored (the text is read as usual); unknown symbols are cut.
 */
function checkFeature(
  whole: string,
  inner: string,
  feature: MarkupFeature | undefined,
  warnings: G2PWarning[],
): MarkupFeature | undefined {
  const ignore = (why: string) => {
    warnings.push({
      kind: 'markup',
      text: whole,
      message: `Ignored ${whole}: ${why}; "${inner}" is read as usual.`,
    });
    return undefined;
  };
  if (feature === undefined)
    return ignore('a feature is /phonemes/, a stress such as 2, -1 or 0.5, or #number flags#');
  if (feature.kind !== 'phonemes') return feature;
  const chars = [...feature.phonemes];
  const known = chars.filter((c) => KOKORO_V1_SYMBOLS.has(toKokoroV1(c)));
  if (known.join('').trim() === '') return ignore('it gives no phonemes the Kokoro vocabulary has');
  if (known.length < chars.length) {
    const dropped = chars.filter((c) => !KOKORO_V1_SYMBOLS.has(toKokoroV1(c)));
    warnings.push({
      kind: 'unsupported-char',
      text: inner,
      message: `Dropped ${dropped.map((c) => JSON.stringify(c)).join(', ')} from the phonemes of ${whole}: not in the Kokoro vocabulary.`,
    });
  }
  return { kind: 'phonemes', phonemes: known.join('') };
}
