import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type G2P, G2PError, KokoroError, type ModelRuntime } from '@kokoro-kit/core';
import { createEnglishG2PFromDir } from '@kokoro-kit/g2p-en/node';
import { createEspeakEnglishFallback, createEspeakG2P } from '@kokoro-kit/g2p-espeak';
import { createJapaneseG2P } from '@kokoro-kit/g2p-ja/node';
import { HubError, type HubProgress, MISAKI_COMMIT } from '@kokoro-kit/hub';
import { startHubServer } from '@kokoro-kit/hub/testing';
import { createTTS, type TextInput } from '@kokoro-kit/pipeline';
import { createNodeRuntime } from '@kokoro-kit/runtime-node';
import { writeSyntheticModel } from '@kokoro-kit/synthetic-model/node';
import { misakiLexiconDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createTokenizer } from '@kokoro-kit/tokenizer';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Importer } from './language-packages';
import { createNodeTTS, type NodeTTS, type NodeTTSOptions } from './tts';

let work: string;
let model: string;
let runtime: ModelRuntime;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kokoro-node-'));
  model = join(work, 'tiny.onnx');
  await writeSyntheticModel(model, { preset: 'tiny', durations: true });
  runtime = await createNodeRuntime({ model });
});

afterAll(async () => {
  await runtime.dispose();
  await rm(work, { recursive: true, force: true });
});

/** The preset on local files (the model as is, so it matches a plain runtime sample for sample). */
async function localTTS(options: NodeTTSOptions = {}): Promise<NodeTTS> {
  return createNodeTTS({
    model,
    voices: realVoicesDir,
    lexicon: misakiLexiconDir,
    cacheDir: join(work, 'cache'),
    optimize: false,
    ...options,
  });
}

/** The same speech wired by hand with `createTTS`: what the preset must reproduce. */
async function byHand(g2p: G2P, text: TextInput, voice: string) {
  const tts = createTTS({
    g2p,
    tokenizer: createTokenizer(),
    voices: createDirectoryVoiceStore({ dir: realVoicesDir }),
    runtime,
  });
  return tts.synthesize(text, { voice });
}

/** An importer that records what it loads, then loads it. */
function recordingImporter(): { importer: Importer; loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    importer: (specifier) => {
      loaded.push(specifier);
      return import(/* @vite-ignore */ specifier);
    },
  };
}

/** An importer on which `missing` is not installed (Node's error for it). */
function withoutPackage(missing: string): Importer {
  return (specifier) => {
    if (specifier === missing || specifier.startsWith(`${missing}/`)) {
      const error = new Error(
        `Cannot find package '${missing}' imported from /app/node_modules/@kokoro-kit/node/dist/index.js`,
      );
      return Promise.reject(Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' }));
    }
    return import(/* @vite-ignore */ specifier);
  };
}

async function rejection(promise: Promise<unknown>): Promise<KokoroError> {
  try {
    await promise;
  } catch (error) {
    if (KokoroError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('createNodeTTS speaks like the pipeline wired by hand', () => {
  it('English (misaki lexicons, espeak for unknown words)', async () => {
    const tts = await localTTS();
    const text = 'Hello world. The quick brown fox jumps over Zorblatt.';
    const ours = await tts.synthesize(text, { voice: 'af_heart' });
    const g2p = await createEnglishG2PFromDir({
      dir: misakiLexiconDir,
      dialects: ['en-US'],
      fallback: createEspeakEnglishFallback(),
    });
    const reference = await byHand(g2p, text, 'af_heart');
    expect(ours.samples.length).toBeGreaterThan(24_000 * 0.5);
    expect(ours.samples).toEqual(reference.samples);
    expect(ours.words?.map((w) => w.text)).toEqual(reference.words?.map((w) => w.text));
    await tts.dispose();
  });

  it('Japanese, from the voice letter', async () => {
    const tts = await localTTS();
    const text = '今日はいい天気ですね。';
    const ours = await tts.synthesize(text, { voice: 'jf_alpha' });
    const reference = await byHand(await createJapaneseG2P(), text, 'jf_alpha');
    expect(ours.samples.length).toBeGreaterThan(0);
    expect(ours.samples).toEqual(reference.samples);
    await tts.dispose();
  });

  it('Spanish through espeak, streamed', async () => {
    const tts = await localTTS();
    const text = 'Hola, ¿cómo estás? Muy bien, gracias.';
    const chunks = [];
    for await (const chunk of tts.stream(text, { voice: 'ef_dora' })) chunks.push(chunk);
    const reference = await byHand(createEspeakG2P(), text, 'ef_dora');
    expect(chunks.map((c) => c.phonemes)).toEqual(reference.chunks.map((c) => c.phonemes));
    const samples = Float32Array.from(chunks.flatMap((c) => Array.from(c.samples)));
    expect(samples).toEqual(reference.samples);
    await tts.dispose();
  });
});

describe('language per call', () => {
  it('takes the language from the call over the voice, in any spelling', async () => {
    const tts = await localTTS();
    const spanish = await tts.phonemize('Buenos días', { language: 'es' });
    expect(spanish.phonemes).toBe(
      (await createEspeakG2P().phonemize('Buenos días', { language: 'es' })).map((t) => t.phonemes).join(' '),
    );
    const english = await tts.synthesize('Buenos días', { voice: 'af_heart' });
    const asSpanish = await tts.synthesize('Buenos días', { voice: 'af_heart', language: 'E' });
    expect(asSpanish.chunks.map((c) => c.phonemes)).toEqual([spanish.phonemes]);
    expect(english.chunks[0]?.phonemes).not.toBe(spanish.phonemes);
    const british = await tts.phonemize('tomato', { language: 'en_GB' });
    const american = await tts.phonemize('tomato', { language: 'a' });
    expect(british.phonemes).not.toBe(american.phonemes);
    await tts.dispose();
  });

  it('follows a voice switch inside the text to its language, unless the call fixed one', async () => {
    const tts = await localTTS();
    const text = 'Good morning. [voice:ef_dora] Buenos días.';
    const spanish = (await tts.phonemize('Buenos días.', { language: 'es' })).phonemes;
    const switched = await tts.synthesize(text, { voice: 'af_heart' });
    expect(switched.chunks.map((c) => c.phonemes)).toContain(spanish);
    const fixed = await tts.synthesize(text, { voice: 'af_heart', language: 'en-us' });
    expect(fixed.chunks.map((c) => c.phonemes)).not.toContain(spanish);
    await tts.dispose();
  });

  it('rejects a language Kokoro does not speak, naming the accepted ones', async () => {
    const tts = await localTTS();
    const error = await rejection(tts.synthesize('Hallo', { language: 'de' }));
    expect(error).toBeInstanceOf(G2PError);
    expect(error.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(error.message).toMatch(/en-us, en-gb, es/);
    expect((await rejection(tts.phonemize('Hallo', { language: 'de' }))).code).toBe('UNSUPPORTED_LANGUAGE');
  });
});

describe('language packages', () => {
  it('are imported only when their language is first used, once', async () => {
    const { importer, loaded } = recordingImporter();
    const tts = await localTTS({ importer });
    expect(loaded).toEqual([]);
    await tts.synthesize('Hello.', { voice: 'af_heart' });
    expect(loaded.sort()).toEqual(['@kokoro-kit/g2p-en/node', '@kokoro-kit/g2p-espeak']);
    await tts.synthesize('Hello again.', { voice: 'am_adam' });
    await tts.phonemize('Bonjour', { language: 'fr-fr' });
    await tts.phonemize('Ciao', { language: 'it' }); // shares the espeak G2P with French
    expect(loaded).toHaveLength(3);
    expect(loaded.filter((s) => s.includes('g2p-ja') || s.includes('g2p-zh'))).toEqual([]);
    await tts.phonemize('こんにちは', { language: 'ja' });
    expect(loaded.at(-1)).toBe('@kokoro-kit/g2p-ja/node');
    await tts.dispose();
  });

  it('a missing package is a typed error naming the package to install', async () => {
    const tts = await localTTS({ importer: withoutPackage('@kokoro-kit/g2p-ja') });
    const error = await rejection(tts.synthesize('こんにちは', { voice: 'jf_alpha' }));
    expect(error).toBeInstanceOf(G2PError);
    expect(error.code).toBe('LANGUAGE_PACKAGE_MISSING');
    expect(error.message).toBe('Japanese needs @kokoro-kit/g2p-ja: npm install @kokoro-kit/g2p-ja');
    // Other languages still work.
    expect((await tts.synthesize('Hello.', { voice: 'af_heart' })).samples.length).toBeGreaterThan(0);
    const zh = await createNodeTTS({ importer: withoutPackage('@kokoro-kit/g2p-zh') });
    expect((await rejection(zh.phonemize('你好', { language: 'zh' }))).message).toBe(
      'Mandarin Chinese needs @kokoro-kit/g2p-zh: npm install @kokoro-kit/g2p-zh',
    );
    const es = await createNodeTTS({ importer: withoutPackage('@kokoro-kit/g2p-espeak') });
    expect((await rejection(es.phonemize('Hola', { language: 'es' }))).message).toMatch(
      /^Spanish needs @kokoro-kit\/g2p-espeak: npm install @kokoro-kit\/g2p-espeak$/,
    );
    await tts.dispose();
  });

  it("recognizes Node's own error for a package that is not installed", async () => {
    // What Node says when it imports the package from a folder where it is not installed.
    const script =
      "import('@kokoro-kit/g2p-zh').catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))";
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work });
    const { code, message } = JSON.parse(output.toString()) as { code: string; message: string };
    const importer: Importer = async () => {
      throw Object.assign(new Error(message), { code });
    };
    const tts = await localTTS({ importer });
    const error = await rejection(tts.phonemize('你好', { language: 'zh' }));
    expect(error.code).toBe('LANGUAGE_PACKAGE_MISSING');
    expect((error.cause as { code?: string }).code).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('a package whose own dependency is missing is not reported as the package missing', async () => {
    const broken: Importer = (specifier) =>
      specifier.startsWith('@kokoro-kit/g2p-ja')
        ? Promise.reject(
            Object.assign(
              new Error(
                "Cannot find package '@sglkc/kuromoji' imported from /app/node_modules/@kokoro-kit/g2p-ja/dist/node.js",
              ),
              { code: 'ERR_MODULE_NOT_FOUND' },
            ),
          )
        : import(/* @vite-ignore */ specifier);
    const tts = await localTTS({ importer: broken });
    await expect(tts.phonemize('こんにちは', { language: 'ja' })).rejects.toThrow(/@sglkc\/kuromoji/);
  });

  it('without g2p-espeak, English reads known words and warns about unknown ones', async () => {
    const warnings: string[] = [];
    const tts = await localTTS({
      importer: withoutPackage('@kokoro-kit/g2p-espeak'),
      onWarning: (warning) => warnings.push(warning.kind),
    });
    const plain = await tts.phonemize('Hello Zorblatt');
    const withEspeak = await (await localTTS()).phonemize('Hello Zorblatt');
    expect(warnings).toContain('unknown-word');
    expect(plain.tokens[0]?.phonemes).toBe(withEspeak.tokens[0]?.phonemes);
    expect(plain.tokens[1]?.phonemes).not.toBe(withEspeak.tokens[1]?.phonemes);
    expect(withEspeak.tokens[1]?.phonemes).not.toBe('');
  });
});

describe('assets', () => {
  it('downloads a hub model, its voice and the lexicons once, then speaks offline from the cache', async () => {
    const repo = 'test-org/kokoro-synthetic';
    const misaki = (file: string) => `/hexgrad/misaki/${MISAKI_COMMIT}/misaki/data/${file}`;
    const server = await startHubServer({
      files: {
        [`/${repo}/resolve/main/onnx/model.onnx`]: new Uint8Array(await readFile(model)),
        [`/${repo}/resolve/main/voices/af_heart.bin`]: join(realVoicesDir, 'af_heart.bin'),
        [misaki('us_gold.json')]: join(misakiLexiconDir, 'us_gold.json'),
        [misaki('us_silver.json')]: join(misakiLexiconDir, 'us_silver.json'),
      },
    });
    try {
      const cacheDir = await mkdtemp(join(work, 'hub-'));
      const progress = new Set<string>();
      const hub = { model: repo, cacheDir, hubUrl: server.url, lexiconUrl: server.url, optimize: false };
      const online = await createNodeTTS({
        ...hub,
        onProgress: (event: HubProgress) => progress.add(event.asset.urlPath.split('/').pop() ?? ''),
      });
      const spoken = await online.synthesize('Hello world.', { voice: 'af_heart' });
      await online.dispose();
      expect([...progress].sort()).toEqual(['af_heart.bin', 'model.onnx', 'us_gold.json', 'us_silver.json']);
      expect(spoken.samples).toEqual((await (await localTTS()).synthesize('Hello world.')).samples);

      server.requests.length = 0;
      const offline = await createNodeTTS({ ...hub, offline: true });
      expect((await offline.synthesize('Hello world.', { voice: 'af_heart' })).samples).toEqual(
        spoken.samples,
      );
      await offline.dispose();
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('offline with an empty cache: a HubError naming the file and the option to pass', async () => {
    const cacheDir = await mkdtemp(join(work, 'empty-'));
    const tts = await createNodeTTS({ cacheDir, offline: true });
    const voice = await rejection(tts.synthesize('Hello.'));
    expect(voice).toBeInstanceOf(HubError);
    expect(voice.code).toBe('HUB_OFFLINE');
    expect(voice.message).toMatch(/voices\/af_heart\.bin is not in the cache and offline mode is on/);
    expect(voice.message).toMatch(/pass the `voices` option/);
    expect(voice.message).not.toMatch(/--/);
    const modelMissing = await rejection(
      (await createNodeTTS({ cacheDir, offline: true, voices: realVoicesDir })).synthesize('Hello.'),
    );
    expect(modelMissing.message).toMatch(/onnx\/model\.onnx is not in the cache .* pass the `model` option/);
    const lexicon = await rejection(
      (await createNodeTTS({ cacheDir, env: { KOKORO_OFFLINE: '1' } })).phonemize('Hello.'),
    );
    expect(lexicon.message).toMatch(/us_gold\.json is not in the cache .* pass the `lexicon` option/);
  });

  it('reads KOKORO_* only from the env it is given', async () => {
    const env = {
      KOKORO_MODEL: model,
      KOKORO_VOICES_DIR: realVoicesDir,
      KOKORO_LEXICON_DIR: misakiLexiconDir,
    };
    const tts = await createNodeTTS({ env, optimize: false, cacheDir: join(work, 'cache') });
    const reference = await (await localTTS()).synthesize('Hello.');
    expect((await tts.synthesize('Hello.')).samples).toEqual(reference.samples);
    const saved = process.env.KOKORO_MODEL;
    process.env.KOKORO_MODEL = join(work, 'nowhere.onnx');
    try {
      const ignoring = await localTTS({
        model: undefined,
        offline: true,
        cacheDir: await mkdtemp(join(work, 'env-')),
      });
      // Not the process's KOKORO_MODEL: the default hub model, which is not cached.
      expect((await rejection(ignoring.synthesize('Hello.'))).message).toMatch(
        /Kokoro-82M-v1\.0-ONNX.*model\.onnx/,
      );
    } finally {
      if (saved === undefined) delete process.env.KOKORO_MODEL;
      else process.env.KOKORO_MODEL = saved;
    }
  });

  it('checks the voice before loading the model', async () => {
    const tts = await localTTS({ model: join(work, 'missing.onnx') });
    expect((await rejection(tts.synthesize('Hello.', { voice: 'nobody' }))).code).toBe('UNKNOWN_VOICE');
    expect((await rejection(tts.synthesize('Hello.', { voice: 'af_heart' }))).code).toBe('MODEL_NOT_FOUND');
  });

  it('lists the voices of the folder, or the known Kokoro voices without downloading', async () => {
    expect((await (await localTTS()).voices()).length).toBe(54);
    const known = await (await createNodeTTS({ offline: true, cacheDir: join(work, 'none') })).voices();
    expect(known).toContainEqual({ name: 'zf_xiaoxiao', language: 'zh', gender: 'female' });
  });
});

describe('model', () => {
  it('optimizes the model once per file and machine, and says so', async () => {
    const cacheDir = await mkdtemp(join(work, 'optimized-'));
    const first = await localTTS({ optimize: true, cacheDir });
    expect(await first.load()).toEqual({ path: model, durations: true, optimized: 'miss' });
    const samples = (await first.synthesize('Hello world.')).samples;
    await first.dispose();
    const second = await localTTS({ optimize: true, cacheDir });
    expect((await second.load({ voice: 'bf_emma' })).optimized).toBe('hit');
    expect((await second.synthesize('Hello world.')).samples).toEqual(samples);
    await second.dispose();
    const plain = await localTTS({ cacheDir, env: { KOKORO_OPTIMIZE: '0' } });
    expect((await plain.load()).optimized).toBe('off');
    await plain.dispose();
  });

  it('loads the model once for concurrent calls, and dispose ends the instance', async () => {
    let sessions = 0;
    const ort = await import('onnxruntime-node');
    const counting = {
      ...ort,
      InferenceSession: {
        create: (...args: Parameters<typeof ort.InferenceSession.create>) => {
          sessions++;
          return ort.InferenceSession.create(...args);
        },
      },
    } as unknown as typeof ort;
    const tts = await localTTS({ ort: counting });
    await Promise.all([tts.synthesize('One.'), tts.synthesize('Two.', { voice: 'bf_emma' }), tts.load()]);
    expect(sessions).toBe(1);
    await tts.dispose();
    await tts.dispose();
    expect((await rejection(tts.synthesize('Three.'))).code).toBe('DISPOSED');
    expect((await rejection(tts.phonemize('Three.'))).code).toBe('DISPOSED');
    const never = await localTTS();
    await never.dispose(); // nothing loaded: nothing to release
  });
});
