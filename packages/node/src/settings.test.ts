import { join } from 'node:path';
import { DEFAULT_MODEL_ID } from '@kokoro-kit/hub';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from './settings';

describe('resolveSettings', () => {
  it('takes options over the env record, and treats empty variables as unset', () => {
    const env = {
      KOKORO_MODEL: 'env.onnx',
      KOKORO_VOICES_DIR: '',
      KOKORO_LEXICON_DIR: '/env/lexicon',
      KOKORO_CACHE_DIR: '/env/cache',
      KOKORO_OFFLINE: '1',
      KOKORO_OPTIMIZE: '0',
      KOKORO_HUB_URL: 'http://mirror',
    };
    const fromEnv = resolveSettings({ env });
    expect(fromEnv).toMatchObject({
      model: 'env.onnx',
      voicesDir: undefined,
      lexiconDir: '/env/lexicon',
      cacheDir: '/env/cache',
      optimizedDir: join('/env/cache', 'optimized'),
      offline: true,
      optimize: false,
      hubUrl: 'http://mirror',
    });
    const options = resolveSettings({
      env,
      model: 'mine.onnx',
      cacheDir: '/mine',
      offline: false,
      optimize: true,
    });
    expect(options).toMatchObject({ model: 'mine.onnx', cacheDir: '/mine', offline: false, optimize: true });
  });

  it('reads no environment unless given one', () => {
    const saved = process.env.KOKORO_CACHE_DIR;
    process.env.KOKORO_CACHE_DIR = '/from/process';
    try {
      const settings = resolveSettings({});
      expect(settings.cacheDir).not.toBe('/from/process');
      expect(settings.model).toBe(DEFAULT_MODEL_ID);
      expect(settings.offline).toBe(false);
      expect(settings.optimize).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.KOKORO_CACHE_DIR;
      else process.env.KOKORO_CACHE_DIR = saved;
    }
  });
});
