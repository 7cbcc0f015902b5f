/**
 * Types of `#espeak-ng` (package.json "imports"): the `espeak-ng` npm package's Emscripten glue
 * (1.0.2, a MODULARIZE build of the espeak-ng command-line program) — as published under the
 * `node` condition, without its Node branches elsewhere — plus where the WASM file is by default.
 */
export interface EspeakNgModuleOptions {
  noInitialRun?: boolean;
  print?: (line: string) => void;
  printErr?: (line: string) => void;
  quit?: (status: number, toThrow: unknown) => void;
  locateFile?: (path: string, scriptDirectory: string) => string;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ) => Record<string, never>;
}

export interface EspeakNgFS {
  writeFile(path: string, data: string | Uint8Array): void;
  streams: Array<{ fd: number } | null | undefined>;
  close(stream: { fd: number }): void;
}

export interface EspeakNgModule {
  FS: EspeakNgFS;
  HEAPU8: Uint8Array;
}

declare const ESpeakNg: (options?: EspeakNgModuleOptions) => Promise<EspeakNgModule>;
export default ESpeakNg;

/**
 * Where `espeak-ng.wasm` is when the caller does not say: in Node, a reader of the file inside
 * the `espeak-ng` package; elsewhere `import.meta.resolve('espeak-ng/dist/espeak-ng.wasm')` when
 * the host can resolve it (an import map, Deno), else `undefined`.
 */
export declare function defaultWasmSource(): string | (() => Promise<Uint8Array>) | undefined;
