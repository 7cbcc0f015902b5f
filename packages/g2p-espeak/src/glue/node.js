// `#espeak-ng` under the `node` condition (package.json "imports"): the `espeak-ng` package as
// published, and its WASM file read from inside that package.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export { default } from 'espeak-ng';

export function defaultWasmSource() {
  const path = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
  return () => readFile(path);
}
