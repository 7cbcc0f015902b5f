import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './harness';

/**
 * A consumer's own bundler, not ours: Vite (Rollup) builds the G2P page for the browser with its
 * default browser conditions and no externals. Vite externalizes a Node built-in with a warning
 * ("has been externalized for browser compatibility") and warns about asset URLs it cannot
 * follow, so a clean build means no Node module and nothing for the consumer to configure.
 */
const here = dirname(fileURLToPath(import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await tempDir('kokoro-vite-');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a Vite app using the G2P packages', () => {
  it('builds for the browser with no warnings and no externals', async () => {
    const warnings: string[] = [];
    const collect = (message: string) => warnings.push(message);
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      customLogger: {
        info() {},
        warn: collect,
        warnOnce: collect,
        error: collect,
        clearScreen() {},
        hasErrorLogged: () => false,
        hasWarned: false,
      },
      // Workspace sources instead of dist/ (no build needed), then Vite's own client conditions.
      resolve: { conditions: ['@kokoro-kit/source', 'browser', 'module', 'import', 'default'] },
      build: {
        write: false,
        outDir: dir,
        minify: false,
        lib: { entry: join(here, '__fixtures__/page.ts'), formats: ['es'], fileName: 'page' },
        rollupOptions: { onwarn: (warning) => collect(warning.message) },
      },
    })) as Rollup.RollupOutput[];
    expect(warnings).toEqual([]);
    const chunks = output.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
    // Lazy-loaded parts (jieba, kuromoji) are chunks of this build, not external modules.
    const names = new Set(chunks.map((c) => c.fileName));
    const imported = chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]);
    expect(imported.filter((name) => !names.has(name))).toEqual([]);
    // espeak-ng's glue is in the bundle, without its Node branch.
    const code = chunks.map((c) => c.code).join('\n');
    expect(code).toContain('ESpeakNG');
    expect(code).not.toMatch(/import\(\s*["']module["']\s*\)|process\.versions\.node/);
  }, 180_000);
});
