import { ModelError } from '@kokoro-kit/core';
import { messageOf } from '@kokoro-kit/runtime-onnx';
import type * as OrtWebModule from 'onnxruntime-web';

/** The `onnxruntime-web` module (what `import('onnxruntime-web')` returns). */
export type OrtWeb = typeof OrtWebModule;

/** Loads `onnxruntime-web` (a peer dependency) when the caller did not inject it. */
export async function loadOrt(): Promise<OrtWeb> {
  try {
    return await import('onnxruntime-web');
  } catch (cause) {
    throw new ModelError(
      'RUNTIME_UNAVAILABLE',
      `onnxruntime-web could not be loaded (${messageOf(cause)}). It is a peer dependency of @kokoro-kit/runtime-web: ` +
        'install it next to it (npm install onnxruntime-web), or pass the module as `ort`.',
      { cause },
    );
  }
}

/** onnxruntime-web's version, for cache keys. */
export function ortVersion(ort: OrtWeb): string {
  const versions = ort.env.versions as { web?: string; common?: string } | undefined;
  return versions?.web ?? versions?.common ?? 'unknown';
}
