import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * One test configuration for every workspace package.
 *
 * Workspace packages resolve to their TypeScript sources through the `@kokoro-kit/source`
 * export condition, so tests never need a prior build (the CLI's end-to-end tests are the one
 * exception: turbo builds the CLI before they run, because they spawn the real binary).
 */
export default defineConfig({
  resolve: { conditions: ['@kokoro-kit/source'] },
  ssr: { resolve: { conditions: ['@kokoro-kit/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
