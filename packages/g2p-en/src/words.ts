/**
 * Resolving one word made of subtokens: misaki's span search, the clean-up of what is left and
 * the compound-stress rule (spec g2p.md §3.9).
 */
import { nextContext, type TokenContext } from './context';
import type { WordLookup } from './lookup';
import { applyStress, NON_QUOTE_PUNCTS, PRIMARY_STRESS, SUBTOKEN_JUNKS, stressWeight } from './phonemes';

export interface Subtoken {
  text: string;
  /** `null` until resolved; still `null` afterwards if nothing could say it. */
  phonemes: string | null;
  /** Set by the resolution step: join with a space before this part. */
  prespace?: boolean;
  /** The POS tag of the token it came from (Penn Treebank), if known. */
  tag?: string;
  /** First subtoken of its word (misaki `is_head`); later ones are not. */
  isHead?: boolean;
  /** Currency symbol this amount receives (§3.5 step 4). */
  currency?: string;
  /** Stress override from markup (§3.4). */
  stress?: number | null;
  /** Number flags from markup (§3.10). */
  numFlags?: string;
  /** Read as this word instead (misaki alias: `2` between letters → "to"). */
  alias?: string;
}

/**
 * Longest spans misaki would merge, in subtokens. Real words have a handful; the cap keeps
 * pathological input (thousands of camelCase humps) from making the search quadratic.
 */
const MAX_SPAN = 12;

/**
 * Resolves the subtokens of one word in place, right to left (§3.9 step 1): the longest known
 * suffix span first, then what remains on its left. Returns the context for the word before,
 * or `null` if `stopOnUnknown` is set and a subtoken could not be said (the caller then sends
 * the whole word to the fallback).
 */
export function resolveSubtokens(
  parts: Subtoken[],
  lookup: WordLookup,
  context: TokenContext,
  options: { stopOnUnknown?: boolean } = {},
): TokenContext | null {
  let ctx = context;
  let right = parts.length;
  let left = 0;
  while (left < right) {
    left = Math.max(left, right - MAX_SPAN);
    const span = parts.slice(left, right);
    const candidate = span.some((p) => p.phonemes !== null || p.alias !== undefined)
      ? null
      : span.map((p) => p.text).join('');
    const first = parts[left] as Subtoken;
    const tag = span.length === 1 ? first.tag : heaviestTag(span);
    const found =
      candidate === null
        ? null
        : lookup.lookup(candidate, tag, ctx, {
            isHead: first.isHead ?? left === 0,
            currency: span.find((p) => p.currency !== undefined)?.currency,
            stress: span.find((p) => p.stress != null)?.stress ?? null,
            numFlags: span.map((p) => p.numFlags ?? '').join(''),
          });
    if (found !== null && candidate !== null) {
      first.phonemes = found.phonemes;
      for (const part of parts.slice(left + 1, right)) part.phonemes = '';
      ctx = nextContext(ctx, found.phonemes, candidate, tag);
      right = left;
      left = 0;
    } else if (left + 1 < right) {
      left += 1;
    } else {
      right -= 1;
      const part = parts[right] as Subtoken;
      if (part.phonemes === null && isJunk(part.text)) part.phonemes = '';
      // With a fallback, misaki gives up on the word here and sends it whole (§3.9 step 1).
      else if (part.phonemes === null && options.stopOnUnknown) return null;
      left = 0;
    }
  }
  finishSubtokens(parts);
  return ctx;
}

/** misaki `resolve_tokens` (§3.9 steps 2–4). */
function finishSubtokens(parts: Subtoken[]): void {
  const text = parts.map((p) => p.text).join('');
  const classes = new Set<number>();
  for (const char of text) {
    if (SUBTOKEN_JUNKS.has(char)) continue;
    classes.add(/\p{L}/u.test(char) ? 0 : /\p{Nd}/u.test(char) ? 1 : 2);
  }
  const prespace = text.includes(' ') || text.includes('/') || classes.size > 1;
  parts.forEach((part, i) => {
    if (part.phonemes === null) {
      if (i === parts.length - 1 && NON_QUOTE_PUNCTS.has(part.text)) part.phonemes = part.text;
      else if (isJunk(part.text)) part.phonemes = '';
    } else if (i > 0) {
      part.prespace = prespace;
    }
  });
  if (prespace) return;

  const voiced = parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => part.phonemes !== null && part.phonemes !== '');
  const primaries = voiced.filter(({ part }) => (part.phonemes as string).includes(PRIMARY_STRESS)).length;
  if (voiced.length === 2 && [...(voiced[0] as { part: Subtoken }).part.text].length === 1) {
    const second = (voiced[1] as { part: Subtoken }).part;
    second.phonemes = applyStress(second.phonemes as string, -0.5);
    return;
  }
  if (voiced.length < 2 || primaries <= Math.floor((voiced.length + 1) / 2)) return;
  // Too many primary stresses for a compound: demote the lighter half.
  const ranked = voiced
    .map(({ part, index }) => ({
      part,
      key: [
        (part.phonemes as string).includes(PRIMARY_STRESS) ? 1 : 0,
        stressWeight(part.phonemes as string),
        index,
      ],
    }))
    .sort((a, b) => compareKeys(a.key, b.key));
  for (const { part } of ranked.slice(0, Math.floor(voiced.length / 2))) {
    part.phonemes = applyStress(part.phonemes as string, -0.5);
  }
}

/** The word's phonemes: parts joined, with a space before `prespace` parts (misaki `merge_tokens`). */
export function joinSubtokens(parts: readonly Subtoken[]): string {
  let out = '';
  for (const part of parts) {
    const phonemes = part.phonemes ?? '';
    if (part.prespace && out !== '' && !out.endsWith(' ') && phonemes !== '') out += ' ';
    out += phonemes;
  }
  return out;
}

/** misaki `merge_tokens`: the tag of the subtoken whose text weighs most (capitals count 2). */
function heaviestTag(span: readonly Subtoken[]): string | undefined {
  let best: Subtoken | undefined;
  let bestWeight = -1;
  for (const part of span) {
    let weight = 0;
    for (const char of part.text) weight += char !== char.toLowerCase() ? 2 : 1;
    if (weight > bestWeight) {
      best = part;
      bestWeight = weight;
    }
  }
  return best?.tag;
}

function isJunk(text: string): boolean {
  for (const char of text) if (!SUBTOKEN_JUNKS.has(char)) return false;
  return true;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
