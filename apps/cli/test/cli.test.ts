import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav, SAMPLE_RATE, SAMPLES_PER_FRAME } from '@kokoro-kit/core';
import { syntheticDurations } from '@kokoro-kit/synthetic-model';
import { misakiLexiconDir, pypinyinDir, realVoicesDir } from '@kokoro-kit/test-assets';
import { createDirectoryVoiceStore } from '@kokoro-kit/voice-store/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End-to-end tests of the built `kokoro` binary: real onnxruntime-node on synthetic models with
 * Kokoro's interface, the 54 real voice packs from kokoro-js, misaki's real lexicons.
 */
const bin = resolve(fileURLToPath(import.meta.url), '../../dist/bin.js');
let dir: string;
/** misaki's lexicons and pypinyin's dictionaries side by side, as a `--lexicon` folder. */
let lexiconDir: string;
let model: string;
let modelWithDurations: string;

function kokoro(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    input: options.input ?? '',
    // Offline with an empty cache: these tests never reach the hub (see hub.test.ts for that).
    env: {
      ...process.env,
      KOKORO_LEXICON_DIR: '',
      KOKORO_VOICES_DIR: '',
      KOKORO_MODEL: '',
      KOKORO_OFFLINE: '1',
      KOKORO_CACHE_DIR: join(dir, 'empty-cache'),
      ...options.env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

const common = () => ['--voices', realVoicesDir, '--lexicon', lexiconDir];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokoro-cli-'));
  lexiconDir = join(dir, 'lexicons');
  await mkdir(lexiconDir);
  for (const source of [misakiLexiconDir, pypinyinDir]) {
    for (const file of await readdir(source)) {
      if (/\.(json|txt)$/.test(file)) await symlink(join(source, file), join(lexiconDir, file));
    }
  }
  model = join(dir, 'tiny.onnx');
  modelWithDurations = join(dir, 'tiny-durations.onnx');
  expect(kokoro(['synth-model', '--preset', 'tiny', '--out', model]).code).toBe(0);
  expect(kokoro(['synth-model', '--preset', 'tiny', '--durations', '--out', modelWithDurations]).code).toBe(
    0,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kokoro tokenize', () => {
  it('prints the ids of the spec example, pads included', () => {
    const { code, stdout } = kokoro(['tokenize', 'həlˈO wˈɜɹld']);
    expect(code).toBe(0);
    expect(stdout.toString().trim()).toBe('[0,50,83,54,156,31,16,65,156,87,123,54,46,0]');
  });

  it('reports dropped characters on stderr', () => {
    const { stdout, stderr } = kokoro(['tokenize', 'ɡg']);
    expect(stdout.toString().trim()).toBe('[0,92,0]');
    expect(stderr).toMatch(/dropped "g" at index 1/);
  });
});

describe('kokoro phonemize', () => {
  it('speaks misaki phonemes', () => {
    const { code, stdout } = kokoro([
      'phonemize',
      '--lang',
      'en-us',
      '--lexicon',
      misakiLexiconDir,
      'Hello, world!',
    ]);
    expect(code).toBe(0);
    expect(stdout.toString()).toBe('həlˈO, wˈɜɹld!\n');
  });

  it('gives one output line per input line with --file', async () => {
    const file = join(dir, 'lines.txt');
    await writeFile(file, 'Hello.\n\nWorld!\n');
    const { stdout } = kokoro([
      'phonemize',
      '--lang',
      'en-gb',
      '--lexicon',
      misakiLexiconDir,
      '--file',
      file,
    ]);
    expect(stdout.toString().split('\n')).toEqual(['həlˈQ.', '', 'wˈɜːld!', '']);
  });

  it.each([
    ['zh', '你好，世界。', 'ni↓xau↓, ʂɨ↘ʨje↘.'], // spec g2p.md §6.1 worked example
    ['ja', 'こんにちは、世界。', 'koɲɲiʨiβa, sekai.'], // spec §5.3 kana table, §5.2 word spacing
    ['es', 'Hola, mundo.', 'ˈola, mˈundo.'], // espeak-ng es (no replacement applies)
  ])('phonemizes --lang %s with its own G2P', (lang, text, expected) => {
    const { code, stdout } = kokoro(['phonemize', '--lang', lang, '--lexicon', lexiconDir, text]);
    expect(code).toBe(0);
    expect(stdout.toString()).toBe(`${expected}\n`);
  });

  it.each([
    ['zh', '你好', /kokoro models pull --lang zh/],
    ['ja', '先生', /kokoro models pull --lang ja/],
  ])('explains in one line that --lang %s needs its pinned G2P data when offline', (lang, text, hint) => {
    const { code, stderr } = kokoro(['phonemize', '--lang', lang, text]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(hint);
  });

  it('explains a missing lexicon folder in one line', () => {
    const { code, stderr } = kokoro(['phonemize', '--lang', 'en-us', 'Hello']);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--lexicon DIR.*KOKORO_LEXICON_DIR/);
  });
});

describe('kokoro voices', () => {
  it('lists the 54 real voices with language and gender', () => {
    const { code, stdout } = kokoro(['voices', '--voices', realVoicesDir]);
    expect(code).toBe(0);
    const lines = stdout.toString().trim().split('\n');
    expect(lines).toHaveLength(55);
    expect(lines.find((l) => l.startsWith('af_heart'))).toMatch(/en-US\s+female/);
    expect(lines.find((l) => l.startsWith('zm_yunxi '))).toMatch(/zh\s+male/);
  });
});

describe('kokoro speak', () => {
  /** The frames the synthetic model must predict for a text, computed without the CLI's pipeline. */
  async function expectedFrames(text: string, voice: string, speed: number): Promise<number> {
    const phonemes = kokoro(['phonemize', '--lang', 'en-us', '--lexicon', misakiLexiconDir, text])
      .stdout.toString()
      .trim();
    const ids: number[] = JSON.parse(kokoro(['tokenize', phonemes]).stdout.toString());
    const pack = await createDirectoryVoiceStore({ dir: realVoicesDir }).get(voice);
    const durations = syntheticDurations(Int32Array.from(ids), pack.styleFor(ids.length - 2), speed);
    return Array.from(durations).reduce((a, b) => a + b, 0);
  }

  it('writes a 24 kHz mono 16-bit WAV of exactly 600 samples per predicted frame', async () => {
    const out = join(dir, 'hello.wav');
    const { code, stderr } = kokoro([
      'speak',
      'Hello world.',
      '--voice',
      'af_heart',
      '--model',
      model,
      ...common(),
      '--out',
      out,
    ]);
    expect(stderr).toMatch(/Wrote .*hello\.wav/);
    expect(code).toBe(0);
    const wav = decodeWav(new Uint8Array(await readFile(out)));
    expect(wav.sampleRate).toBe(SAMPLE_RATE);
    expect(wav.channels).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.samples.length).toBe(
      SAMPLES_PER_FRAME * (await expectedFrames('Hello world.', 'af_heart', 1)),
    );
    expect(wav.samples.some((s) => Math.abs(s) > 0.01)).toBe(true);
  });

  it('speaks about twice as fast at --speed 2', async () => {
    const normal = join(dir, 'normal.wav');
    const fast = join(dir, 'fast.wav');
    // One short clause (≤ 20 phonemes), so the pipeline makes one model call.
    const text = 'The fox jumps.';
    expect(kokoro(['speak', text, '--model', model, ...common(), '--out', normal]).code).toBe(0);
    expect(kokoro(['speak', text, '--model', model, ...common(), '--out', fast, '--speed', '2']).code).toBe(
      0,
    );
    const a = decodeWav(new Uint8Array(await readFile(normal))).samples.length;
    const b = decodeWav(new Uint8Array(await readFile(fast))).samples.length;
    expect(b / a).toBeGreaterThan(0.4);
    expect(b / a).toBeLessThan(0.6);
    expect(b).toBe(SAMPLES_PER_FRAME * (await expectedFrames(text, 'af_heart', 2)));
  });

  it('writes the same audio to stdout, as raw PCM, and when streaming', async () => {
    const file = join(dir, 'same.wav');
    const args = ['speak', 'Hello there. How are you?', '--model', model, ...common()];
    expect(kokoro([...args, '--out', file]).code).toBe(0);
    const reference = await readFile(file);
    const stdout = kokoro([...args, '--out', '-']);
    expect(stdout.code).toBe(0);
    expect(Buffer.compare(stdout.stdout, reference)).toBe(0);
    const pcm = kokoro([...args, '--out', '-', '--format', 'pcm']);
    expect(Buffer.compare(pcm.stdout, reference.subarray(44))).toBe(0);
    expect(pcm.stderr).toMatch(/s16le, 24000 Hz, mono/);
    const streamed = join(dir, 'streamed.wav');
    expect(kokoro([...args, '--out', streamed, '--stream']).code).toBe(0);
    expect(Buffer.compare(await readFile(streamed), reference)).toBe(0);
  });

  it('reads the text from stdin and writes word timestamps', async () => {
    const out = join(dir, 'stdin.wav');
    const stamps = join(dir, 'words.json');
    const { code } = kokoro(
      ['speak', '--model', modelWithDurations, ...common(), '--out', out, '--timestamps', stamps],
      {
        input: 'Hello world, this is a test.',
      },
    );
    expect(code).toBe(0);
    const { words } = JSON.parse(await readFile(stamps, 'utf8')) as {
      words: { text: string; start: number; end: number }[];
    };
    expect(words.map((w) => w.text)).toEqual(['Hello', 'world', ',', 'this', 'is', 'a', 'test', '.']);
    // Words are contiguous within a chunk; the first chunk is the clause "Hello world,".
    for (let i = 1; i < words.length; i++) {
      if (i === 3) expect(words[i]!.start).toBeGreaterThan(words[i - 1]!.end);
      else expect(words[i]!.start).toBeCloseTo(words[i - 1]!.end, 9);
    }
    const seconds = decodeWav(new Uint8Array(await readFile(out))).samples.length / SAMPLE_RATE;
    expect(words.at(-1)!.end).toBeLessThanOrEqual(seconds);
    const srt = join(dir, 'words.srt');
    expect(
      kokoro([
        'speak',
        'Hello world.',
        '--model',
        modelWithDurations,
        ...common(),
        '--out',
        out,
        '--timestamps',
        srt,
      ]).code,
    ).toBe(0);
    expect(await readFile(srt, 'utf8')).toMatch(/^1\n00:00:00,\d{3} --> 00:00:00,\d{3}\nHello\n\n2\n/);
  });

  it('times words in other languages too (Mandarin word tokens)', async () => {
    const out = join(dir, 'zh-words.wav');
    const stamps = join(dir, 'zh-words.json');
    const args = [
      'speak',
      '你好，世界。',
      '--voice',
      'zf_xiaoxiao',
      '--model',
      modelWithDurations,
      ...common(),
    ];
    expect(kokoro([...args, '--out', out, '--timestamps', stamps]).code).toBe(0);
    const { words } = JSON.parse(await readFile(stamps, 'utf8')) as {
      words: { text: string; start: number; end: number }[];
    };
    expect(words.map((w) => w.text)).toEqual(['你好', '，', '世界', '。']);
    for (let i = 1; i < words.length; i++)
      expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end - 1e-9);
    expect(words.at(-1)!.end).toBeLessThanOrEqual(
      decodeWav(new Uint8Array(await readFile(out))).samples.length / SAMPLE_RATE,
    );
  });

  it('picks the G2P from the voice letter (z → Mandarin)', async () => {
    const out = join(dir, 'zh.wav');
    const { code, stderr } = kokoro([
      'speak',
      '你好，世界。',
      '--voice',
      'zf_xiaoxiao',
      '--model',
      model,
      ...common(),
      '--out',
      out,
    ]);
    expect(stderr).toMatch(/Wrote/);
    expect(code).toBe(0);
    expect(decodeWav(new Uint8Array(await readFile(out))).samples.length).toBeGreaterThan(0);
  });

  it.each([
    [['--voice', 'nobody'], /voice/i],
    [['--voice', '../../etc/passwd'], /voice/i],
    [['--voice', 'af_heart(2)+'], /voice/i],
    [['--speed', 'fast'], /--speed/],
    [['--lang', 'xx'], /language/i],
    [['--bogus'], /bogus/],
  ])('fails with one clear line for %j', (extra, message) => {
    const out = join(dir, 'never.wav');
    const { code, stderr } = kokoro([
      'speak',
      'Hello.',
      '--model',
      model,
      ...common(),
      '--out',
      out,
      ...(extra as string[]),
    ]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('fails with one clear line for a missing or unusable model', async () => {
    const missing = kokoro(['speak', 'Hello.', '--model', join(dir, 'nope.onnx'), ...common()]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\.onnx/);
    const garbage = join(dir, 'garbage.onnx');
    await writeFile(garbage, 'not a model');
    const broken = kokoro(['speak', 'Hello.', '--model', garbage, ...common()]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    const none = kokoro(['speak', 'Hello.', ...common()]);
    expect(none.stderr).toMatch(/--model PATH/);
  });
});

describe('kokoro (no command)', () => {
  it('prints usage and rejects unknown commands', () => {
    expect(kokoro([]).code).toBe(2);
    const unknown = kokoro(['sing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "sing"/);
    expect(kokoro(['speak', '--help']).stdout.toString()).toMatch(/kokoro speak/);
  });
});
