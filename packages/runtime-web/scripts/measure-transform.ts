/**
 * Does @kokoro-kit/model-optimizer's rewrite pay on onnxruntime-web's wasm backend? Runs the
 * full-size synthetic model (Kokoro-82M's architecture and sizes) in onnxruntime-web's Node build
 * (the same wasm kernels as in browsers), as it is and rewritten, single-threaded.
 *
 *   node --conditions=@kokoro-kit/source --import tsx scripts/measure-transform.ts [threads]
 */
import { modelTransform } from '@kokoro-kit/model-optimizer';
import { buildSyntheticModel } from '@kokoro-kit/synthetic-model';
import * as ort from 'onnxruntime-web';

const threads = Number(process.argv[2] ?? 1);
ort.env.wasm.numThreads = threads;
const ids = Int32Array.from({ length: 60 }, (_, i) => (i === 0 || i === 59 ? 0 : 16 + ((i * 37) % 140)));
const style = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i * 0.37 + 1) * 0.2);

async function measure(label: string, bytes: Uint8Array) {
  let t = performance.now();
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const load = performance.now() - t;
  const feeds = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
    style: new ort.Tensor('float32', style, [1, 256]),
    speed: new ort.Tensor('float32', Float32Array.of(1), [1]),
  };
  const runs: number[] = [];
  let samples = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const out = await session.run(feeds);
    runs.push(performance.now() - t);
    samples = (out.waveform as ort.Tensor).data.length;
  }
  await session.release();
  const audio = samples / 24000;
  console.log(
    `${label}: load ${load.toFixed(0)} ms; runs ${runs.map((r) => r.toFixed(0)).join(', ')} ms for ${audio.toFixed(2)} s of audio (RTF ${(Math.min(...runs) / 1000 / audio).toFixed(3)})`,
  );
}

let t = performance.now();
const original = buildSyntheticModel({ preset: 'full' });
console.log(
  `built full model: ${(original.byteLength / 1e6).toFixed(0)} MB in ${(performance.now() - t).toFixed(0)} ms; threads ${threads}`,
);
await measure('original', original);
t = performance.now();
const rewritten = modelTransform().apply(original);
console.log(
  `rewrite: ${(performance.now() - t).toFixed(0)} ms, ${(rewritten.byteLength / 1e6).toFixed(0)} MB`,
);
await measure('rewritten', rewritten);
await measure('original again', original);
