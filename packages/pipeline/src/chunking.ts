import type { PhonemeToken } from '@kokoro-kit/core';

/**
 * Chunk planning: split a paragraph's tokens into model calls of at most `maxPhonemes`
 * phonemes, the way hexgrad's KPipeline does (`en_tokenize` + `waterfall_last`, spec §9.3):
 * tokens accumulate until the next one would pass the limit; then the chunk is cut after the
 * last sentence end (`! . ? …`), else the last `: ;`, else the last `, —`, keeping a following
 * `)` or `”` on the left — provided the remainder still fits; otherwise at the current token.
 *
 * Lengths count phoneme characters (code points) of the chunk string built by
 * `chunkPhonemes`: each token's phonemes plus one space if it had whitespace, trimmed.
 */

/** Punctuation groups tried in order when cutting a chunk, strongest break first. */
const WATERFALL: readonly (readonly string[])[] = [
  ['!', '.', '?', '…'],
  [':', ';'],
  [',', '—'],
];
/** Closers that stay with the chunk before the cut. */
const BUMPS: readonly string[] = [')', '”'];

/** A token's place in its chunk's phoneme string (code point offsets). */
export interface TokenSpan {
  token: PhonemeToken;
  /** First phoneme of the token in the chunk string. */
  start: number;
  /** One past its last phoneme (start === end for silent tokens). */
  end: number;
  /** Index of the space emitted after it, or -1. */
  space: number;
}

export interface ChunkPhonemes {
  phonemes: string;
  spans: TokenSpan[];
}

/**
 * Joins tokens as KPipeline does (phonemes, plus one space for any trailing whitespace; the
 * result trimmed) and records where each token landed, so durations can be mapped to words.
 */
export function chunkPhonemes(tokens: readonly PhonemeToken[]): ChunkPhonemes {
  let out = '';
  let length = 0; // in code points
  const spans: TokenSpan[] = [];
  for (const token of tokens) {
    // Some G2Ps put a word-separating space at the start of a token's phonemes (misaki's
    // Mandarin does); never let it lead the chunk or double a space already there.
    const phonemes = out === '' || out.endsWith(' ') ? token.phonemes.replace(/^ +/, '') : token.phonemes;
    const start = length;
    out += phonemes;
    length += codePointLength(phonemes);
    const span: TokenSpan = { token, start, end: length, space: -1 };
    // A space only between phonemes: never leading, and a trailing one is removed below.
    if (token.whitespace !== '' && length > 0 && !out.endsWith(' ')) {
      span.space = length;
      out += ' ';
      length += 1;
    }
    spans.push(span);
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    length -= 1;
    for (const span of spans) if (span.space === length) span.space = -1;
  }
  return { phonemes: out, spans };
}

/** Length in code points (phonemes are single code points; UTF-16 length would over-count). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The phoneme count of tokens joined as `chunkPhonemes` joins them. */
function joinedLength(tokens: readonly PhonemeToken[]): number {
  return codePointLength(chunkPhonemes(tokens).phonemes);
}

/** Where to cut `tokens` when adding more would reach `nextCount` phonemes (spec §9.3). */
export function waterfallCut(
  tokens: readonly PhonemeToken[],
  nextCount: number,
  maxPhonemes: number,
): number {
  for (const group of WATERFALL) {
    let z = -1;
    for (let k = tokens.length - 1; k >= 0; k--) {
      if (group.includes(tokens[k]!.phonemes)) {
        z = k;
        break;
      }
    }
    if (z < 0) continue;
    z += 1;
    if (z < tokens.length && BUMPS.includes(tokens[z]!.phonemes)) z += 1;
    if (nextCount - joinedLength(tokens.slice(0, z)) <= maxPhonemes) return z;
  }
  return tokens.length;
}

/**
 * Splits one paragraph's tokens into chunks that each join to at most `maxPhonemes`
 * phonemes. A single token longer than the limit (which real words never are) is split into
 * pieces so that nothing is lost.
 */
export function planChunks(tokens: readonly PhonemeToken[], maxPhonemes: number): PhonemeToken[][] {
  const chunks: PhonemeToken[][] = [];
  let current: PhonemeToken[] = [];
  let line = LineLength.of(current);
  for (const original of tokens) {
    for (const token of splitOversized(original, maxPhonemes)) {
      const nextCount = line.trimmedAfter(token);
      if (nextCount > maxPhonemes && current.length > 0) {
        const z = waterfallCut(current, nextCount, maxPhonemes);
        chunks.push(current.slice(0, z));
        current = current.slice(z);
        line = LineLength.of(current);
      }
      current.push(token);
      line.add(token);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The length of the joined phoneme string, kept incrementally (see `chunkPhonemes`). */
class LineLength {
  /** Code points so far, including a pending trailing space. */
  private length = 0;
  private spaceAtEnd = false;

  static of(tokens: readonly PhonemeToken[]): LineLength {
    const line = new LineLength();
    for (const token of tokens) line.add(token);
    return line;
  }

  add(token: PhonemeToken): void {
    const phonemes = codePointLength(token.phonemes);
    if (phonemes > 0) {
      this.length += phonemes;
      this.spaceAtEnd = false;
    }
    if (token.whitespace !== '' && this.length > 0 && !this.spaceAtEnd) {
      this.length += 1;
      this.spaceAtEnd = true;
    }
  }

  /** The trimmed length the line would have with `token` added. */
  trimmedAfter(token: PhonemeToken): number {
    const phonemes = codePointLength(token.phonemes);
    if (phonemes > 0) return this.length + phonemes;
    return this.length - (this.spaceAtEnd ? 1 : 0);
  }
}

function splitOversized(token: PhonemeToken, maxPhonemes: number): PhonemeToken[] {
  const chars = [...token.phonemes];
  if (chars.length < maxPhonemes) return [token];
  const pieces: PhonemeToken[] = [];
  const size = maxPhonemes - 1; // leave room for the joining space
  for (let i = 0; i < chars.length; i += size) {
    const last = i + size >= chars.length;
    pieces.push({
      text: i === 0 ? token.text : '',
      phonemes: chars.slice(i, i + size).join(''),
      whitespace: last ? token.whitespace : '',
    });
  }
  return pieces;
}
