import { AudioEncodeError } from '../errors';

/**
 * A minimal binding to libopus compiled to WebAssembly (the `opus.wasm` / `simd.wasm` files that
 * `@evan/opus` publishes: plain libopus exports plus malloc/free). Instantiated from a compiled
 * module, so the caller decides where the bytes come from: a file in Node, `fetch` in a browser.
 */
export type OpusWasm = WebAssembly.Module | BufferSource;

interface LibopusExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  opus_strerror(code: number): number;
  opus_encoder_get_size(channels: number): number;
  opus_encoder_init(ptr: number, rate: number, channels: number, application: number): number;
  opus_encode(ptr: number, pcm: number, frameSize: number, out: number, maxBytes: number): number;
  opus_encoder_ctl_set(ptr: number, request: number, value: number): number;
  opus_encoder_ctl_get(ptr: number, request: number): number;
}

const OPUS_APPLICATION_AUDIO = 2049;
const OPUS_SET_BITRATE = 4002;
const OPUS_GET_LOOKAHEAD = 4027;
const MAX_PACKET = 4000; // libopus's recommended ceiling for one packet

export interface LibopusEncoder {
  /** Encoder delay in input samples (what RFC 7845 pre-skip must cover). */
  readonly lookahead: number;
  /** Exactly one frame of interleaved s16 samples in, one packet out. */
  encode(pcm: Int16Array): Uint8Array;
  /** Frees the encoder's wasm memory; idempotent. */
  drop(): void;
}

const instances = new WeakMap<WebAssembly.Module, Promise<LibopusExports>>();

async function instantiate(wasm: OpusWasm): Promise<LibopusExports> {
  const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
  let instance = instances.get(module);
  if (!instance) {
    // The build imports a few WASI calls it never needs for encoding, and a memory-growth hook
    // (views are re-created on every call instead).
    const noop = () => 0;
    const imports = {
      wasi_snapshot_preview1: { fd_seek: noop, fd_write: noop, fd_close: noop, proc_exit: noop },
      env: { emscripten_notify_memory_growth: noop },
    };
    instance = WebAssembly.instantiate(module, imports).then((i) => i.exports as unknown as LibopusExports);
    instances.set(module, instance);
  }
  return instance;
}

export async function createLibopusEncoder(
  wasm: OpusWasm,
  options: { sampleRate: number; channels: number; bitrate: number; frameSize: number },
): Promise<LibopusEncoder> {
  const lib = await instantiate(wasm);
  const check = (code: number, what: string) => {
    if (code < 0)
      throw new AudioEncodeError(
        'ENCODE_FAILED',
        `libopus ${what} failed: ${cString(lib, lib.opus_strerror(code))}`,
      );
    return code;
  };
  const state = lib.malloc(lib.opus_encoder_get_size(options.channels));
  const pcmBytes = options.frameSize * options.channels * 2;
  const pcmPtr = lib.malloc(pcmBytes);
  const outPtr = lib.malloc(MAX_PACKET);
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    for (const ptr of [state, pcmPtr, outPtr]) lib.free(ptr);
  };
  try {
    check(lib.opus_encoder_init(state, options.sampleRate, options.channels, OPUS_APPLICATION_AUDIO), 'init');
    check(lib.opus_encoder_ctl_set(state, OPUS_SET_BITRATE, options.bitrate), 'set bitrate');
  } catch (error) {
    drop();
    throw error;
  }
  return {
    lookahead: lib.opus_encoder_ctl_get(state, OPUS_GET_LOOKAHEAD),
    encode: (pcm) => {
      new Int16Array(lib.memory.buffer, pcmPtr, pcm.length).set(pcm);
      const length = check(lib.opus_encode(state, pcmPtr, options.frameSize, outPtr, MAX_PACKET), 'encode');
      return new Uint8Array(lib.memory.buffer, outPtr, length).slice();
    },
    drop,
  };
}

function cString(lib: LibopusExports, ptr: number): string {
  const bytes = new Uint8Array(lib.memory.buffer, ptr);
  return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
}
