import { KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { normalizeVoiceExpression, parseVoiceExpression } from './expression';

function errorOf(expression: string): KokoroError {
  try {
    parseVoiceExpression(expression);
  } catch (error) {
    if (KokoroError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(expression)} parsed without error`);
}

describe('parseVoiceExpression: weights in every syntax', () => {
  const cases: Array<[string, Array<[string, number]>]> = [
    ['af_heart', [['af_heart', 1]]],
    [
      'af_bella(2)+af_sky(1)',
      [
        ['af_bella', 2 / 3],
        ['af_sky', 1 / 3],
      ],
    ],
    [
      'af_bella:60,af_sky:40',
      [
        ['af_bella', 0.6],
        ['af_sky', 0.4],
      ],
    ],
    [
      'af_bella,af_sky',
      [
        ['af_bella', 0.5],
        ['af_sky', 0.5],
      ],
    ],
    [
      'af_bella,af_sky,am_adam',
      [
        ['af_bella', 1 / 3],
        ['af_sky', 1 / 3],
        ['am_adam', 1 / 3],
      ],
    ],
    [
      'af_bella*0.7+af_sky*0.3',
      [
        ['af_bella', 0.7],
        ['af_sky', 0.3],
      ],
    ],
    [
      'af_bella*0.5+af_sky*0.2',
      [
        ['af_bella', 0.5 / 0.7],
        ['af_sky', 0.2 / 0.7],
      ],
    ],
    [
      'af_bella(1)-af_sky(0.2)',
      [
        ['af_bella', 1 / 1.2],
        ['af_sky', -0.2 / 1.2],
      ],
    ],
    [
      'af_bella - af_sky',
      [
        ['af_bella', 0.5],
        ['af_sky', -0.5],
      ],
    ],
    [
      'af_bella+af_sky(3)',
      [
        ['af_bella', 0.25],
        ['af_sky', 0.75],
      ],
    ],
    // A single weighted voice is that voice unchanged (Kokoro-FastAPI normalizes it to 1).
    ['af_bella(0.3)', [['af_bella', 1]]],
    ['af_bella*5', [['af_bella', 1]]],
    // Repeated voices are merged.
    [
      'af_bella+af_sky+af_bella',
      [
        ['af_bella', 2 / 3],
        ['af_sky', 1 / 3],
      ],
    ],
    ['af_bella(1)-af_sky(1)+af_sky(1)', [['af_bella', 1 / 3]]],
    // Whitespace anywhere between tokens.
    [
      '  af_bella ( 2 )  +  af_sky ( 1e0 ) ',
      [
        ['af_bella', 2 / 3],
        ['af_sky', 1 / 3],
      ],
    ],
    [
      ' af_bella : 60 , af_sky : 40 ',
      [
        ['af_bella', 0.6],
        ['af_sky', 0.4],
      ],
    ],
    [
      'af_bella(.5)+af_sky(1.)',
      [
        ['af_bella', 1 / 3],
        ['af_sky', 2 / 3],
      ],
    ],
  ];
  for (const [expression, expected] of cases) {
    it(JSON.stringify(expression), () => {
      const { terms } = parseVoiceExpression(expression);
      expect(terms.map((t) => t.name)).toEqual(expected.map(([name]) => name));
      terms.forEach((t, i) => {
        expect(t.weight).toBeCloseTo(expected[i]![1], 14);
      });
    });
  }

  it('keeps a hyphen between name characters in the name, so file names with "-" work', () => {
    expect(parseVoiceExpression('my-voice').terms).toEqual([{ name: 'my-voice', weight: 1 }]);
    expect(parseVoiceExpression('my-voice(1)-af_sky(1)').terms.map((t) => t.name)).toEqual([
      'my-voice',
      'af_sky',
    ]);
    expect(parseVoiceExpression('af_bella- af_sky').terms.map((t) => t.weight)).toEqual([0.5, -0.5]);
  });
});

describe('weights near the limits of a double', () => {
  it('huge weights are normalized, not reported as cancelling out', () => {
    expect(parseVoiceExpression('af_bella(1e308)+af_sky(1e308)').terms).toEqual([
      { name: 'af_bella', weight: 0.5 },
      { name: 'af_sky', weight: 0.5 },
    ]);
    expect(parseVoiceExpression('af_bella(1.5e308)-af_sky(0.5e308)').terms).toEqual([
      { name: 'af_bella', weight: 0.75 },
      { name: 'af_sky', weight: -0.25 },
    ]);
  });
  it('tiny weights are normalized too', () => {
    expect(parseVoiceExpression('af_bella(3e-320)+af_sky(1e-320)').terms.map((t) => t.weight)).toEqual([
      0.75, 0.25,
    ]);
  });
  it('a weight that overflows a double is an error saying so', () => {
    expect(() => parseVoiceExpression('af_bella(1e309)+af_sky(1)')).toThrow(/not a finite number/);
  });
});

describe('normalizeVoiceExpression: equivalent expressions share one key', () => {
  it('gives the same key across syntaxes', () => {
    const key = normalizeVoiceExpression('af_bella(2)+af_sky(1)');
    expect(key).toBe('af_bella*0.666666666667+af_sky*0.333333333333');
    for (const same of [
      'af_bella:2,af_sky:1',
      'af_bella:200, af_sky:100',
      'af_bella(4)+af_sky(2)',
      'af_bella+af_sky+af_bella',
    ]) {
      expect(normalizeVoiceExpression(same), same).toBe(key);
    }
    expect(normalizeVoiceExpression('af_bella,af_sky')).toBe(
      normalizeVoiceExpression('af_bella(1)+af_sky(1)'),
    );
    expect(normalizeVoiceExpression('af_bella*0.7+af_sky*0.3')).toBe(
      normalizeVoiceExpression('af_bella:70,af_sky:30'),
    );
  });

  it('keeps the order of appearance (it decides float summation order) and signs', () => {
    expect(normalizeVoiceExpression('af_sky(1)+af_bella(2)')).toBe(
      'af_sky*0.333333333333+af_bella*0.666666666667',
    );
    expect(normalizeVoiceExpression('af_bella(1)-af_sky(0.25)')).toBe('af_bella*0.8-af_sky*0.2');
  });

  it('is a plain name for one voice unchanged, and is stable when normalized again', () => {
    expect(normalizeVoiceExpression(' af_heart ')).toBe('af_heart');
    expect(normalizeVoiceExpression('af_heart(7)')).toBe('af_heart');
    const key = normalizeVoiceExpression('af_bella(1)-af_sky(0.2)+am_adam:0.3');
    expect(normalizeVoiceExpression(key)).toBe(key);
  });

  it('tells different blends apart', () => {
    expect(normalizeVoiceExpression('af_bella(2)+af_sky(1)')).not.toBe(
      normalizeVoiceExpression('af_bella(1)+af_sky(2)'),
    );
    expect(normalizeVoiceExpression('af_bella+af_sky')).not.toBe(
      normalizeVoiceExpression('af_bella-af_sky(1)'),
    );
  });
});

describe('malformed expressions give INVALID_VOICE_EXPRESSION saying where', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['af_bella(', /character 10: expected a weight \(a positive number\), found the end/],
    ['af_bella(x)', /character 10: expected a weight .* found 'x'/],
    ['af_bella(NaN)', /found 'NaN'/],
    ['af_bella(Infinity)', /found 'Infinity'/],
    ['af_bella(1e999)', /not a finite number/],
    ['af_bella(-1)', /character 10: weight -1 is negative/],
    ['af_bella*-0.5+af_sky', /weight -0.5 is negative/],
    ['af_bella(0)+af_sky', /weight 0 is zero/],
    ['af_bella:0.0,af_sky', /weight 0.0 is zero/],
    ['af_bella:', /character 10: expected a weight/],
    ['af_bella++af_sky', /character 10: expected a voice name, found '\+'/],
    ['af_bella+-af_sky', /character 10: expected a voice name, found '-'/],
    ['af_bella+', /character 10: expected a voice name, found the end/],
    [',af_bella', /character 1: expected a voice name, found ','/],
    ['+af_bella', /character 1: expected a voice name/],
    ['af_bella,,af_sky', /character 10: expected a voice name, found ','/],
    ['af_bella(1', /character 11: expected '\)' to close the weight/],
    ['af_bella(1))', /character 12: unbalanced '\)'/],
    ['af_bella)', /character 9: unbalanced '\)'/],
    ['(af_bella)', /character 1: expected a voice name, found '\('/],
    ['af_bella(1)(2)', /character 12: '\(': a voice takes one weight/],
    ['af_bella&af_sky', /character 9: unexpected '&'; expected '\+', '-', ',' or the end/],
    ['af_bella|af_sky', /unexpected '\|'/],
    ['af_bella af_sky', /character 10: unexpected 'a'/],
    ['af_bella,af_sky+am_adam', /character 16: '\+' mixes ',' lists with '\+'\/'-' blends/],
    ['af_bella(1)-af_bella(1)', /cancels out/],
  ];
  for (const [expression, pattern] of cases) {
    it(JSON.stringify(expression), () => {
      const error = errorOf(expression);
      expect(error.code).toBe('INVALID_VOICE_EXPRESSION');
      expect(error.message).toMatch(pattern);
    });
  }
});

describe('names that could escape a directory give INVALID_VOICE_NAME', () => {
  for (const bad of [
    '../../etc/passwd',
    '/etc/passwd',
    'af_heart/../x',
    '..\\af_heart',
    'a..b',
    '.hidden',
    '~/x',
    'C:\\x',
  ]) {
    it(JSON.stringify(bad), () => {
      const error = errorOf(bad);
      expect(KokoroError.isInstance(error)).toBe(true);
      if (bad !== 'C:\\x') expect(error.code).toBe('INVALID_VOICE_NAME');
    });
  }

  it('in any term of a blend', () => {
    expect(errorOf('af_heart(1)+../x(1)').code).toBe('INVALID_VOICE_NAME');
    expect(errorOf('af_heart,/etc/passwd').code).toBe('INVALID_VOICE_NAME');
  });
});

describe('a voice blended with itself is that voice', () => {
  it('af_heart(380.8031135927398)+af_heart has the key af_heart and weight exactly 1', () => {
    expect(parseVoiceExpression('af_heart(380.8031135927398)+af_heart')).toEqual({
      terms: [{ name: 'af_heart', weight: 1 }],
      key: 'af_heart',
    });
  });
});
