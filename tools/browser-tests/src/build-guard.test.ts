import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageBuild } from '../../tsup/config';
import { tempDir } from './harness';

/**
 * The shared package build (`tools/tsup/config.ts`) on a throwaway package: a browser entry that
 * reaches a Node built-in or global fails the build; Node entries keep their `node:` imports.
 */
let dir: string;
const cwd = process.cwd();

beforeAll(async () => {
  dir = await tempDir('kokoro-build-guard-');
});

afterAll(async () => {
  process.chdir(cwd);
  await rm(dir, { recursive: true, force: true });
});

/** Writes a package (`package.json` with `.` and `./node` exports) and builds it with packageBuild. */
async function buildPackage(name: string, files: Record<string, string>, nodeOnly = ['./node']) {
  const root = join(dir, name);
  await mkdir(join(root, 'src'), { recursive: true });
  const exports = {
    '.': { '@kokoro-kit/source': './src/index.ts', import: './dist/index.js' },
    './node': { '@kokoro-kit/source': './src/node.ts', import: './dist/node.js' },
  };
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name, type: 'module', exports, kokoro: { node: nodeOnly } }),
  );
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, 'src', file), text);
  process.chdir(root);
  try {
    const options = packageBuild(['src/index.ts', 'src/node.ts'], { dts: false, silent: true }) as Options;
    await build(options);
  } finally {
    process.chdir(cwd);
  }
  return root;
}

const NODE_ENTRY =
  "import { readFile } from 'node:fs/promises';\nexport const read = (p: string) => readFile(p);\n";

describe('packageBuild', () => {
  it('fails when a browser entry imports a Node built-in, however deep', async () => {
    await expect(
      buildPackage('stray-import', {
        'index.ts': "export { size } from './util';\n",
        'util.ts':
          "import { statSync } from 'node:fs';\nexport const size = (p: string) => statSync(p).size;\n",
        'node.ts': NODE_ENTRY,
      }),
    ).rejects.toThrow(/"node:fs" is a Node built-in module/);
  });

  it('fails on a bare built-in name too (`fs`)', async () => {
    await expect(
      buildPackage('bare-builtin', {
        'index.ts': "import { statSync } from 'fs';\nexport const size = (p: string) => statSync(p).size;\n",
        'node.ts': NODE_ENTRY,
      }),
    ).rejects.toThrow(/"fs" is a Node built-in module/);
  });

  it('fails when a browser entry uses a Node global', async () => {
    await expect(
      buildPackage('stray-global', {
        'index.ts': "export const decode = (s: string) => Buffer.from(s, 'base64');\n",
        'node.ts': NODE_ENTRY,
      }),
    ).rejects.toThrow(/the Node global `Buffer` in src\/index\.ts/);
  });

  it('builds Node entries with their `node:` imports kept', async () => {
    const root = await buildPackage('clean', {
      'index.ts': 'export const twice = (n: number) => n * 2;\n',
      'node.ts': NODE_ENTRY,
    });
    expect(await readFile(join(root, 'dist/node.js'), 'utf8')).toContain('from "node:fs/promises"');
    expect(await readFile(join(root, 'dist/index.js'), 'utf8')).toContain('n * 2');
  });

  it('lets a Node-only package (`"node": ["."]`) use Node everywhere', async () => {
    const root = await buildPackage(
      'node-only',
      { 'index.ts': NODE_ENTRY, 'node.ts': 'export const one = 1;\n' },
      ['.', './node'],
    );
    expect(await readFile(join(root, 'dist/index.js'), 'utf8')).toContain('node:fs/promises');
  });
});
