import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserEntries, type KokoroPackageJson } from '../../tsup/browser-safety';
import {
  type BrowserBundle,
  bundleForBrowser,
  type ChromiumSession,
  GUARDED_NODE_GLOBALS,
  importInPage,
  launchChromium,
  openPage,
  type StaticServer,
  serveStatic,
  tempDir,
} from './harness';

/**
 * Every browser entry of every workspace package, derived from the packages' `exports` maps
 * (all but the subpaths their `"kokoro": { "node": [...] }` field lists), bundled the way a
 * consumer's bundler would — platform browser, no externals — then loaded in Chromium. A new
 * package is checked as soon as it has an `exports` map.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Entry {
  /** `@kokoro-kit/hub` or `@kokoro-kit/voice-store/cache`. */
  id: string;
  file: string;
  /** A script run for its effect (listed in the package's `sideEffects`, e.g. a worker entry). */
  script: boolean;
}

function workspaceEntries(): Entry[] {
  return ['packages', 'apps', 'tools'].flatMap((group) =>
    readdirSync(join(root, group)).flatMap((name) => {
      const dir = join(root, group, name);
      if (!existsSync(join(dir, 'package.json'))) return [];
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as KokoroPackageJson & {
        name: string;
        sideEffects?: boolean | string[];
      };
      const scripts = Array.isArray(pkg.sideEffects) ? pkg.sideEffects : [];
      return browserEntries(pkg).map(({ subpath, source }) => ({
        id: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        file: join(dir, source),
        script: scripts.some((file) => file.replace(/^\.\//, '') === source.replace(/^\.\//, '')),
      }));
    }),
  );
}

/**
 * protobufjs 6 (under onnx-proto, used by model-optimizer and synthetic-model) feature-detects
 * Node with `typeof global` and hides an optional `require` from bundlers; both are guarded and
 * inert in a browser (the load test below proves it). Nothing else is allowed.
 */

const entries = workspaceEntries();
const bundles = new Map<string, BrowserBundle>();
let dir: string;

beforeAll(async () => {
  dir = await tempDir('kokoro-entries-');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The output name of an entry: `kokoro-kit__hub`, `kokoro-kit__voice-store__cache`. */
function outName(id: string): string {
  return id.replace(/^@/, '').replace(/\//g, '__');
}

describe('every browser entry bundles for browsers with no externals', () => {
  it('finds the entries from the exports maps (and skips the Node-only ones)', () => {
    const ids = entries.map((e) => e.id);
    for (const expected of [
      '@kokoro-kit/core',
      '@kokoro-kit/tokenizer',
      '@kokoro-kit/voice-store',
      '@kokoro-kit/g2p-en',
      '@kokoro-kit/g2p-espeak',
      '@kokoro-kit/g2p-ja',
      '@kokoro-kit/g2p-zh',
      '@kokoro-kit/hub',
      '@kokoro-kit/pipeline',
      '@kokoro-kit/model-optimizer',
      '@kokoro-kit/synthetic-model',
    ])
      expect(ids).toContain(expected);
    for (const nodeOnly of [
      '@kokoro-kit/core/testing',
      '@kokoro-kit/voice-store/node',
      '@kokoro-kit/hub/node',
      '@kokoro-kit/hub/testing',
      '@kokoro-kit/runtime-node',
      '@kokoro-kit/cli',
      '@kokoro-kit/browser-tests/harness',
    ])
      expect(ids).not.toContain(nodeOnly);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    const bundle = await bundleForBrowser({
      entries: { [outName(entry.id)]: entry.file },
      outdir: dir,
      allowNodeGlobals: GUARDED_NODE_GLOBALS,
    });
    bundles.set(entry.id, bundle);
  });
});

describe('every browser entry loads in Chromium', () => {
  let server: StaticServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    server = await serveStatic({
      dir,
      files: { '/': { body: '<!doctype html><meta charset="utf-8"><title>entries</title>' } },
    });
    session = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('evaluates each bundle without errors, and nothing leaves 127.0.0.1', async () => {
    expect(bundles.size).toBe(entries.length);
    const { page, errors } = await openPage(session, `${server.origin}/`);
    const failures: string[] = [];
    for (const [id, bundle] of bundles) {
      const url = `/${relative(dir, Object.values(bundle.files)[0]!)}`;
      const script = entries.find((entry) => entry.id === id)?.script ?? false;
      const outcome = await importInPage(page, url).then(
        (names) => (names.length > 0 || script ? 'ok' : 'no exports'),
        (error: unknown) => String(error),
      );
      if (outcome !== 'ok') failures.push(`${id}: ${outcome}`);
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    expect(session.offHostRequests).toEqual([]);
  }, 120_000);
});
