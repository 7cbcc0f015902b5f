import { defineConfig, type Options } from 'tsup';

/**
 * One build configuration for every workspace package: ESM with `.d.ts` and source maps,
 * ES2022, a clean `dist/` each time. A package names its entry files (and may override).
 */
export function packageBuild(entry: string[], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    ...overrides,
  });
}
