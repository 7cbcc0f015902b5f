import { MAX_PHONEMES, type PhonemeToken } from '@kokoro-kit/core';
import { chunkPhonemes, codePointLength, planChunks } from './chunking';
import type { Boundary, TextStyle } from './segmenter';

/**
 * Chunk planning for streaming: groups the phonemized pieces of text (clauses and sentences,
 * as the segmenter cut them) into model calls.
 *
 * - The **first chunk is short** — one clause, at most `firstChunkMax` phonemes (20, a few
 *   words) — so audio starts quickly: on CPU the time to first audio is the first chunk's
 *   synthesis time (tools/bench: 20 phonemes → 0.2–0.3 × kokoro-js's first sentence).
 * - Later chunks grow (× `chunkGrowth`, 2) toward `targetChunk` phonemes (175, the low end of
 *   Kokoro-FastAPI's 175–250 default; longer inputs make Kokoro rush, and the model's working
 *   memory grows with the chunk), so the next chunk is ready before the current one has played,
 *   and are cut at piece boundaries, preferring the end of a sentence.
 * - A piece too long for the budget is split with KPipeline's waterfall rule; no chunk ever
 *   passes `maxChunk` (510, the model's limit).
 * - A paragraph break, a pause or a change of voice or rate always ends a chunk.
 */
export interface ChunkPlanOptions {
  /** Phonemes in the first chunk at most (default 20: audio starts after a few words). */
  firstChunkMax?: number;
  /** Later chunks grow toward this many phonemes (default 175). */
  targetChunk?: number;
  /** The hard cap (default 510, the model's limit). */
  maxChunk?: number;
  /**
   * Each chunk's budget is this many times the previous one's until `targetChunk` (default 2),
   * so while one chunk plays, the next — at most twice as long — is being synthesized: at a
   * real-time factor below 0.5 the audio never runs dry.
   */
  chunkGrowth?: number;
}

interface PlannerOptions extends ChunkPlanOptions {
  /** End a chunk at every sentence end (so silence can go between sentences). */
  breakAtSentences?: boolean;
}

export interface PlannedChunk {
  tokens: PhonemeToken[];
  style: TextStyle;
  /** True if the chunk ends a sentence or paragraph (where sentence silence may follow). */
  endsSentence: boolean;
}

interface Pending {
  tokens: PhonemeToken[];
  /** Token counts at which a sentence ended within the pending tokens. */
  sentenceEnds: number[];
  endsSentence: boolean;
}

export class ChunkPlanner {
  private readonly firstMax: number;
  private readonly target: number;
  private readonly growth: number;
  private readonly cap: number;
  private pending: Pending = { tokens: [], sentenceEnds: [], endsSentence: false };
  private style: TextStyle | undefined;
  private emitted = 0;
  private readonly breakAtSentences: boolean;

  constructor(options: PlannerOptions = {}) {
    this.breakAtSentences = options.breakAtSentences ?? false;
    this.cap = options.maxChunk ?? MAX_PHONEMES;
    this.target = Math.min(options.targetChunk ?? 175, this.cap);
    this.firstMax = Math.min(options.firstChunkMax ?? 20, this.target);
    this.growth = Math.max(1, options.chunkGrowth ?? 2);
  }

  /** The phoneme budget of the next chunk: firstMax × growth^emitted, up to the target. */
  private get budget(): number {
    return Math.min(this.target, Math.round(this.firstMax * this.growth ** this.emitted));
  }

  /** Adds one phonemized piece; returns the chunks that are now complete. */
  add(tokens: PhonemeToken[], boundary: Boundary, style: TextStyle): PlannedChunk[] {
    const out: PlannedChunk[] = [];
    if (this.style && !sameStyle(this.style, style)) out.push(...this.flush());
    this.style = style;
    let rest = tokens;
    while (rest.length > 0) {
      const room = this.budget - joinedLength(this.pending.tokens);
      const combined = joinedLength([...this.pending.tokens, ...rest]);
      if (combined <= this.budget) {
        this.pending.tokens.push(...rest);
        rest = [];
        break;
      }
      if (this.pending.tokens.length > 0) {
        out.push(...this.emitPending());
        continue;
      }
      // The piece alone is over budget: cut it (waterfall) and keep the last part pending.
      const parts = planChunks(rest, Math.max(room, 1));
      for (const part of parts.slice(0, -1))
        out.push(this.emit({ tokens: part, sentenceEnds: [], endsSentence: false }));
      rest = parts.at(-1) ?? [];
      if (joinedLength(rest) > this.budget) {
        out.push(this.emit({ tokens: rest, sentenceEnds: [], endsSentence: false }));
        rest = [];
      }
    }
    const endsSentence = boundary === 'sentence' || boundary === 'paragraph' || boundary === 'end';
    this.pending.endsSentence = endsSentence;
    if (endsSentence) this.pending.sentenceEnds.push(this.pending.tokens.length);
    const firstClauseDone = this.emitted === 0 && boundary !== 'inline' && boundary !== 'forced';
    if (boundary === 'paragraph' || firstClauseDone || (endsSentence && this.breakAtSentences))
      out.push(...this.flush());
    return out;
  }

  /**
   * Called when no more text is available right now (a slow LLM stream): a complete sentence
   * (or, before any audio, a complete clause) is not held back waiting for more input.
   */
  idle(lastBoundary: Boundary | undefined): PlannedChunk[] {
    if (this.pending.tokens.length === 0) return [];
    if (this.pending.endsSentence || (this.emitted === 0 && lastBoundary === 'clause')) return this.flush();
    return [];
  }

  /** Everything pending, as (at most a few) chunks. */
  flush(): PlannedChunk[] {
    if (this.pending.tokens.length === 0) return [];
    const chunk = this.emit(this.pending);
    this.pending = { tokens: [], sentenceEnds: [], endsSentence: false };
    return [chunk];
  }

  /** Emits pending tokens up to the last sentence end if that is at least half the budget. */
  private emitPending(): PlannedChunk[] {
    const { tokens, sentenceEnds } = this.pending;
    const cut = [...sentenceEnds]
      .reverse()
      .find((n) => n < tokens.length && joinedLength(tokens.slice(0, n)) >= this.budget / 2);
    if (cut === undefined) return this.flush();
    const chunk = this.emit({ tokens: tokens.slice(0, cut), sentenceEnds: [], endsSentence: true });
    this.pending = {
      tokens: tokens.slice(cut),
      sentenceEnds: sentenceEnds.filter((n) => n > cut).map((n) => n - cut),
      endsSentence: this.pending.endsSentence,
    };
    return [chunk];
  }

  private emit(pending: Pending): PlannedChunk {
    this.emitted++;
    return {
      tokens: pending.tokens,
      style: this.style ?? { voice: undefined, rate: 1 },
      endsSentence: pending.endsSentence,
    };
  }
}

function joinedLength(tokens: readonly PhonemeToken[]): number {
  return codePointLength(chunkPhonemes(tokens).phonemes);
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.voice === b.voice && a.rate === b.rate;
}
