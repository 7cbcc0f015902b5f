/**
 * Types for the parts of the `espeak-ng` npm package (1.0.2, an Emscripten MODULARIZE build of
 * the espeak-ng command-line program) that this package uses. The package ships no types.
 */
declare module 'espeak-ng' {
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

  const ESpeakNg: (options?: EspeakNgModuleOptions) => Promise<EspeakNgModule>;
  export default ESpeakNg;
}
