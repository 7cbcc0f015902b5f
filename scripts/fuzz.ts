/**
 * `pnpm fuzz`: every property of the packages' `*.properties.ts` — the same definitions their
 * tests run 1,000 times — with 10,000 cases (`FUZZ_RUNS`), from one seed printed first and on
 * failure (`FUZZ_SEED=<seed> pnpm fuzz` replays a run; `FUZZ_ONLY=<text>` picks properties).
 */
import { checkProperty, type NamedProperty } from '../packages/core/src/properties';
import { englishProperties as englishG2P, markupProperties } from '../packages/g2p-en/src/g2p.properties';
import { espeakProperties } from '../packages/g2p-espeak/src/g2p.properties';
import { japaneseProperties } from '../packages/g2p-ja/src/g2p.properties';
import { mandarinProperties } from '../packages/g2p-zh/src/g2p.properties';
import { segmenterProperties } from '../packages/pipeline/src/segmenter.properties';
import { expressionProperties } from '../packages/voice-store/src/expression.properties';

const SUITES: Record<string, () => NamedProperty[]> = {
  pipeline: segmenterProperties,
  'voice-store': expressionProperties,
  'g2p-en markup': markupProperties,
  'g2p-en': englishG2P,
  'g2p-ja': japaneseProperties,
  'g2p-zh': mandarinProperties,
  'g2p-espeak': espeakProperties,
};

// Not a turbo task: these variables only steer this script.
const { FUZZ_SEED, FUZZ_RUNS, FUZZ_ONLY } = process.env;
const seed = FUZZ_SEED ? Number(FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const numRuns = Number(FUZZ_RUNS ?? 10_000);
const only = FUZZ_ONLY?.toLowerCase();

console.log(`fuzz: ${numRuns} cases per property, FUZZ_SEED=${seed}`);
let failed = 0;
for (const [suite, properties] of Object.entries(SUITES)) {
  for (const property of properties()) {
    const name = `${suite}: ${property.name}`;
    if (only && !name.toLowerCase().includes(only)) continue;
    const started = performance.now();
    try {
      await checkProperty(property, { numRuns, seed });
      console.log(`ok   ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.log(
        `FAIL ${name}\n${(error as Error).message}\n${String((error as Error).cause ?? '')}\n` +
          `replay: FUZZ_SEED=${seed} FUZZ_ONLY=${JSON.stringify(property.name)} pnpm fuzz`,
      );
    }
  }
}
console.log(
  failed === 0 ? 'fuzz: all properties hold' : `fuzz: ${failed} properties failed (FUZZ_SEED=${seed})`,
);
process.exitCode = failed === 0 ? 0 : 1;
