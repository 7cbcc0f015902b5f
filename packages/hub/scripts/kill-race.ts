/**
 * The hub's kill race, many rounds (`pnpm --filter @kokoro-kit/hub kill-race [rounds]`, default
 * 60): prints each failed round and a summary; exits non-zero on any failure.
 */
import { killRound, startRaceServer } from '../src/__fixtures__/kill-race';

const rounds = Number(process.argv[2] ?? 60);
const server = await startRaceServer();
let failed = 0;
const started = Date.now();
try {
  for (let round = 1; round <= rounds; round++) {
    // Kill at different depths: early, mid-body, near the end.
    const killAt = [64, 512, 1536, 2800][round % 4]! * 1024;
    const result = await killRound(server, killAt);
    if (result.problems.length > 0) {
      failed++;
      console.log(`round ${round} (kill after ${killAt} bytes): ${result.problems.join('; ')}`);
    }
  }
} finally {
  await server.close();
}
console.log(`${rounds - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = failed > 0 ? 1 : 0;
