import { AbortError, G2PError, throwIfAborted } from '@kokoro-kit/core';
// `#espeak-ng` is the `espeak-ng` package in Node and its glue without the Node branches
// elsewhere (package.json "imports"), so browser bundles need no externals.
import ESpeakNg, { defaultWasmSource, type EspeakNgModule } from '#espeak-ng';

/**
 * Where the 18.5 MB `espeak-ng.wasm` comes from: a compiled module, its bytes, a URL to fetch, or
 * a function returning one of those. Default: in Node, the file inside the `espeak-ng` package;
 * elsewhere `import.meta.resolve('espeak-ng/dist/espeak-ng.wasm')` when the host supports it.
 */
export type EspeakWasmSource =
  | WebAssembly.Module
  | ArrayBuffer
  | Uint8Array
  | URL
  | string
  | (() => Promise<WebAssembly.Module | ArrayBuffer | Uint8Array>);

export interface EspeakEngineOptions {
  wasm?: EspeakWasmSource;
  signal?: AbortSignal;
}

/** One espeak-ng WebAssembly instance, reused for every call (see README "Engine"). */
export interface EspeakEngine {
  /**
   * IPA with ties (`--ipa --tie=^`) for each line, in order ('' for a blank line). Tries one
   * espeak run for all lines (one clause per line) and falls back to one run per line when
   * espeak's output lines do not match the input lines one to one.
   */
  phonemizeLines(voice: string, lines: readonly string[]): string[];
  /** Low level: one run of the espeak-ng program on `text`; returns its stdout lines. */
  run(args: readonly string[], text: string): { status: number; stdout: string[]; stderr: string[] };
  /** How many times the espeak-ng program has run on this instance. */
  readonly runs: number;
  /** Milliseconds spent compiling and instantiating the WebAssembly module. */
  readonly startupMs: number;
  /** Frees the instance; later calls throw a DISPOSED error. */
  dispose(): void;
}

interface WasmExports {
  memory: WebAssembly.Memory;
  stackSave(): number;
  stackRestore(pointer: number): void;
  stackAlloc(size: number): number;
  fflush(stream: number): number;
  __main_argc_argv(argc: number, argv: number): number;
  __emscripten_embedded_file_data?: WebAssembly.Global;
}

/** Voice names are passed as program arguments: only plain espeak voice ids are allowed. */
const VOICE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const INPUT_PATH = '/kokoro-input.txt';
/** `-l`: lines shorter than this end a clause, so each input line is phonemized on its own. */
const LINE_CLAUSE_LENGTH = '1000000';

let creations = 0;
let shared: Promise<EspeakEngine> | undefined;

/** How many engines this process has instantiated (the shared one counts once). */
export function getEspeakEngineCreationCount(): number {
  return creations;
}

/**
 * The process-wide engine, created on first use. The ~150 ms start-up (compile + instantiate the
 * 18.5 MB module) is paid once per process; every G2P created without an `engine` shares it.
 */
export function getEspeakEngine(options: Omit<EspeakEngineOptions, 'signal'> = {}): Promise<EspeakEngine> {
  if (!shared) {
    const created = createEspeakEngine(options);
    shared = created;
    created.then(
      (engine) => {
        // Disposing the shared engine makes the next getEspeakEngine() start a new one.
        (engine as WasmEspeakEngine).onDispose = () => {
          if (shared === created) shared = undefined;
        };
      },
      // A failed start must not poison later attempts.
      () => {
        if (shared === created) shared = undefined;
      },
    );
  }
  return shared;
}

/** A new, private engine (costs a full start-up; prefer `getEspeakEngine()`). */
export async function createEspeakEngine(options: EspeakEngineOptions = {}): Promise<EspeakEngine> {
  throwIfAborted(options.signal);
  const started = performance.now();
  const compiled = await compileWasm(options.wasm ?? defaultWasm());
  throwIfAborted(options.signal);
  let exports: WasmExports | undefined;
  const stdout: string[] = [];
  const stderr: string[] = [];
  let module: EspeakNgModule;
  try {
    module = await ESpeakNg({
      noInitialRun: true,
      print: (line) => stdout.push(line),
      printErr: (line) => stderr.push(line),
      // Never touch process.exitCode: an exit() inside espeak only ends that run.
      quit: (_status, toThrow) => {
        throw toThrow;
      },
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(compiled, imports).then(
          (instance) => {
            exports = instance.exports as unknown as WasmExports;
            receiveInstance(instance, compiled);
          },
          (error: unknown) => stderr.push(String(error)),
        );
        return {};
      },
    });
  } catch (cause) {
    throw new G2PError('ESPEAK_INIT_FAILED', `espeak-ng could not start: ${String(cause)}`, { cause });
  }
  if (!exports)
    throw new G2PError('ESPEAK_INIT_FAILED', 'espeak-ng started without its WebAssembly exports.');
  creations += 1;
  return new WasmEspeakEngine(module, exports, stdout, stderr, performance.now() - started);
}

class WasmEspeakEngine implements EspeakEngine {
  runs = 0;
  readonly startupMs: number;
  onDispose: (() => void) | undefined;
  #module: EspeakNgModule | undefined;
  readonly #exports: WasmExports;
  /** Memory as it was before main() ever ran, minus the read-only embedded files; restored before every run (see README "Engine"). */
  readonly #pristine: Array<{ start: number; bytes: Uint8Array }>;
  readonly #stdout: string[];
  readonly #stderr: string[];

  constructor(
    module: EspeakNgModule,
    exports: WasmExports,
    stdout: string[],
    stderr: string[],
    startupMs: number,
  ) {
    this.#module = module;
    this.#exports = exports;
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.startupMs = startupMs;
    const memory = new Uint8Array(exports.memory.buffer);
    this.#pristine = mutableRanges(exports).map(([start, end]) => ({
      start,
      bytes: memory.slice(start, end),
    }));
  }

  phonemizeLines(voice: string, lines: readonly string[]): string[] {
    const clean = lines.map((line) => line.replace(/\s+/g, ' ').trim());
    const todo = clean.filter((line) => line.length > 0);
    if (todo.length === 0) return clean.map(() => '');
    const ipaArgs = ['-q', '--ipa', '--tie=^', '-v', voice];
    if (todo.length > 1) {
      const batch = this.run([...ipaArgs, '-l', LINE_CLAUSE_LENGTH], todo.join('\n'));
      const out = batch.stdout.map((line) => line.trim());
      // One output line per input line is the normal case; anything else (espeak split a long
      // clause, or said nothing for a line) is resolved by running the lines one by one.
      if (out.length === todo.length && out.every((line) => line.length > 0)) {
        let next = 0;
        return clean.map((line) => (line.length > 0 ? (out[next++] ?? '') : ''));
      }
    }
    return clean.map((line) => {
      if (line.length === 0) return '';
      const single = this.run(ipaArgs, line);
      return single.stdout
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
        .join(' ');
    });
  }

  run(args: readonly string[], text: string): { status: number; stdout: string[]; stderr: string[] } {
    const module = this.#module;
    if (!module) throw new G2PError('DISPOSED', 'This espeak engine was disposed; create a new one.');
    const voiceIndex = args.indexOf('-v');
    const voice = voiceIndex >= 0 ? args[voiceIndex + 1] : undefined;
    if (voice !== undefined && !VOICE_PATTERN.test(voice))
      throw new G2PError(
        'UNSUPPORTED_LANGUAGE',
        `"${voice}" is not an espeak-ng voice id (e.g. es, fr-fr, en-us).`,
      );
    const e = this.#exports;
    // main() keeps global state (getopt's optind, espeak's voice and dictionaries, malloc'd
    // buffers); putting memory back to its pre-main state makes every run a first run.
    const memory = new Uint8Array(e.memory.buffer);
    for (const { start, bytes } of this.#pristine) memory.set(bytes, start);
    module.FS.writeFile(INPUT_PATH, text);
    this.#stdout.length = 0;
    this.#stderr.length = 0;
    const stack = e.stackSave();
    let status: number;
    try {
      const argv = this.#writeArgv(['espeak-ng', ...args, '-f', INPUT_PATH]);
      status = e.__main_argc_argv(argv.argc, argv.pointer);
      e.fflush(0);
    } catch (error) {
      // exit() inside espeak throws Emscripten's ExitStatus; anything else is a crash.
      const exitStatus = (error as { status?: unknown } | null)?.status;
      if (typeof exitStatus === 'number') status = exitStatus;
      else throw new G2PError('ESPEAK_FAILED', `espeak-ng crashed: ${String(error)}`, { cause: error });
    } finally {
      e.stackRestore(stack);
      this.#closeStrayFiles(module);
      this.runs += 1;
    }
    return { status, stdout: [...this.#stdout], stderr: [...this.#stderr] };
  }

  dispose(): void {
    this.#module = undefined;
    this.onDispose?.();
  }

  #writeArgv(args: readonly string[]): { argc: number; pointer: number } {
    const e = this.#exports;
    const encoder = new TextEncoder();
    const pointers = args.map((arg) => {
      const bytes = encoder.encode(`${arg}\0`);
      const pointer = e.stackAlloc(bytes.length);
      new Uint8Array(e.memory.buffer).set(bytes, pointer);
      return pointer;
    });
    const argv = e.stackAlloc(4 * (pointers.length + 1));
    const view = new DataView(e.memory.buffer);
    pointers.forEach((p, i) => {
      view.setUint32(argv + 4 * i, p, true);
    });
    view.setUint32(argv + 4 * pointers.length, 0, true);
    return { argc: pointers.length, pointer: argv };
  }

  /** Files espeak left open live in the JS file system, which the memory reset does not touch. */
  #closeStrayFiles(module: EspeakNgModule): void {
    for (const stream of module.FS.streams) {
      if (stream && stream.fd > 2) module.FS.close(stream);
    }
  }
}

/**
 * The memory ranges a run can change: everything except the 18 MB of espeak-ng-data embedded in
 * the module, which the virtual file system serves read-only as views of wasm memory. Skipping it
 * halves the cost of the per-run reset. Falls back to the whole memory if the table is missing.
 */
function mutableRanges(exports: WasmExports): Array<[number, number]> {
  const size = exports.memory.buffer.byteLength;
  const table = exports.__emscripten_embedded_file_data?.value as number | undefined;
  if (typeof table !== 'number' || table <= 0 || table >= size) return [[0, size]];
  const view = new DataView(exports.memory.buffer);
  const files: Array<[number, number]> = [];
  // Entries are (name pointer, length, content pointer), ended by a null name pointer.
  for (let entry = table; entry + 12 <= size && view.getUint32(entry, true) !== 0; entry += 12) {
    const length = view.getUint32(entry + 4, true);
    const content = view.getUint32(entry + 8, true);
    if (content + length > size) return [[0, size]];
    files.push([content, content + length]);
  }
  files.sort((a, b) => a[0] - b[0]);
  const ranges: Array<[number, number]> = [];
  let cursor = 0;
  for (const [start, end] of files) {
    if (start > cursor) ranges.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < size) ranges.push([cursor, size]);
  return ranges;
}

function defaultWasm(): EspeakWasmSource {
  const source = defaultWasmSource();
  if (source !== undefined) return source;
  throw new G2PError(
    'ESPEAK_WASM_NOT_FOUND',
    'Cannot locate espeak-ng.wasm in this environment; pass `wasm` (a URL, bytes or a compiled WebAssembly.Module).',
  );
}

async function compileWasm(source: EspeakWasmSource): Promise<WebAssembly.Module> {
  try {
    const value = typeof source === 'function' ? await source() : source;
    if (value instanceof WebAssembly.Module) return value;
    if (value instanceof URL || typeof value === 'string') {
      const response = await fetch(value);
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${String(value)}`);
      return await WebAssembly.compile(await response.arrayBuffer());
    }
    return await WebAssembly.compile(value as BufferSource);
  } catch (cause) {
    if (cause instanceof AbortError || cause instanceof G2PError) throw cause;
    throw new G2PError('ESPEAK_WASM_NOT_FOUND', `Could not load espeak-ng.wasm: ${String(cause)}`, { cause });
  }
}
