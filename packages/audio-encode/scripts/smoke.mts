import { createEncoder } from '../src/node';
import { concatBytes, decodeWithFfmpeg, testSignal, unevenChunks } from '../src/test-support';
const sig = testSignal(24000, 3.47);
for (const backend of ['builtin', 'ffmpeg'] as const)
for (const f of ['pcm', 'wav', 'flac', 'mp3', 'opus', 'aac'] as const) {
  try {
    const enc = await createEncoder(f, { backend });
    const parts: Uint8Array[] = [];
    for (const c of unevenChunks(sig, 24000, [1, 0.37, 2.1])) parts.push(...(await enc.write(c)));
    parts.push(...(await enc.end()));
    const bytes = concatBytes(parts);
    const d = await decodeWithFfmpeg(bytes, f === 'pcm' ? 's16le' : undefined);
    const n = d.samples.length / d.channels * 24000 / d.sampleRate;
    console.log(backend, f, bytes.length, d.codec, d.sampleRate, 'decoded', d.samples.length, 'in24k', n, 'diff', n - sig.length);
  } catch (e) { console.log(backend, f, 'ERR', (e as Error).message.slice(0, 300)); }
}
