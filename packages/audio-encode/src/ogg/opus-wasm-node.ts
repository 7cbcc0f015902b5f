import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * Node's source for libopus wasm: the file inside `@evan/opus`, its SIMD build when the runtime
 * has WebAssembly SIMD. Compiled once per process.
 */
let compiled: Promise<WebAssembly.Module> | undefined;

// The smallest module using a v128 instruction: validates only where SIMD is supported.
const SIMD_PROBE = Uint8Array.of(
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  5,
  1,
  96,
  0,
  1,
  123,
  3,
  2,
  1,
  0,
  10,
  10,
  1,
  8,
  0,
  65,
  0,
  253,
  15,
  253,
  98,
  11,
);

export function nodeOpusWasm(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const file = WebAssembly.validate(SIMD_PROBE) ? 'simd.wasm' : 'opus.wasm';
    const path = createRequire(import.meta.url).resolve(`@evan/opus/wasm/${file}`);
    return WebAssembly.compile(await readFile(path));
  })();
  return compiled;
}
