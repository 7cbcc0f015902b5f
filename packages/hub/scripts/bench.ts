/**
 * Downloads a model-sized file (325,532,232 bytes, the size of onnx/model.onnx) from the local
 * hub-shaped server into a fresh cache, and prints time, throughput and peak RSS — the figure that
 * shows the download and its sha256 are streamed, never held in memory. Then re-hash (verify) and a
 * cached lookup. Run: `npx tsx --conditions=@kokoro-kit/source scripts/bench.ts` (from packages/hub).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeHub } from '../src/node';
import { startHubServer } from '../src/testing';

const SIZE = 325_532_232;
const dir = await mkdtemp(join(tmpdir(), 'kokoro-hub-bench-'));
try {
  const file = join(dir, 'model.onnx');
  const out = createWriteStream(file);
  for (let left = SIZE; left > 0; left -= 1 << 20) {
    if (!out.write(randomBytes(Math.min(left, 1 << 20)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const server = await startHubServer({ files: { '/bench/model/resolve/main/onnx/model.onnx': file } });
  const hub = createNodeHub({ cacheDir: join(dir, 'cache'), env: { KOKORO_HUB_URL: server.url } });
  const asset = hub.model('bench/model');
  let peak = process.memoryUsage().rss;
  const baseline = peak;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let t = performance.now();
  await hub.path(asset);
  const download = performance.now() - t;
  clearInterval(sampler);
  t = performance.now();
  const verify = await hub.verify(asset);
  const rehash = performance.now() - t;
  t = performance.now();
  await hub.path(asset);
  const cached = performance.now() - t;
  await server.close();

  const mb = SIZE / 1e6;
  console.log(
    `file: ${SIZE} bytes (${mb.toFixed(1)} MB), served from 127.0.0.1 (server in the same process)`,
  );
  console.log(
    `download + streaming sha256 + atomic rename: ${(download / 1000).toFixed(2)} s (${(mb / (download / 1000)).toFixed(0)} MB/s)`,
  );
  console.log(
    `RSS: ${(baseline / 1e6).toFixed(0)} MB before, ${(peak / 1e6).toFixed(0)} MB peak during the download`,
  );
  console.log(`verify (re-hash from disk): ${(rehash / 1000).toFixed(2)} s, status ${verify.status}`);
  console.log(`cached lookup (no re-hash): ${cached.toFixed(1)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
