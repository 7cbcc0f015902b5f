/**
 * The package works alone: imported by its own name, with only core beside it, and none of the
 * other kokoro-kit adapters among its dependencies or imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { createMandarinG2P, joinPhonemes } from '@kokoro-kit/g2p-zh';
import { describe, expect, it } from 'vitest';
import { pinyin } from './__fixtures__/pypinyin';

const root = join(import.meta.dirname, '..');

describe('@kokoro-kit/g2p-zh on its own', () => {
  it('phonemizes through its public entry', async () => {
    const g2p = await createMandarinG2P({ pinyin });
    expect(joinPhonemes(await g2p.phonemize('你好，世界。'))).toBe('ni↓xau↓, ʂɨ↘ʨje↘.');
    const error = await g2p.phonemize('hello', { language: 'en-US' }).catch((e: unknown) => e);
    expect(KokoroError.isInstance(error)).toBe(true);
  });

  it('depends on core and jieba-wasm only', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@kokoro-kit/core', 'jieba-wasm']);
    expect(pkg.peerDependencies).toBeUndefined();
  });

  it('imports no other kokoro-kit package and no node: module from its browser sources', () => {
    // node.ts is the `./node` entry (file loading); everything else is reachable from the root.
    const sources = readdirSync(join(root, 'src')).filter(
      // `*.properties.ts` are test code (the property tests' definitions), not shipped; `node.ts`
      // is the Node entry.
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.properties.ts') && f !== 'node.ts',
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const code = readFileSync(join(root, 'src', file), 'utf8');
      const imports = [...code.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]);
      for (const spec of imports) {
        expect(spec?.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
        if (spec?.startsWith('@kokoro-kit/')) expect(spec, file).toBe('@kokoro-kit/core');
      }
    }
  });
});
