import { KokoroError } from '@kokoro-kit/core';
import type { NamedProperty } from '@kokoro-kit/core/properties';
import fc from 'fast-check';
import { parseVoiceExpression } from './expression';

const NAMES = ['af_heart', 'af_bella', 'am_adam', 'bf_emma', 'zf_xiaoxiao'];

/** A well-formed blend in one of the syntaxes, with any positive finite weights. */
const blend = fc
  .record({
    terms: fc.array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        weight: fc.option(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), {
          nil: undefined,
        }),
        minus: fc.boolean(),
        form: fc.constantFrom('(w)', '*w', ':w'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    comma: fc.boolean(),
  })
  .map(({ terms, comma }) =>
    terms
      .map((t, i) => {
        const weight = t.weight === undefined ? '' : t.form.replace('w', String(t.weight));
        const op = i === 0 ? '' : comma ? ',' : t.minus ? '-' : '+';
        return `${op}${t.name}${weight}`;
      })
      .join(''),
  );

/** Expressions are parsed into finite normalized weights, canonically, or rejected with a typed error. */
export function expressionProperties(): NamedProperty[] {
  const parse = (expression: string) => {
    try {
      return parseVoiceExpression(expression);
    } catch (error) {
      if (KokoroError.isInstance(error)) return undefined;
      throw error;
    }
  };
  return [
    {
      name: 'voice expressions: anything else than a VoiceError is a bug',
      property: fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.tuple(blend, fc.nat(), fc.string({ maxLength: 3 })).map(([b, at, junk]) => {
            const i = at % (b.length + 1);
            return b.slice(0, i) + junk + b.slice(i); // almost well-formed
          }),
        ),
        (expression) => {
          parse(expression);
        },
      ),
    },
    {
      name: 'voice expressions: weights are finite, distinct, sum to 1 in absolute value; the key parses to itself',
      property: fc.property(blend, (expression) => {
        const parsed = parse(expression);
        if (parsed === undefined) return; // cancelled out entirely (a-a) is an error by design
        const names = parsed.terms.map((t) => t.name);
        if (new Set(names).size !== names.length) throw new Error(`repeated names in ${expression}`);
        if (!parsed.terms.every((t) => Number.isFinite(t.weight) && t.weight !== 0))
          throw new Error(`weights ${JSON.stringify(parsed.terms)}`);
        const total = parsed.terms.reduce((sum, t) => sum + Math.abs(t.weight), 0);
        const merged = expression.includes('-');
        if (!merged && Math.abs(total - 1) > 1e-9)
          throw new Error(`weights sum to ${total} for ${expression}`);
        if (total > 1 + 1e-9) throw new Error(`weights sum to ${total} for ${expression}`);
        // Without subtraction nothing cancels, so the canonical key is a fixed point. (With it, the
        // key of `a(2)-a+b` holds weights summing to less than 1, which a new parse renormalizes.)
        if (merged) return;
        const again = parse(parsed.key);
        if (again?.key !== parsed.key) throw new Error(`${parsed.key} parses to ${again?.key}`);
      }),
    },
  ];
}
