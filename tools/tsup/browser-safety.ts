import { builtinModules } from 'node:module';
import { normalize } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * The one definition of "browser-safe" for kokoro-kit: a browser entry, and everything it
 * imports, reaches no Node built-in module and no Node global. The package builds
 * (`tools/tsup/config.ts`) and the browser tests (`tools/browser-tests`) both use it.
 */

export interface KokoroPackageJson {
  exports?: Record<string, unknown>;
  kokoro?: { node?: string[] };
}

export interface BrowserEntry {
  /** The export subpath: `.`, `./cache`. */
  subpath: string;
  /** Its `@kokoro-kit/source` file, normalized, relative to the package (`src/index.ts`). */
  source: string;
}

/**
 * The package's browser entries: every export with a `@kokoro-kit/source` file, except the
 * subpaths that `"kokoro": { "node": [...] }` lists as Node-only (`"."` for a Node-only
 * package). Builds and browser tests derive their lists from this one rule.
 */
export function browserEntries(pkg: KokoroPackageJson): BrowserEntry[] {
  const nodeOnly = new Set(pkg.kokoro?.node ?? []);
  return Object.entries(pkg.exports ?? {}).flatMap(([subpath, target]) => {
    const source = (target as Record<string, unknown> | null)?.['@kokoro-kit/source'];
    if (nodeOnly.has(subpath) || typeof source !== 'string') return [];
    return [{ subpath, source: normalize(source) }];
  });
}

const BUILTINS = new Set(builtinModules.filter((id) => !id.startsWith('_')));

/** `node:fs`, `fs`, `fs/promises`, `node:test` … (not `_http_agent`-style internals). */
export function isNodeBuiltin(id: string): boolean {
  if (id.startsWith('node:')) return true;
  return BUILTINS.has(id);
}

/** Free identifiers (and `globalThis.` properties) that exist only in Node. */
export const NODE_GLOBALS = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'global',
  'globalThis.process',
  'globalThis.Buffer',
] as const;

const MARKER = '__kokoro_node_global__';

/**
 * esbuild `define`s that rename each Node global to a marker, so the bundle shows where one is
 * used. esbuild replaces only unbound identifiers, so a local variable named `process` is not
 * reported. In a browser the renamed global is as undefined as the original (same behaviour).
 */
export function nodeGlobalMarkers(): Record<string, string> {
  return Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${MARKER}${name.replace('.', '_')}`]));
}

export interface NodeGlobalUse {
  /** e.g. `process`, `globalThis.Buffer`; `require` for a require() esbuild could not bundle. */
  global: string;
  /** The bundled module that uses it, as esbuild names it in the bundle's comments. */
  module: string;
}

/**
 * The Node globals used by a bundle built with `nodeGlobalMarkers()` (not minified: esbuild
 * starts each module with a `// path` comment, which names the culprit).
 */
export function findNodeGlobals(code: string): NodeGlobalUse[] {
  const uses = new Map<string, NodeGlobalUse>();
  let module = '(bundle)';
  const requireShim = code.includes('Dynamic require of');
  const names = new Map(NODE_GLOBALS.map((name) => [`${MARKER}${name.replace('.', '_')}`, name]));
  for (const line of code.split('\n')) {
    const comment = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(line);
    if (comment) module = comment[1]!;
    for (const match of line.matchAll(new RegExp(`${MARKER}[\\w]+`, 'g'))) {
      const global = names.get(match[0]) ?? match[0];
      uses.set(`${global} ${module}`, { global, module });
    }
    // A call of esbuild's shim for a require() it could not bundle (it reads Node's `require`).
    if (requireShim && /\b__require\(/.test(line) && !line.includes('Dynamic require of'))
      uses.set(`require ${module}`, { global: 'require', module });
  }
  return [...uses.values()];
}

/** One phrase per use, for error messages. */
export function describeNodeGlobals(uses: readonly NodeGlobalUse[]): string {
  return uses.map((use) => `the Node global \`${use.global}\` in ${use.module}`).join('; ');
}

export const BROWSER_SAFETY_HINT =
  'Browser entries (and everything they import) must not use Node modules or globals; ' +
  'move that code to a Node-only entry such as `./node` (see ARCHITECTURE.md, "Browser entries").';

/**
 * An esbuild plugin that fails the build, at the import, when anything imports a Node built-in
 * module. (esbuild alone either leaves `node:` imports external or reports "Could not resolve",
 * depending on the platform; this says what is wrong and what to do.)
 */
export function nodeBuiltinGuard(): Plugin {
  return {
    name: 'kokoro-node-builtin-guard',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        return {
          errors: [
            {
              text: `"${args.path}" is a Node built-in module, imported from a browser entry's module graph. ${BROWSER_SAFETY_HINT}`,
            },
          ],
        };
      });
    },
  };
}
