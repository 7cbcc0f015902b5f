import { parseArgs } from 'node:util';
import { writeSyntheticModel } from '@kokoro-kit/synthetic-model/node';
import { type CliIO, UsageError } from '../io';
import { oneOf } from '../options';

export const synthModelHelp = `kokoro synth-model --preset tiny [--durations] [--naming onnx-community|kokoro-onnx] [--speed-dtype float32|int32] --out PATH
  Writes an ONNX model with Kokoro-82M's exact interface and deterministic weights (a stand-in
  for tests and benchmarks: it makes tones, not speech).`;

export async function synthModel(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      preset: { type: 'string' },
      durations: { type: 'boolean', default: false },
      naming: { type: 'string' },
      'speed-dtype': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (values.out === undefined) throw new UsageError('kokoro synth-model needs --out PATH.');
  const preset = oneOf('--preset', values.preset, ['tiny', 'full'] as const, 'tiny');
  const naming = oneOf(
    '--naming',
    values.naming,
    ['onnx-community', 'kokoro-onnx'] as const,
    'onnx-community',
  );
  const speedDtype = oneOf('--speed-dtype', values['speed-dtype'], ['float32', 'int32'] as const, 'float32');
  await writeSyntheticModel(values.out, { preset, durations: values.durations, naming, speedDtype });
  io.stderr.write(
    `Wrote ${values.out} (synthetic ${preset} model, ${naming} naming, ${speedDtype} speed${values.durations ? ', durations output' : ''})\n`,
  );
  return 0;
}
