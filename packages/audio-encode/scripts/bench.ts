// Speed of each encoder on 60 s of a 24 kHz mono speech-like signal, fed in 200 ms chunks like a
// streaming server: ×real-time (audio seconds per wall second), time to the first audio bytes
// (creation + first write), output size. Run: pnpm --filter @kokoro-kit/audio-encode bench
import { cpus, loadavg } from 'node:os';
import { type AudioFormat, createEncoder, type EncoderBackend } from '../src/node';
import { testSignal } from '../test/helpers';

const RATE = 24_000;
const SECONDS = 60;
const CHUNK = RATE / 5;
const signal = testSignal(RATE, SECONDS);
const cases: [AudioFormat, EncoderBackend][] = [
  ['mp3', 'builtin'],
  ['mp3', 'ffmpeg'],
  ['opus', 'builtin'],
  ['opus', 'ffmpeg'],
  ['aac', 'ffmpeg'],
  ['flac', 'builtin'],
  ['flac', 'ffmpeg'],
  ['wav', 'builtin'],
];

console.log(
  `node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}, load ${loadavg()[0]!.toFixed(1)}`,
);
console.log('| format | backend | ×real-time | first bytes | size |');
console.log('|---|---|---:|---:|---:|');
for (const [format, backend] of cases) {
  const start = performance.now();
  const encoder = await createEncoder(format, { backend });
  let bytes = 0;
  let firstBytes: number | undefined;
  for (let i = 0; i < signal.length; i += CHUNK) {
    for (const part of await encoder.write(signal.subarray(i, i + CHUNK))) {
      firstBytes ??= performance.now() - start;
      bytes += part.length;
    }
  }
  for (const part of await encoder.end()) bytes += part.length;
  const ms = performance.now() - start;
  const first = firstBytes === undefined ? 'at end' : `${firstBytes.toFixed(0)} ms`;
  console.log(
    `| ${format} | ${backend} | ${((SECONDS * 1000) / ms).toFixed(0)}× | ${first} | ${(bytes / 1024).toFixed(0)} KiB |`,
  );
}
