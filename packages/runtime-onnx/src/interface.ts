import { ModelError, type ModelInterfaceKind } from '@kokoro-kit/core';

/** One declared input or output, as onnxruntime reports it (`type` is absent on old versions). */
export interface DeclaredValue {
  name: string;
  /** ORT's element type name ('float32', 'int64', …); undefined when the runtime does not say. */
  type?: string;
}

/**
 * How a Kokoro model file names and types its tensors (spec §3.5), detected from the session.
 */
export interface ModelInterface {
  /** `kokoro-onnx` when the token input is `tokens`, otherwise `onnx-community` (also hexgrad exports). */
  kind: ModelInterfaceKind;
  inputs: { ids: string; style: string; speed: string };
  outputs: { waveform: string; durations?: string };
  /** Element type of the token input: int64 in every known export. */
  idsType: 'int64' | 'int32';
  /** Declared element type of `speed`: float32 in most files, int32 in hexgrad-script exports (§3.4). */
  speedType: 'float32' | 'int32';
  /** Declared element type of the durations output, if any ('float32' timestamped, 'int64' hexgrad). */
  durationsType?: string;
  /** Whether `speedType` was read from the model (false: ORT exposes no metadata; float32 assumed). */
  typesDeclared: boolean;
}

const IDS_NAMES = ['input_ids', 'tokens'] as const;
const WAVEFORM_NAMES = ['waveform', 'audio'] as const;
const DURATIONS_NAMES = ['durations', 'duration'] as const;
const DURATION_TYPES = new Set(['float32', 'float64', 'int64', 'int32']);

const EXPECTED =
  'Expected inputs `input_ids` or `tokens` (int64), `style` (float32) and `speed` (float32 or int32), ' +
  'and an output `waveform` or `audio` (float32), optionally `durations` or `duration` (spec §3).';

/**
 * Detects the interface from declared names and types. Names decide the roles; the declared
 * type of `speed` decides how to feed it (never the names, spec §3.3).
 */
export function detectInterface(
  inputs: readonly DeclaredValue[],
  outputs: readonly DeclaredValue[],
): ModelInterface {
  const inputNames = inputs.map((v) => v.name);
  const outputNames = outputs.map((v) => v.name);
  const found = `The model has inputs [${inputNames.join(', ')}] and outputs [${outputNames.join(', ')}].`;
  const invalid = (problem: string) =>
    new ModelError('INVALID_MODEL', `${problem} ${found} ${EXPECTED} Is this a Kokoro-82M ONNX file?`);

  const ids = IDS_NAMES.find((n) => inputNames.includes(n));
  const style = inputNames.includes('style') ? 'style' : undefined;
  const speed = inputNames.includes('speed') ? 'speed' : undefined;
  const waveform = WAVEFORM_NAMES.find((n) => outputNames.includes(n));
  const durations = DURATIONS_NAMES.find((n) => outputNames.includes(n));

  const missing = [
    ids ? undefined : 'a token input (`input_ids` or `tokens`)',
    style ? undefined : 'a `style` input',
    speed ? undefined : 'a `speed` input',
    waveform ? undefined : 'an audio output (`waveform` or `audio`)',
  ].filter((m) => m !== undefined);
  if (missing.length > 0 || !ids || !style || !speed || !waveform) {
    throw invalid(`The model's tensor names match no Kokoro interface: it lacks ${missing.join(', ')}.`);
  }
  const extra = inputNames.filter((n) => n !== ids && n !== style && n !== speed);
  if (extra.length > 0) {
    throw invalid(`The model needs inputs a Kokoro runtime cannot feed: ${extra.join(', ')}.`);
  }

  const typeOf = (list: readonly DeclaredValue[], name: string) => list.find((v) => v.name === name)?.type;
  const typesDeclared = inputs.every((v) => v.type !== undefined);
  const expectType = (actual: string | undefined, allowed: readonly string[], what: string) => {
    if (actual !== undefined && !allowed.includes(actual)) {
      throw invalid(`${what} is declared ${actual}; a Kokoro model declares ${allowed.join(' or ')}.`);
    }
  };
  expectType(typeOf(inputs, ids), ['int64', 'int32'], `The token input \`${ids}\``);
  expectType(typeOf(inputs, style), ['float32'], 'The `style` input');
  expectType(typeOf(inputs, speed), ['float32', 'int32'], 'The `speed` input');
  expectType(typeOf(outputs, waveform), ['float32'], `The audio output \`${waveform}\``);
  const durationsType = durations === undefined ? undefined : typeOf(outputs, durations);
  if (durations !== undefined) expectType(durationsType, [...DURATION_TYPES], `The \`${durations}\` output`);

  const result: ModelInterface = {
    kind: ids === 'tokens' ? 'kokoro-onnx' : 'onnx-community',
    inputs: { ids, style, speed },
    outputs: durations === undefined ? { waveform } : { waveform, durations },
    idsType: typeOf(inputs, ids) === 'int32' ? 'int32' : 'int64',
    speedType: typeOf(inputs, speed) === 'int32' ? 'int32' : 'float32',
    typesDeclared,
  };
  if (durationsType !== undefined) result.durationsType = durationsType;
  return result;
}
