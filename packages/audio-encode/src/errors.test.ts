import { InvalidArgumentError, KokoroError } from '@kokoro-kit/core';
import { describe, expect, it } from 'vitest';
import { AudioEncodeError } from './errors';
import { createEncoder as createBrowserSafeEncoder } from './index';
import { AUDIO_FORMATS, createEncoder, encodeAudio, findFfmpeg } from './node';

describe('misuse', () => {
  it.each(AUDIO_FORMATS)('%s: write or end after end throws ENCODER_CLOSED', async (format) => {
    const encoder = await createEncoder(format);
    await encoder.write(new Float32Array(100));
    await encoder.end();
    await expect(encoder.write(new Float32Array(10))).rejects.toSatisfy(
      (e) => KokoroError.hasCode(e, 'ENCODER_CLOSED') && e instanceof AudioEncodeError,
    );
    await expect(encoder.end()).rejects.toSatisfy((e) => KokoroError.hasCode(e, 'ENCODER_CLOSED'));
  });

  it('rejects unknown formats and bad options with InvalidArgumentError', async () => {
    await expect(createEncoder('ogg' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createEncoder('wav', { channels: 3 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createEncoder('mp3', { bitrate: 65_000 })).rejects.toThrow(/kbit\/s/);
    const stereo = await createEncoder('wav', { channels: 2 });
    await expect(stereo.write(new Float32Array(3))).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('says where aac comes from when there is no ffmpeg', async () => {
    await expect(createBrowserSafeEncoder('aac')).rejects.toSatisfy(
      (e) => KokoroError.hasCode(e, 'FORMAT_UNAVAILABLE') && /ffmpeg/.test((e as Error).message),
    );
    await expect(createEncoder('aac', { ffmpegPath: '/nonexistent/ffmpeg' })).rejects.toSatisfy((e) =>
      KokoroError.hasCode(e, 'FFMPEG_NOT_FOUND'),
    );
    await expect(
      createEncoder('mp3', { backend: 'ffmpeg', ffmpegPath: '/nonexistent/ffmpeg' }),
    ).rejects.toSatisfy((e) => KokoroError.hasCode(e, 'FFMPEG_NOT_FOUND'));
  });

  it.each([
    ['aac', 'ffmpeg'],
    ['opus', 'builtin'],
  ] as const)(
    '%s (%s): cancel() drops the stream and later calls throw ENCODER_CLOSED',
    async (format, backend) => {
      const encoder = await createEncoder(format, { backend });
      await encoder.write(new Float32Array(24_000));
      encoder.cancel();
      encoder.cancel(); // idempotent
      await expect(encoder.write(new Float32Array(10))).rejects.toSatisfy((e) =>
        KokoroError.hasCode(e, 'ENCODER_CLOSED'),
      );
      await expect(encoder.end()).rejects.toSatisfy((e) => KokoroError.hasCode(e, 'ENCODER_CLOSED'));
    },
  );

  it('encodeAudio cancels the encoder when its signal aborts', async () => {
    const encoder = await createEncoder('flac');
    const controller = new AbortController();
    async function* chunks() {
      yield new Float32Array(5000);
      controller.abort();
      yield new Float32Array(5000);
    }
    const consume = async () => {
      for await (const _ of encodeAudio(chunks(), encoder, controller.signal));
    };
    await expect(consume()).rejects.toSatisfy((e) => KokoroError.hasCode(e, 'ABORTED'));
    await expect(encoder.end()).rejects.toSatisfy((e) => KokoroError.hasCode(e, 'ENCODER_CLOSED'));
  });

  it('finds ffmpeg on PATH, and nothing where there is none', () => {
    expect(findFfmpeg(undefined, '/nonexistent:/usr/bin')).toBe('/usr/bin/ffmpeg');
    expect(findFfmpeg(undefined, '/nonexistent')).toBeUndefined();
    expect(findFfmpeg('/nonexistent/ffmpeg')).toBeUndefined();
  });

  it('opus refuses a sample rate libopus cannot take', async () => {
    await expect(createEncoder('opus', { sampleRate: 22_050 })).rejects.toSatisfy((e) =>
      KokoroError.hasCode(e, 'FORMAT_UNAVAILABLE'),
    );
  });
});
