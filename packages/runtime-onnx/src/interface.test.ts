import { KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { type DeclaredValue, detectInterface } from './interface';

const v = (name: string, type?: string): DeclaredValue => (type === undefined ? { name } : { name, type });
const kokoroInputs = [v('input_ids', 'int64'), v('style', 'float32'), v('speed', 'float32')];

function codeAndMessage(fn: () => unknown): [string | undefined, string] {
  try {
    fn();
  } catch (error) {
    if (KokoroError.isInstance(error)) return [error.code, error.message];
    throw error;
  }
  return [undefined, ''];
}

describe('detectInterface', () => {
  it('accepts mixed names, taking the kind from the token input', () => {
    const mixed = detectInterface(
      [v('tokens', 'int64'), v('style', 'float32'), v('speed', 'float32')],
      [v('waveform', 'float32')],
    );
    expect(mixed.kind).toBe('kokoro-onnx');
    expect(mixed.outputs).toEqual({ waveform: 'waveform' });
  });

  it('prefers `durations` over `duration` and ignores outputs it does not need', () => {
    const result = detectInterface(kokoroInputs, [
      v('num_samples', 'int64'),
      v('waveform', 'float32'),
      v('duration', 'int64'),
      v('durations', 'float32'),
    ]);
    expect(result.outputs).toEqual({ waveform: 'waveform', durations: 'durations' });
    expect(result.durationsType).toBe('float32');
  });

  it('assumes float32 speed when the runtime declares no types, and says so', () => {
    const result = detectInterface([v('input_ids'), v('style'), v('speed')], [v('waveform'), v('duration')]);
    expect(result.typesDeclared).toBe(false);
    expect(result.speedType).toBe('float32');
    expect(result.durationsType).toBeUndefined();
    expect(result.outputs.durations).toBe('duration');
  });

  it('rejects inputs it cannot feed', () => {
    const [code, message] = codeAndMessage(() =>
      detectInterface([...kokoroInputs, v('attention_mask', 'int64')], [v('waveform', 'float32')]),
    );
    expect(code).toBe('INVALID_MODEL');
    expect(message).toMatch(/attention_mask/);
  });

  it('rejects declared types no Kokoro export has', () => {
    const cases: Array<[DeclaredValue[], DeclaredValue[], RegExp]> = [
      [
        [v('input_ids', 'int64'), v('style', 'float16'), v('speed', 'float32')],
        [v('waveform', 'float32')],
        /style.*float16/,
      ],
      [
        [v('input_ids', 'int64'), v('style', 'float32'), v('speed', 'float64')],
        [v('waveform', 'float32')],
        /speed.*float64/,
      ],
      [
        [v('input_ids', 'float32'), v('style', 'float32'), v('speed', 'float32')],
        [v('waveform', 'float32')],
        /input_ids.*float32/,
      ],
      [kokoroInputs, [v('waveform', 'float16')], /waveform.*float16/],
      [kokoroInputs, [v('waveform', 'float32'), v('durations', 'string')], /durations.*string/],
    ];
    for (const [inputs, outputs, pattern] of cases) {
      const [code, message] = codeAndMessage(() => detectInterface(inputs, outputs));
      expect(code).toBe('INVALID_MODEL');
      expect(message).toMatch(pattern);
    }
  });

  it('lists every missing role', () => {
    const [code, message] = codeAndMessage(() =>
      detectInterface([v('input_ids', 'int64')], [v('out', 'float32')]),
    );
    expect(code).toBe('INVALID_MODEL');
    expect(message).toMatch(/lacks a `style` input, a `speed` input, an audio output/);
    expect(message).toContain('inputs [input_ids]');
    expect(message).toContain('outputs [out]');
  });
});
