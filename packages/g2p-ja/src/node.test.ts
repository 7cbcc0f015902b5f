import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KokoroError } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { describe, expect, it } from 'vitest';
import { createJapaneseG2P, joinJapanesePhonemes, loadJaWords } from './node';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('Node entry', () => {
  it('reads ja_words.txt from a path given by the caller', async () => {
    const words = await loadJaWords(join(misakiLexiconDir, 'ja_words.txt'));
    // 147,570 newlines and a last line without one (spec §5.2 says 147,570 words: it counts newlines).
    expect(words.length).toBe(147_571);
    const g2p = await createJapaneseG2P({ wordsFile: join(misakiLexiconDir, 'ja_words.txt') });
    expect(joinJapanesePhonemes(await g2p.phonemize('ありがとうございます'))).toBe('aɾʲiɡatoː ɡoʣaimasɨ');
  });

  it('reports a missing ja_words file as LEXICON_NOT_FOUND', async () => {
    const error = await createJapaneseG2P({ wordsFile: join(misakiLexiconDir, 'nope.txt') }).catch(
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'LEXICON_NOT_FOUND')).toBe(true);
  });

  it('depends at run time on core and kuromoji only', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@kokoro-kit/core', '@sglkc/kuromoji']);
  });

  it('works alone: a fresh Node process importing only @kokoro-kit/g2p-ja/node', async () => {
    // pnpm's strict node_modules: the package resolves nothing it does not declare.
    const script = [
      "import { createJapaneseG2P, joinJapanesePhonemes } from '@kokoro-kit/g2p-ja/node';",
      'const g2p = await createJapaneseG2P();',
      "console.log(joinJapanesePhonemes(await g2p.phonemize('こんにちは、世界。')));",
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@kokoro-kit/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: packageDir },
    );
    expect(stdout.trim()).toBe('koɲɲiʨiβa, sekai.');
  });
});
