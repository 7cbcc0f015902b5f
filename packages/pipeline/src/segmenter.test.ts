import { KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { MAX_SSML_DEPTH, type SegmentEvent, StreamSegmenter } from './segmenter';

/** All events for `text`, pushed in pieces of `size` characters (Infinity = one piece). */
function segment(
  text: string,
  size = Number.POSITIVE_INFINITY,
  ssml?: 'auto' | 'always' | 'never',
): SegmentEvent[] {
  const segmenter = new StreamSegmenter({ ssml });
  const events: SegmentEvent[] = [];
  const drain = () => {
    for (let e = segmenter.next(); e; e = segmenter.next()) events.push(e);
  };
  for (let i = 0; i < text.length; i += size) {
    segmenter.push(text.slice(i, i + size));
    drain();
  }
  segmenter.close();
  drain();
  expect(segmenter.done).toBe(true);
  return events;
}

const texts = (events: SegmentEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));

describe('StreamSegmenter', () => {
  it('splits sentences and clauses, keeping closing quotes with their sentence', () => {
    expect(texts(segment('Hello, world! "Is it?" she asked. Yes; it is.'))).toEqual([
      'Hello,',
      'world!',
      '"Is it?"',
      'she asked.',
      'Yes;',
      'it is.',
    ]);
  });

  it('gives the same pieces however the text is cut into pushes', () => {
    const text =
      'Dr. Smith paid $3.50 at 10:30 a.m. on Jan. 5, then left… Next, J. R. R. Tolkien wrote it. The end';
    const whole = texts(segment(text));
    for (const size of [1, 2, 3, 7, 13]) expect(texts(segment(text, size))).toEqual(whole);
  });

  it('knows abbreviations, initials, decimals, times, list markers and lowercase continuations', () => {
    expect(
      texts(segment('Dr. Smith met Mr. Jones at 3.30 p.m. today. J. R. R. Tolkien wrote it, e.g. this one.')),
    ).toEqual([
      'Dr. Smith met Mr. Jones at 3.30 p.m. today.',
      'J. R. R. Tolkien wrote it,',
      'e.g. this one.',
    ]);
    expect(texts(segment('1. First item\n2. Second item'))).toEqual(['1. First item', '2. Second item']);
  });

  it('never splits URLs or e-mail addresses, and ends at newlines after them', () => {
    const events = segment('See https://example.com/a.b?c=d, or mail a.b@example.org.\nhttp://x.y/z\nDone');
    expect(texts(events)).toEqual([
      'See https://example.com/a.b?c=d,',
      'or mail a.b@example.org.',
      'http://x.y/z',
      'Done',
    ]);
    expect(events.filter((e) => e.type === 'text').map((e) => (e as { boundary: string }).boundary)).toEqual([
      'clause',
      'paragraph',
      'paragraph',
      'end',
    ]);
  });

  it('splits CJK text at 。！？；，、 without needing spaces', () => {
    expect(texts(segment('你好，世界。今天天气很好！「走吧。」'))).toEqual([
      '你好，',
      '世界。',
      '今天天气很好！',
      '「走吧。」',
    ]);
    expect(texts(segment('こんにちは、世界。元気？'))).toEqual(['こんにちは、', '世界。', '元気？']);
  });

  it('cuts long text without punctuation at a space, never inside a word', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const pieces = texts(segment(words.join(' '), 50));
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join(' ')).toBe(words.join(' '));
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(300);
  });

  it('keeps going with an unclosed quote or bracket', () => {
    expect(texts(segment('He said "this never closes. And goes on. (So does this.'))).toEqual([
      'He said "this never closes.',
      'And goes on.',
      '(So does this.',
    ]);
  });

  it('reads bracket pauses and voice switches, and reads malformed ones as text', () => {
    const events = segment('Hi [pause:1.5s] there [voice:bf_emma] mate [pause:x] [not a tag] [voice]end', 3);
    expect(
      events.map((e) =>
        e.type === 'text'
          ? `T:${e.text}:${e.style.voice ?? ''}`
          : e.type === 'pause'
            ? `P:${e.seconds}`
            : `M:${e.markup}${e.warning ? '!' : ''}`,
      ),
    ).toEqual([
      'T:Hi:',
      'P:1.5',
      'T:there:',
      'M:[voice:bf_emma]',
      'T:mate:bf_emma',
      'M:[pause:x]!',
      'T:[pause:x] [not a tag]:bf_emma',
      'M:[voice]',
      'T:end:',
    ]);
  });

  it('reads the SSML subset when the input starts with <speak>', () => {
    const ssml =
      '<speak>Hello <break time="500ms"/> <prosody rate="slow">slow <voice name="am_adam">adam</voice></prosody> ' +
      '<phoneme alphabet="ipa" ph="təmˈɑtO">tomato</phoneme> <sub alias="World Wide Web">WWW</sub> ' +
      '<say-as interpret-as="characters">ABC</say-as> <say-as interpret-as="ordinal">2</say-as> <break strength="strong"/>' +
      '<foo>kept</foo> &amp; done.</speak>';
    for (const size of [Number.POSITIVE_INFINITY, 4]) {
      const events = segment(ssml, size);
      const summary = events.map((e) =>
        e.type === 'text'
          ? `T:${e.text}|${e.style.voice ?? ''}|${e.style.rate}${e.phonemes ? `|${e.phonemes}` : ''}`
          : e.type === 'pause'
            ? `P:${e.seconds}`
            : `M${e.warning ? '!' : ''}`,
      );
      expect(summary).toEqual([
        'M',
        'T:Hello||1',
        'P:0.5',
        'M',
        'T:slow||0.8',
        'M',
        'T:adam|am_adam|0.8',
        'M',
        'M',
        'T:tomato||1|təmˈɑtO',
        'T:World Wide Web||1',
        'T:A B C||1',
        'T:2nd||1',
        'P:1',
        'M!',
        'T:kept||1',
        'M!',
        'T:& done.||1',
        'M',
      ]);
    }
  });

  it('treats < as text outside SSML, and terminates on any input', () => {
    expect(texts(segment('a < b and c > d.'))).toEqual(['a < b and c > d.']);
    for (const input of [
      '',
      '   ',
      '\n\n',
      '...',
      '[',
      '[pause:',
      '<speak',
      '<speak><break',
      '"',
      '。',
      '\u0000\u202e😀',
    ]) {
      segment(input);
      segment(input, 1);
    }
  });
});

/** Events for `pieces` pushed one by one, and the segmenter (for its work counter). */
function segmentPieces(pieces: readonly string[], ssml?: 'auto' | 'always' | 'never') {
  const segmenter = new StreamSegmenter({ ssml });
  const events: SegmentEvent[] = [];
  const drain = () => {
    for (let e = segmenter.next(); e; e = segmenter.next()) events.push(e);
  };
  for (const piece of pieces) {
    segmenter.push(piece);
    drain();
  }
  segmenter.close();
  drain();
  return { events, examined: segmenter.charactersExamined };
}

describe('StreamSegmenter: streamed SSML is recognized whatever the pieces', () => {
  const expected = ['T:Hi', 'P:1', 'T:there'];
  const summary = (events: SegmentEvent[]) =>
    events.flatMap((e) =>
      e.type === 'text' ? [`T:${e.text}`] : e.type === 'pause' ? [`P:${e.seconds}`] : [],
    );
  it.each([
    [['<speak', '>Hi <break time="1s"/> there</speak>']],
    [['<', 'speak', '>', 'Hi <break time="1s"/> there</speak>']],
    [['<speak', ' version="1.0">Hi <break time="1s"/> there</speak>']],
    [['  <sp', 'eak', '>Hi <break time="1s"/> there</speak>']],
  ])('%j', (pieces) => {
    expect(summary(segmentPieces(pieces).events)).toEqual(expected);
  });
  it('<speaker> is not SSML, in one piece or several', () => {
    for (const pieces of [['<speaker> hi.'], ['<speak', 'er> hi.']])
      expect(texts(segmentPieces(pieces).events)).toEqual(['<speaker> hi.']);
  });
});

describe('StreamSegmenter: markup never eats text, and is read the same however it is split', () => {
  const longVoice = `[voice:${'a'.repeat(320)}] hello there.`;
  it.each([1, 7, 100, Number.POSITIVE_INFINITY])(
    'a [voice:…] tag longer than the tag limit is read as text with a warning (pieces of %s)',
    (size) => {
      const events = segment(longVoice, size);
      expect(events.filter((e) => e.type === 'markup' && e.warning).length).toBe(1);
      expect(events.some((e) => e.type === 'text' && e.style.voice !== undefined)).toBe(false);
      expect(texts(events).join(' ')).toContain('hello there.');
    },
  );

  it('never cuts a surrogate pair in two', () => {
    for (const text of [`a${'𠀀'.repeat(400)}`, `${'😀'.repeat(301)}x`, `a${'😀'.repeat(400)}`]) {
      for (const size of [1, 3, Number.POSITIVE_INFINITY]) {
        for (const piece of texts(segment(text, size)))
          expect(piece, `pieces of ${size}`).not.toMatch(
            /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
          );
      }
    }
  });
});

describe('StreamSegmenter: work grows linearly with the input', () => {
  // Characters examined per input character at most: a bracket or SSML tag is read from a window
  // of MAX_TAG_LENGTH (200) or MAX_SSML_TAG_LENGTH (1000) characters, everything else a few times.
  it.each([
    ['[ pushed one per call', 450, (n: number) => Array.from({ length: n }, () => '[')],
    ['[ in one piece', 450, (n: number) => ['['.repeat(n)]],
    ['words pushed one per call', 10, (n: number) => Array.from({ length: n }, () => 'word ')],
    ['sentences in one piece', 10, (n: number) => ['Hi there. '.repeat(n)]],
    [
      '< in SSML pushed one per call',
      2100,
      (n: number) => ['<speak>', ...Array.from({ length: n }, () => '<')],
    ],
    ['<x> in SSML in one piece', 10, (n: number) => [`<speak>${'<x>'.repeat(n)}</speak>`]],
  ])('%s (at most %s per character)', (_, perChar, make) => {
    const work = (n: number) => {
      const pieces = make(n);
      return { examined: segmentPieces(pieces).examined, chars: pieces.join('').length };
    };
    const small = work(4000);
    const large = work(8000);
    expect(small.examined).toBeLessThanOrEqual(perChar * small.chars);
    expect(large.examined).toBeLessThanOrEqual(perChar * large.chars);
    expect(large.examined).toBeLessThanOrEqual(2.5 * small.examined);
  });
});

describe('StreamSegmenter: SSML nesting is bounded', () => {
  it(`nesting deeper than ${MAX_SSML_DEPTH} levels is a MarkupError saying so`, () => {
    const depth = MAX_SSML_DEPTH + 1;
    const ssml = `<speak>${'<prosody rate="fast">'.repeat(depth)}hi${'</prosody>'.repeat(depth)}</speak>`;
    let error: unknown;
    try {
      segmentPieces([ssml]);
    } catch (caught) {
      error = caught;
    }
    expect(KokoroError.hasCode(error, 'SSML_TOO_DEEP')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`${MAX_SSML_DEPTH} levels`));
  });
  it(`${MAX_SSML_DEPTH} levels are fine`, () => {
    const ssml = `<speak>${'<voice name="af_sky">'.repeat(MAX_SSML_DEPTH)}hi${'</voice>'.repeat(MAX_SSML_DEPTH)}</speak>`;
    const { events } = segmentPieces([ssml]);
    expect(events.find((e) => e.type === 'text')).toMatchObject({ text: 'hi', style: { voice: 'af_sky' } });
  });
});
