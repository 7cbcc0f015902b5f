import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnglishG2PFromDir, joinPhonemes, loadMisakiLexicon, MISAKI_LEXICON_FILES } from './node';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kokoro-g2p-en-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<KokoroError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!KokoroError.isInstance(error)) throw new Error(`expected a KokoroError, got ${String(error)}`);
  return error;
}

describe('loadMisakiLexicon', () => {
  it('loads each dialect from the real files, and says how long it took', async () => {
    for (const dialect of ['en-US', 'en-GB'] as const) {
      const started = performance.now();
      const lexicon = await loadMisakiLexicon(misakiLexiconDir, dialect);
      const ms = performance.now() - started;
      console.log(
        `load ${dialect} (${Object.values(MISAKI_LEXICON_FILES[dialect]).join(' + ')}): ${ms.toFixed(0)} ms`,
      );
      expect(lexicon.dialect).toBe(dialect);
      expect(lexicon.gold.get('hello')).toBe(dialect === 'en-US' ? 'həlˈO' : 'həlˈQ');
    }
  });

  it('accepts dialect aliases and rejects other languages', async () => {
    expect((await loadMisakiLexicon(misakiLexiconDir, 'b')).dialect).toBe('en-GB');
    const error = await failure(loadMisakiLexicon(misakiLexiconDir, 'fr'));
    expect(error.code).toBe('UNSUPPORTED_LANGUAGE');
  });

  it('names the missing file, the folder and the fix', async () => {
    const dir = join(scratch, 'only-gold');
    await mkdir(dir);
    await copyFile(join(misakiLexiconDir, 'us_gold.json'), join(dir, 'us_gold.json'));
    const error = await failure(loadMisakiLexicon(dir, 'en-US'));
    expect(error.code).toBe('LEXICON_NOT_FOUND');
    expect(error.message).toContain('us_silver.json');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('--lexicon DIR');
    expect(error.message).toContain('KOKORO_LEXICON_DIR');

    const missingDir = await failure(loadMisakiLexicon(join(scratch, 'nowhere'), 'en-GB'));
    expect(missingDir.code).toBe('LEXICON_NOT_FOUND');
    expect(missingDir.message).toMatch(/gb_(gold|silver)\.json is missing/);
  });

  it('reports malformed JSON and malformed entries as INVALID_LEXICON', async () => {
    const dir = join(scratch, 'broken');
    await mkdir(dir);
    await writeFile(join(dir, 'us_gold.json'), '{"hello": "həlˈO",');
    await writeFile(join(dir, 'us_silver.json'), '{}');
    const badJson = await failure(loadMisakiLexicon(dir, 'en-US'));
    expect(badJson.code).toBe('INVALID_LEXICON');
    expect(badJson.message).toContain(join(dir, 'us_gold.json'));

    await writeFile(join(dir, 'us_gold.json'), '{"hello": ["həlˈO"]}');
    const badEntry = await failure(loadMisakiLexicon(dir, 'en-US'));
    expect(badEntry.code).toBe('INVALID_LEXICON');
    expect(badEntry.message).toContain('"hello"');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(loadMisakiLexicon(misakiLexiconDir, 'en-US', { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
  });
});

describe('createEnglishG2PFromDir', () => {
  it('loads only the dialects asked for', async () => {
    const dir = join(scratch, 'gb-only');
    await mkdir(dir);
    for (const file of Object.values(MISAKI_LEXICON_FILES['en-GB'])) {
      await copyFile(join(misakiLexiconDir, file), join(dir, file));
    }
    const g2p = await createEnglishG2PFromDir({ dir, dialects: ['en-GB'] });
    expect(g2p.languages).toEqual(['en-GB']);
    expect(joinPhonemes(await g2p.phonemize('Hello, world!', { language: 'en-gb' }))).toBe('həlˈQ, wˈɜːld!');
    // Asking for US from a folder without the US files names them.
    const error = await failure(createEnglishG2PFromDir({ dir, dialects: ['en-US'] }));
    expect(error.code).toBe('LEXICON_NOT_FOUND');
  });

  it('loads both dialects by default and passes the user lexicon on', async () => {
    const g2p = await createEnglishG2PFromDir({ dir: misakiLexiconDir, userLexicon: { Kokoro: 'kˈOkəɹO' } });
    expect(g2p.languages).toEqual(['en-US', 'en-GB']);
    expect(joinPhonemes(await g2p.phonemize('Kokoro', { language: 'en-GB' }))).toBe('kˈOkəɹO');
  });
});
