import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the real test assets live. Tests read them in place and never copy them into the repo:
 * - the 54 real Kokoro v1.0 voice packs that npm `kokoro-js` ships as `voices/*.bin`;
 * - `../shared` beside the repository (misaki lexicons, G2P fixtures, `.pt` voice packs).
 */

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (the folder holding pnpm-workspace.yaml). */
export const repoRoot: string = findUp(here, 'pnpm-workspace.yaml');

/** `../shared` beside the repository; `KOKORO_SHARED_DIR` overrides it. */
export const sharedDir: string = process.env.KOKORO_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** misaki's English lexicons (us_gold.json, us_silver.json, gb_gold.json, gb_silver.json). */
export const misakiLexiconDir: string = join(sharedDir, 'data', 'misaki');

/** Real `.pt` voice packs (af_heart.pt, bm_george.pt). */
export const ptVoicesDir: string = join(sharedDir, 'data', 'voices-pt');

/** pypinyin 0.53.0's pinyin_dict.json and phrases_dict.json (see its SOURCE.md). */
export const pypinyinDir: string = join(sharedDir, 'data', 'pypinyin');

/** misaki G2P fixtures. */
export const g2pFixturesDir: string = join(sharedDir, 'data', 'g2p-fixtures');

/** The 54 real `.bin` voice packs shipped in the kokoro-js npm package. */
export const realVoicesDir: string = (() => {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('kokoro-js');
  return join(findUp(dirname(entry), 'package.json'), 'voices');
})();

function findUp(start: string, marker: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, marker))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find ${marker} above ${start}`);
    dir = parent;
  }
}

export { type ParityCase, reportParity } from './parity';
