import { checkProperty, TEST_RUNS } from '@kokoro-kit/core/properties';
import { describe, it } from 'vitest';
import { expressionProperties } from './expression.properties';

describe(`properties (${TEST_RUNS} cases each; pnpm fuzz runs 10,000)`, () => {
  for (const property of expressionProperties())
    it(property.name, () => checkProperty(property, { numRuns: TEST_RUNS }), 300_000);
});
