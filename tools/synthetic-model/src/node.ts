import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SyntheticModelError } from './errors';
import { buildSyntheticModel, type SyntheticModelOptions } from './index';

export * from './index';

/** Builds a synthetic model and writes it to `path` (creating parent folders). */
export async function writeSyntheticModel(
  path: string,
  options: SyntheticModelOptions,
  { signal }: { signal?: AbortSignal } = {},
): Promise<void> {
  const bytes = buildSyntheticModel(options);
  throwIfAborted(signal);
  await mkdir(dirname(path), { recursive: true });
  throwIfAborted(signal);
  await writeFile(path, bytes);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new SyntheticModelError('ABORTED', 'Writing the synthetic model was aborted.', {
      cause: signal.reason,
    });
}
