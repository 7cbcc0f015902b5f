import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { BROWSER_GLUE_FILE, browserGlue, readEspeakGlue } from '../../scripts/browser-glue';
import { createEspeakEngine } from '../engine';

// This file runs the engine on the browser glue (the one every non-Node resolver gets).
vi.mock('#espeak-ng', () => import('./browser.js'));

describe('the browser glue (src/glue/espeak-ng.browser.js)', () => {
  it('is what scripts/browser-glue.ts makes from the installed espeak-ng (regenerate with `pnpm glue`)', async () => {
    const { source, version } = readEspeakGlue();
    expect(await readFile(BROWSER_GLUE_FILE, 'utf8')).toBe(browserGlue(source, version));
  });

  it('fails loudly when espeak-ng changes under it', () => {
    expect(() => browserGlue('var ENVIRONMENT_IS_NODE = true;', '9.9.9')).toThrow(/expected .* once/);
  });

  it('phonemizes like the Node glue', async () => {
    const wasm = await readFile(createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm'));
    const engine = await createEspeakEngine({ wasm });
    expect(engine.run(['-q', '--ipa', '--tie=^', '-v', 'es'], 'hola mundo').stdout).toEqual(['ˈola mˈundo']);
    engine.dispose();
  });

  it('has no default WASM location a bundler could follow: the engine asks for `wasm`', async () => {
    await expect(createEspeakEngine()).rejects.toMatchObject({ code: 'ESPEAK_WASM_NOT_FOUND' });
  });
});
