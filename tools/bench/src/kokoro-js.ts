import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type OrtModule = typeof import('onnxruntime-node');

const require = createRequire(import.meta.url);

/** kokoro-js's own dependency folders (it brings transformers.js, which brings onnxruntime-node). */
export function kokoroJsPaths(): {
  kokoroJs: string;
  transformers: string;
  transformersEsm: string;
  ort: string;
} {
  const kokoroJs = require.resolve('kokoro-js');
  const transformersCjs = createRequire(kokoroJs).resolve('@huggingface/transformers');
  const transformersDir = packageDir(transformersCjs);
  const pkg = JSON.parse(readFileSync(join(transformersDir, 'package.json'), 'utf8'));
  // The ESM build kokoro-js's `import '@huggingface/transformers'` loads in Node.
  const transformersEsm = join(transformersDir, pkg.exports.node.import.default);
  const ort = createRequire(transformersCjs).resolve('onnxruntime-node');
  return { kokoroJs, transformers: transformersCjs, transformersEsm, ort };
}

/** onnxruntime-node as transformers.js (so kokoro-js) loads it: the same module instance. */
export function kokoroJsOrt(): OrtModule {
  return createRequire(kokoroJsPaths().transformers)('onnxruntime-node') as OrtModule;
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}

function packageDir(entry: string): string {
  let dir = dirname(entry);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg.name === 'string') return dir;
    } catch {
      // not a package root; keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${entry}.`);
    dir = parent;
  }
}

/**
 * Makes every session created through `ort` use `threads` intra-op threads, and times every
 * `run`. transformers.js gives no way to pass session options through kokoro-js's
 * `from_pretrained`, so this patches the module's `InferenceSession.create`, shared by reference.
 */
export function instrumentOrt(ort: OrtModule, threads: number): { runMs: () => number; runs: () => number } {
  let runMs = 0;
  let runs = 0;
  const session = ort.InferenceSession as unknown as { create: (...args: unknown[]) => Promise<unknown> };
  const create = session.create.bind(session);
  session.create = async (...args: unknown[]) => {
    // (pathOrBuffer, options) is the form transformers.js uses.
    const [model, options] = args;
    const merged = {
      ...(typeof options === 'object' && options !== null ? options : {}),
      intraOpNumThreads: threads,
    };
    const created = (await create(model, merged)) as { run: (...a: unknown[]) => Promise<unknown> };
    const run = created.run.bind(created);
    created.run = async (...a: unknown[]) => {
      const t = performance.now();
      try {
        return await run(...a);
      } finally {
        runMs += performance.now() - t;
        runs += 1;
      }
    };
    return created;
  };
  return { runMs: () => runMs, runs: () => runs };
}
