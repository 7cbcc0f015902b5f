/**
 * The pages' bundles (esbuild, no externals, browser conditions, workspace packages from their
 * sources), each side in its own folder: kokoro-js's page, and our page with `@kokoro-kit/web`'s
 * default worker beside it as `worker.js` — as `packages/web/test/browser.test.ts` builds them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'error',
} as const;

/** kokoro-js's package default (`dist/kokoro.js`) over transformers.js's web build. */
export async function bundleKokoroJsPage(outdir: string): Promise<void> {
  await build({ ...common, entryPoints: { page: join(here, 'page-kokoro-js.ts') }, outdir });
}

/** Our page and `@kokoro-kit/web`'s worker entry, from the workspace sources. */
export async function bundleOursPage(outdir: string): Promise<void> {
  await build({
    ...common,
    entryPoints: {
      page: join(here, 'page-ours.ts'),
      worker: fileURLToPath(import.meta.resolve('@kokoro-kit/web/worker')),
    },
    outdir,
    conditions: ['@kokoro-kit/source', 'browser'],
    // espeak-ng's Emscripten glue imports `module` in its Node-only branch, never taken in a browser.
    external: ['module'],
  });
}
