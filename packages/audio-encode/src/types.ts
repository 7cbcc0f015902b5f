/** The `response_format` values of OpenAI's speech API. */
export type AudioFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

export const AUDIO_FORMATS: readonly AudioFormat[] = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];

export interface EncoderOptions {
  /** Input sample rate in Hz. Default 24000 (Kokoro's). */
  sampleRate?: number;
  /** Input channels; samples are interleaved. Default 1. */
  channels?: number;
  /** Target bitrate in bits per second for lossy formats (mp3 64k, opus 48k, aac 64k by default). */
  bitrate?: number;
}

/**
 * One continuous stream per request. Feed float samples in [-1, 1] as they are synthesized;
 * every call returns the bytes that are ready (often none for lossy codecs, which buffer a frame).
 * Concatenating everything returned, in order, gives one valid file.
 */
export interface AudioEncoder {
  readonly format: AudioFormat;
  /** The HTTP `Content-Type` for this stream. */
  readonly contentType: string;
  write(samples: Float32Array): Promise<Uint8Array[]>;
  /** Flushes the codec and closes the stream. Call once; later calls throw `ENCODER_CLOSED`. */
  end(): Promise<Uint8Array[]>;
  /**
   * Drops the stream without finishing it (the client went away): stops an ffmpeg process, frees
   * codec memory. Safe to call at any time, more than once; a no-op after `end()`.
   */
  cancel(): void;
}

/** Defaults and content types: one place for each rule. */
export const CONTENT_TYPES: Readonly<Record<AudioFormat, string>> = {
  mp3: 'audio/mpeg',
  // What Kokoro-FastAPI sends; the body is Ogg-encapsulated Opus (RFC 7845), as OpenAI's is.
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export const DEFAULT_BITRATES = { mp3: 64_000, opus: 48_000, aac: 64_000 } as const;
