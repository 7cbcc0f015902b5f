import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { g2pFixturesDir, misakiLexiconDir, ptVoicesDir, realVoicesDir, repoRoot } from './index';

describe('test assets', () => {
  it('finds the repository root', () => {
    expect(existsSync(join(repoRoot, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('finds the 54 real voice packs of kokoro-js', () => {
    expect(readdirSync(realVoicesDir).filter((f) => f.endsWith('.bin'))).toHaveLength(54);
  });

  it('finds the shared data beside the repository (set KOKORO_SHARED_DIR if it lives elsewhere)', () => {
    for (const file of ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json']) {
      expect(existsSync(join(misakiLexiconDir, file)), file).toBe(true);
    }
    expect(existsSync(join(ptVoicesDir, 'af_heart.pt'))).toBe(true);
    expect(existsSync(g2pFixturesDir)).toBe(true);
  });
});
