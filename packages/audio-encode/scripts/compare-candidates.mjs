// The candidate survey behind the README's choice: encode 60 s of the test signal (the same one as
// scripts/bench.ts) with each npm candidate, in 200 ms chunks, and print ×real-time and size.
// The candidates are not dependencies; run it from a scratch directory:
//   mkdir /tmp/enc-candidates && cd /tmp/enc-candidates && npm init -y
//   npm install --ignore-scripts @breezystack/lamejs@1.2.7 wasm-media-encoders@0.7.0 \
//     @evan/opus@1.0.3 opusscript@0.1.1 libflacjs@5.6.0 @libav.js/variant-webcodecs@6.10.9
//   node <repo>/packages/audio-encode/scripts/compare-candidates.mjs [mp3|opus|flac|aac]
// Outputs land in ./out-*.{mp3,flac} for ffprobe.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(`${process.cwd()}/`);
// ESM builds, by path: their CJS `main`s are an IIFE (lamejs) or need a bundler.
const esm = (path) => import(pathToFileURL(`${process.cwd()}/node_modules/${path}`).href);
const RATE = 24_000;
const SECONDS = 60;
const N = RATE * SECONDS;
const CHUNK = RATE / 5;

// Same formula as test/helpers.ts testSignal().
const f = new Float32Array(N);
let seed = 12345;
for (let i = 0; i < N; i++) {
  const t = i / RATE;
  const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  const noise = (seed / 2 ** 31 - 0.5) * 0.02;
  const voice =
    0.3 * Math.sin(2 * Math.PI * 140 * t) +
    0.15 * Math.sin(2 * Math.PI * 420 * t) +
    0.08 * Math.sin(2 * Math.PI * 1900 * t);
  f[i] = envelope * voice + noise;
}
const s16 = new Int16Array(N);
for (let i = 0; i < N; i++)
  s16[i] = Math.max(-32768, Math.min(32767, Math.round(f[i] * (f[i] < 0 ? 32768 : 32767))));

async function time(name, fn, ext) {
  const t0 = performance.now();
  const parts = await fn();
  const ms = performance.now() - t0;
  const bytes = parts.reduce((a, p) => a + p.length, 0);
  if (ext) {
    const out = new Uint8Array(bytes);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    writeFileSync(`out-${name.replace(/[^a-z0-9]+/gi, '_')}.${ext}`, out);
  }
  console.log(`| ${name} | ${((SECONDS * 1000) / ms).toFixed(0)}× | ${(bytes / 1024).toFixed(0)} KiB |`);
}

const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'mp3') {
  const { Mp3Encoder } = await esm('@breezystack/lamejs/dist/lamejs.js');
  await time(
    'mp3 @breezystack/lamejs 64k',
    () => {
      const e = new Mp3Encoder(1, RATE, 64);
      const out = [];
      for (let i = 0; i < N; i += CHUNK) out.push(new Uint8Array(e.encodeBuffer(s16.subarray(i, i + CHUNK))));
      out.push(new Uint8Array(e.flush()));
      return out;
    },
    'mp3',
  );
  const { createMp3Encoder } = await esm('wasm-media-encoders/dist/es/index.mjs');
  await time(
    'mp3 wasm-media-encoders 64k',
    async () => {
      const e = await createMp3Encoder();
      e.configure({ sampleRate: RATE, channels: 1, bitrate: 64 });
      const out = [];
      for (let i = 0; i < N; i += CHUNK) out.push(e.encode([f.subarray(i, i + CHUNK)]).slice());
      out.push(e.finalize().slice());
      return out;
    },
    'mp3',
  );
}
if (which === 'all' || which === 'opus') {
  const OpusScript = require('opusscript');
  await time('opus opusscript 48k (packets only)', () => {
    const e = new OpusScript(RATE, 1, OpusScript.Application.AUDIO);
    e.setBitrate(48000);
    const out = [];
    for (let i = 0; i + 480 <= N; i += 480) out.push(new Uint8Array(e.encode(s16.subarray(i, i + 480), 480)));
    e.delete();
    return out;
  });
  const { Encoder } = require('@evan/opus/wasm/index.js');
  await time('opus @evan/opus wasm 48k (packets only)', () => {
    const e = new Encoder({ channels: 1, sample_rate: RATE, application: 'audio' });
    e.ctl(4002, 48000);
    const out = [];
    for (let i = 0; i + 480 <= N; i += 480)
      out.push(e.encode(new Uint8Array(s16.buffer, i * 2, 960)).slice());
    return out;
  });
}
if (which === 'all' || which === 'flac') {
  // The asm.js build: the wasm build fetch()es its .wasm by path, which Node's fetch rejects.
  const Flac = require('libflacjs/dist/libflac.min.js');
  await new Promise((r) => (Flac.isReady() ? r() : Flac.on('ready', r)));
  await time(
    'flac libflacjs (libFLAC asm.js) level 5',
    () => {
      const out = [];
      const enc = Flac.create_libflac_encoder(RATE, 1, 16, 5, 0, false, 0);
      Flac.init_encoder_stream(enc, (buf) => out.push(buf.slice()));
      const i32 = Int32Array.from(s16);
      for (let i = 0; i < N; i += CHUNK) {
        const c = i32.subarray(i, i + CHUNK);
        Flac.FLAC__stream_encoder_process_interleaved(enc, c, c.length);
      }
      Flac.FLAC__stream_encoder_finish(enc);
      Flac.FLAC__stream_encoder_delete(enc);
      return out;
    },
    'flac',
  );
}
if (which === 'all' || which === 'aac') {
  const LibAV = require('@libav.js/variant-webcodecs');
  const libav = await LibAV.LibAV({ noworker: true });
  try {
    await libav.ff_init_encoder('aac', {
      ctx: { bit_rate: 64000, sample_fmt: libav.AV_SAMPLE_FMT_FLTP, sample_rate: RATE, channel_layout: 4 },
    });
    console.log('aac: libav.js webcodecs variant has an aac encoder');
  } catch (error) {
    console.log(`aac: libav.js webcodecs variant: ${error.message}`);
  }
}
