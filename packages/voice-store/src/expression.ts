import { VoiceError, type VoicePack } from '@kokoro-kit/core';
import { createVoicePack } from './voice-pack';

/**
 * Voice expressions: a plain name, or a blend in one of the syntaxes users already write
 * (spec §8.4). Every syntax means the same thing: a weighted sum of whole packs, each weight
 * divided by the sum of all weights (Kokoro-FastAPI's `voice_weight_normalization`, its default):
 *
 * | syntax            | example                 | means                                  |
 * |-------------------|-------------------------|----------------------------------------|
 * | Kokoro-FastAPI    | `af_bella(2)+af_sky(1)` | 2/3 · bella + 1/3 · sky                |
 * | subtraction       | `af_bella(1)-af_sky(0.2)` | 1/1.2 · bella − 0.2/1.2 · sky        |
 * | colon weights     | `af_bella:60,af_sky:40` | 0.6 · bella + 0.4 · sky                |
 * | KPipeline list    | `af_bella,af_sky`       | mean of the two                        |
 * | coefficients      | `af_bella*0.7+af_sky*0.3` | 0.7 · bella + 0.3 · sky              |
 *
 * Weights are positive numbers; the sign comes from the operator, and the total is the sum of the
 * weights (i.e. of the absolute signed weights). A term without a weight weighs 1. Terms are
 * joined by `+`/`-` or by `,` (not both in one expression). The three weight forms `(w)`, `*w`
 * and `:w` are interchangeable.
 */

/** One voice of a blend with its final, normalized, signed weight. */
export interface VoiceBlendTerm {
  name: string;
  weight: number;
}

export interface ParsedVoiceExpression {
  /** Distinct voices in order of first appearance; repeated names are merged, zero weights dropped. */
  terms: VoiceBlendTerm[];
  /**
   * The canonical form, e.g. `af_bella*0.666666666667+af_sky*0.333333333333`, or just the name
   * when the expression is one voice unchanged. Equivalent expressions share it: it is the cache
   * key of a store and the `name` of a blended pack.
   */
  key: string;
}

/** What a voice name may look like: no path separators, no leading dot, no `..`. */
export const VOICE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** True if `name` is a safe voice name (see {@link VOICE_NAME_PATTERN}). */
export function isValidVoiceName(name: string): boolean {
  return VOICE_NAME_PATTERN.test(name) && !name.includes('..');
}

/** Throws `INVALID_VOICE_NAME` unless `name` is a safe voice name. */
export function assertValidVoiceName(name: string): void {
  if (!isValidVoiceName(name)) {
    throw new VoiceError(
      'INVALID_VOICE_NAME',
      `Voice name ${JSON.stringify(name)} is not allowed: a voice name is letters, digits, '_', '.' and '-', ` +
        "starts with a letter or digit, and has no '..' or path separators (e.g. 'af_heart').",
    );
  }
}

/** Characters read as part of a name. Path characters are included so that paths fail as names. */
const NAME_CHAR = /[A-Za-z0-9_.\-/\\~]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WEIGHT_DIGITS = 12;
/** Merged weights smaller than this are treated as cancelled out. */
const ZERO = 1e-12;

interface RawTerm {
  name: string;
  weight: number;
  sign: 1 | -1;
}

/** Parses and normalizes a voice expression; throws `INVALID_VOICE_EXPRESSION` / `INVALID_VOICE_NAME`. */
export function parseVoiceExpression(expression: string): ParsedVoiceExpression {
  const raw = new ExpressionParser(expression).parse();
  // Scale by the largest weight first, so huge weights (1e308 + 1e308) cannot overflow the sum
  // to Infinity and every share to 0.
  const largest = raw.reduce((max, t) => Math.max(max, t.weight), 0);
  const total = raw.reduce((sum, t) => sum + t.weight / largest, 0);
  const merged = new Map<string, number>();
  for (const t of raw)
    merged.set(t.name, (merged.get(t.name) ?? 0) + (t.sign * (t.weight / largest)) / total);
  const terms = [...merged].filter(([, w]) => Math.abs(w) > ZERO).map(([name, weight]) => ({ name, weight }));
  // A voice added to itself is that voice (key and pack), not a blend at weight 0.9999999999999999.
  const only = terms.length === 1 ? terms[0]! : undefined;
  if (only && Math.abs(only.weight - 1) <= ZERO) only.weight = 1;
  if (terms.length === 0) {
    throw new VoiceError(
      'INVALID_VOICE_EXPRESSION',
      `Voice expression ${JSON.stringify(expression)} cancels out to nothing (every voice's weights sum to 0).`,
    );
  }
  return { terms, key: canonicalKey(terms) };
}

/** The canonical cache key of an expression (see {@link ParsedVoiceExpression.key}). */
export function normalizeVoiceExpression(expression: string): string {
  return parseVoiceExpression(expression).key;
}

function formatWeight(weight: number): string {
  return String(Number(weight.toPrecision(WEIGHT_DIGITS)));
}

function canonicalKey(terms: readonly VoiceBlendTerm[]): string {
  if (terms.length === 1 && terms[0]!.weight === 1) return terms[0]!.name;
  return terms
    .map((t, i) => {
      const sign = t.weight < 0 ? '-' : i > 0 ? '+' : '';
      return `${sign}${t.name}*${formatWeight(Math.abs(t.weight))}`;
    })
    .join('');
}

/**
 * The weighted sum of whole packs (before any row selection, as every reference does), summed
 * in double precision per element and rounded once to float32. All packs must have the same rows.
 */
export function blendVoicePacks(
  name: string,
  terms: ReadonlyArray<{ pack: VoicePack; weight: number }>,
): VoicePack {
  const first = terms[0];
  if (first === undefined)
    throw new VoiceError('INVALID_VOICE_EXPRESSION', 'A blend needs at least one voice.');
  const length = first.pack.data.length;
  for (const { pack } of terms) {
    if (pack.data.length !== length) {
      throw new VoiceError(
        'INVALID_VOICE_FILE',
        `Cannot blend '${first.pack.name}' (${first.pack.rows} rows) with '${pack.name}' (${pack.rows} rows).`,
      );
    }
  }
  const out = new Float32Array(length);
  const datas = terms.map((t) => t.pack.data);
  const weights = terms.map((t) => t.weight);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let k = 0; k < datas.length; k++) sum += datas[k]![i]! * weights[k]!;
    out[i] = sum;
  }
  return createVoicePack(name, out);
}

class ExpressionParser {
  private pos = 0;
  private separator: ',' | '+-' | undefined;

  constructor(private readonly text: string) {}

  parse(): RawTerm[] {
    if (typeof this.text !== 'string') throw this.error('a voice expression must be a string');
    if (this.text.trim() === '') {
      throw new VoiceError(
        'INVALID_VOICE_EXPRESSION',
        "The voice expression is empty. Name a voice such as 'af_heart', or a blend such as 'af_bella(2)+af_sky(1)'.",
      );
    }
    const terms: RawTerm[] = [];
    let sign: 1 | -1 = 1;
    for (;;) {
      terms.push(this.term(sign));
      this.skipSpace();
      if (this.pos >= this.text.length) return terms;
      const c = this.text[this.pos]!;
      if (c === ',' || c === '+' || c === '-') {
        const family = c === ',' ? ',' : '+-';
        if (this.separator !== undefined && this.separator !== family) {
          throw this.error(`'${c}' mixes ',' lists with '+'/'-' blends; use one style per expression`);
        }
        this.separator = family;
        sign = c === '-' ? -1 : 1;
        this.pos++;
        continue;
      }
      if (c === ')') throw this.error("unbalanced ')'");
      if (c === '(' || c === '*' || c === ':') throw this.error(`'${c}': a voice takes one weight`);
      throw this.error(`unexpected '${c}'; expected '+', '-', ',' or the end`);
    }
  }

  private term(sign: 1 | -1): RawTerm {
    this.skipSpace();
    const start = this.pos;
    // A leading '-' is a stray operator ("a+-b"), never the start of a name.
    if (this.text[this.pos] !== '-') {
      while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!)) this.pos++;
    }
    // A '-' ending the run is the subtraction operator ("a- b"), not part of the name.
    while (this.pos > start && this.text[this.pos - 1] === '-') this.pos--;
    const name = this.text.slice(start, this.pos);
    if (name === '') {
      const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
      throw this.error(`expected a voice name, found ${found}`);
    }
    assertValidVoiceName(name);
    this.skipSpace();
    const c = this.text[this.pos];
    let weight = 1;
    if (c === '(') {
      this.pos++;
      weight = this.number();
      this.skipSpace();
      if (this.text[this.pos] !== ')') throw this.error("expected ')' to close the weight");
      this.pos++;
    } else if (c === '*' || c === ':') {
      this.pos++;
      weight = this.number();
    }
    return { name, weight, sign };
  }

  private number(): number {
    this.skipSpace();
    const at = this.pos;
    const match = NUMBER.exec(this.text.slice(at));
    if (!match) {
      const found =
        at < this.text.length
          ? `'${this.text.slice(at).split(/[\s()+,*:]/)[0] || this.text[at]}'`
          : 'the end';
      throw this.error(`expected a weight (a positive number), found ${found}`);
    }
    this.pos += match[0].length;
    const value = Number(match[0]);
    if (!Number.isFinite(value)) throw this.error(`weight ${match[0]} is not a finite number`, at);
    if (value < 0)
      throw this.error(
        `weight ${match[0]} is negative; weights are positive (use '-' to subtract a voice)`,
        at,
      );
    if (value === 0) throw this.error(`weight ${match[0]} is zero; leave the voice out instead`, at);
    return value;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private error(problem: string, at = this.pos): VoiceError {
    return new VoiceError(
      'INVALID_VOICE_EXPRESSION',
      `Invalid voice expression ${JSON.stringify(this.text)} at character ${at + 1}: ${problem}. ` +
        "Examples: 'af_heart', 'af_bella(2)+af_sky(1)', 'af_bella:60,af_sky:40', 'af_bella*0.7+af_sky*0.3'.",
    );
  }
}
