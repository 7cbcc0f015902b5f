// Types for the parts of untyped dependencies that this package calls.

declare module 'wasm-media-encoders' {
  export interface Mp3Encoder {
    configure(params: { sampleRate: number; channels: 1 | 2; bitrate?: number; vbrQuality?: number }): void;
    /** Returns a view into the encoder's memory: copy before the next call. */
    encode(channels: Float32Array[]): Uint8Array;
    finalize(): Uint8Array;
  }
  export function createMp3Encoder(): Promise<Mp3Encoder>;
}
