import { mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SyntheticModelError } from './errors';
import { type SyntheticModelOptions, syntheticModelChunks } from './index';

export * from './index';

/**
 * Builds a synthetic model and writes it to `path` (creating parent folders), streaming the full
 * preset's weights tensor by tensor. An abort mid-way removes the partial file.
 */
export async function writeSyntheticModel(
  path: string,
  options: SyntheticModelOptions,
  { signal }: { signal?: AbortSignal } = {},
): Promise<void> {
  const chunks = syntheticModelChunks(options); // validates the options before touching disk
  throwIfAborted(signal);
  await mkdir(dirname(path), { recursive: true });
  throwIfAborted(signal);
  const file = await open(path, 'w');
  try {
    for (const chunk of chunks) {
      throwIfAborted(signal);
      await file.write(chunk);
    }
  } catch (error) {
    await file.close();
    await rm(path, { force: true });
    throw error;
  }
  await file.close();
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new SyntheticModelError('ABORTED', 'Writing the synthetic model was aborted.', {
      cause: signal.reason,
    });
}
