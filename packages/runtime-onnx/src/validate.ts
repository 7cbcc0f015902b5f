import {
  InvalidArgumentError,
  MAX_IDS,
  MAX_PHONEMES,
  MIN_IDS,
  type ModelInput,
  N_TOKEN,
  STYLE_DIM,
} from '@kokoro-kit/core';

/**
 * Checks a model input before it reaches onnxruntime, whose own errors (a failed Gather deep in
 * the graph) would not tell the caller what to fix.
 */
export function validateModelInput(input: ModelInput): void {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidArgumentError('The model input must be an object { ids, style, speed }.');
  }
  const { ids, style, speed } = input;
  if (!isNumberArray(ids)) {
    throw new InvalidArgumentError('`ids` must be an Int32Array of token ids (pads included).');
  }
  if (ids.length < MIN_IDS || ids.length > MAX_IDS) {
    throw new InvalidArgumentError(
      `\`ids\` has ${ids.length} values; the model takes ${MIN_IDS}..${MAX_IDS} (${MAX_PHONEMES} phonemes plus the two pads). ` +
        'Split longer text into chunks first (the pipeline does this).',
    );
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= N_TOKEN) {
      throw new InvalidArgumentError(
        `\`ids[${i}]\` is ${id}; Kokoro token ids are integers in 0..${N_TOKEN - 1}. Encode phonemes with the Kokoro tokenizer.`,
      );
    }
  }
  if (!isNumberArray(style) || style.length !== STYLE_DIM) {
    const got = isNumberArray(style) ? `${style.length} values` : typeof style;
    throw new InvalidArgumentError(
      `\`style\` must be ${STYLE_DIM} float32 values (one voice-pack row, VoicePack.styleFor); got ${got}.`,
    );
  }
  for (let i = 0; i < style.length; i++) {
    if (!Number.isFinite(style[i])) {
      throw new InvalidArgumentError(`\`style[${i}]\` is ${style[i]}; every style value must be finite.`);
    }
  }
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new InvalidArgumentError(
      `\`speed\` is ${String(speed)}; it must be a finite number > 0 (1 is normal, 2 twice as fast).`,
    );
  }
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return (
    (ArrayBuffer.isView(value) &&
      !(value instanceof DataView) &&
      !(value instanceof BigInt64Array) &&
      !(value instanceof BigUint64Array)) ||
    Array.isArray(value)
  );
}
