import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import {
  BROWSER_SAFETY_HINT,
  browserEntries,
  describeNodeGlobals,
  findNodeGlobals,
  isNodeBuiltin,
  type KokoroPackageJson,
  nodeBuiltinGuard,
  nodeGlobalMarkers,
} from './browser-safety';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * One build configuration for every workspace package: ESM with `.d.ts` and source maps,
 * ES2022, a clean `dist/` each time. A package names its entry files (and may override).
 *
 * Browser entries are every entry that is the `@kokoro-kit/source` file of an export not listed
 * as Node-only in the package's `"kokoro": { "node": [...] }` field (see `browserEntries`). When
 * a package has any, it builds for the `neutral` platform and the build fails if a browser
 * entry's own module graph imports a Node built-in or uses a Node global. Node entries keep
 * their `node:` imports (tsup would strip the prefix by default).
 */
export function packageBuild(entry: string[], overrides: Options = {}) {
  // tsup runs in the package folder; pinned here because esbuild keeps the folder it started in.
  const packageDir = process.cwd();
  const browser = browserEntries(readPackageJson(packageDir))
    .map(({ source }) => source)
    .filter((source) => entry.some((e) => normalize(e) === source));
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    removeNodeProtocol: false,
    platform: browser.length > 0 ? 'neutral' : 'node',
    esbuildOptions(options) {
      options.absWorkingDir = packageDir;
      // `neutral` has no main fields; bundled (non-dependency) packages still need them.
      if (browser.length > 0) options.mainFields = ['module', 'main'];
    },
    esbuildPlugins: browser.length > 0 ? [nodeBuiltinsExternal(), browserEntryCheck(browser)] : [],
    ...overrides,
  });
}

function readPackageJson(dir: string): KokoroPackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as KokoroPackageJson;
}

/** The `neutral` platform resolves no built-ins; Node entries import them as they are. */
function nodeBuiltinsExternal(): EsbuildPlugin {
  return {
    name: 'kokoro-node-builtins-external',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
        isNodeBuiltin(args.path) ? { path: args.path, external: true } : undefined,
      );
    },
  };
}

/**
 * Before the real build: bundle the browser entries alone (dependencies external: each is checked
 * by its own package's build or by the browser tests) and fail on a Node built-in or global.
 */
function browserEntryCheck(entries: string[]): EsbuildPlugin {
  return {
    name: 'kokoro-browser-entry-check',
    setup(build) {
      build.onStart(async () => {
        const result = await build.esbuild
          .build({
            entryPoints: entries,
            absWorkingDir: build.initialOptions.absWorkingDir,
            bundle: true,
            write: false,
            outdir: 'browser-check',
            format: 'esm',
            platform: 'neutral',
            conditions: ['browser'],
            packages: 'external',
            define: nodeGlobalMarkers(),
            plugins: [nodeBuiltinGuard()],
            logLevel: 'silent',
          })
          .catch((error: { errors?: import('esbuild').Message[] }) => ({
            errors: error.errors ?? [],
            outputFiles: [],
          }));
        if (result.errors.length > 0) return { errors: result.errors };
        const uses = result.outputFiles.flatMap((file) => findNodeGlobals(file.text));
        if (uses.length === 0) return undefined;
        return {
          errors: [{ text: `A browser entry uses ${describeNodeGlobals(uses)}. ${BROWSER_SAFETY_HINT}` }],
        };
      });
    },
  };
}
