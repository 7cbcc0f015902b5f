import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killRound, startRaceServer } from './__fixtures__/kill-race';
import type { HubServer } from './testing';

/** A few rounds here; `pnpm --filter @kokoro-kit/hub kill-race` runs 60. */
const ROUNDS = 3;
let server: HubServer;

beforeAll(async () => {
  server = await startRaceServer();
});
afterAll(async () => {
  await server?.close();
});

describe('three processes fetch one file and the lock holder is killed (kill -9)', () => {
  it(`leaves the right file, the right record and no lock, and the others succeed (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const result = await killRound(server, 128 * 1024 * (round + 1));
      expect(result.problems, `round ${round + 1}`).toEqual([]);
      expect(result.survivors).toHaveLength(2);
    }
  }, 180_000);
});
