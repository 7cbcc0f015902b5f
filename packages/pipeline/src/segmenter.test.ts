import { describe, expect, it } from 'vitest';
import { type SegmentEvent, StreamSegmenter } from './segmenter';

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
