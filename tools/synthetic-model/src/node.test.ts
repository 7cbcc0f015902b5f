import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyntheticModel, writeSyntheticModel } from './node';

describe('writeSyntheticModel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'synthetic-model-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes buildSyntheticModel returns, loadable by path', async () => {
    const path = join(dir, 'nested', 'tiny.onnx');
    await writeSyntheticModel(path, { preset: 'tiny', durations: true });
    const bytes = await readFile(path);
    expect(new Uint8Array(bytes)).toEqual(buildSyntheticModel({ preset: 'tiny', durations: true }));
    const session = await ort.InferenceSession.create(path);
    expect(session.outputNames).toEqual(['waveform', 'durations']);
    await session.release();
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      writeSyntheticModel(join(dir, 'aborted.onnx'), { preset: 'tiny' }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(readFile(join(dir, 'aborted.onnx'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
