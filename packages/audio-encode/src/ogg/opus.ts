import { AudioEncodeError } from '../errors';
import { type EncoderBody, floatToInt16Array } from '../pcm';
import type { ResolvedOptions } from '../stream-state';
import { DEFAULT_BITRATES } from '../types';
import { createLibopusEncoder, type OpusWasm } from './libopus';
import { type OggPacket, OggPageWriter } from './ogg-page-writer';

/**
 * Opus in Ogg (RFC 7845), encoded by libopus compiled to WebAssembly (the wasm files of
 * @evan/opus, through our own binding). 20 ms packets; pages leave after every
 * write. Pre-skip carries the encoder's lookahead and the last page's granule position trims the
 * final frame's padding, so a decoder returns exactly the samples that were fed.
 */
export const OPUS_RATES = [8_000, 12_000, 16_000, 24_000, 48_000];

export async function createOpusBody(
  options: ResolvedOptions,
  wasm: OpusWasm | undefined,
): Promise<EncoderBody> {
  const { sampleRate, channels } = options;
  if (!OPUS_RATES.includes(sampleRate)) {
    throw new AudioEncodeError(
      'FORMAT_UNAVAILABLE',
      `Opus encodes ${OPUS_RATES.join(', ')} Hz; got ${sampleRate} Hz. Resample first.`,
    );
  }
  if (!wasm) {
    throw new AudioEncodeError(
      'FORMAT_UNAVAILABLE',
      "The opus encoder needs libopus's wasm here: pass opusWasm (the bytes or compiled module of " +
        "'@evan/opus/wasm/opus.wasm'), or use '@kokoro-kit/audio-encode/node', which loads it itself.",
    );
  }
  const frameSize = sampleRate / 50; // 20 ms
  const opus = await createLibopusEncoder(wasm, {
    sampleRate,
    channels,
    bitrate: options.bitrate ?? DEFAULT_BITRATES.opus,
    frameSize,
  });
  const to48k = 48_000 / sampleRate; // granule positions count 48 kHz samples
  const lookahead = opus.lookahead;
  const preSkip = lookahead * to48k;
  const ogg = new OggPageWriter(randomSerial());
  const pending = new Int16Array(frameSize * channels);
  let pendingFrames = 0;
  let encodedFrames = 0; // per channel, including padding
  let fedFrames = 0; // per channel, as given by the caller
  let headersSent = false;

  const headers = (): Uint8Array[] => {
    if (headersSent) return [];
    headersSent = true;
    // RFC 7845 §3: the identification header alone on the first page, the comment header next.
    return [
      ...ogg.pages([{ data: opusHead(channels, preSkip, sampleRate), granule: 0 }]),
      ...ogg.pages([{ data: opusTags(), granule: 0 }]),
    ];
  };
  const encodeFrames = (pcm: Int16Array): OggPacket[] => {
    const packets: OggPacket[] = [];
    let offset = 0;
    while (offset < pcm.length) {
      const take = Math.min((frameSize - pendingFrames) * channels, pcm.length - offset);
      pending.set(pcm.subarray(offset, offset + take), pendingFrames * channels);
      pendingFrames += take / channels;
      offset += take;
      if (pendingFrames === frameSize) {
        const data = opus.encode(pending);
        encodedFrames += frameSize;
        packets.push({ data, granule: encodedFrames * to48k });
        pendingFrames = 0;
      }
    }
    return packets;
  };

  return {
    write: (samples) => {
      const pcm = floatToInt16Array(samples);
      fedFrames += pcm.length / channels;
      const packets = encodeFrames(pcm);
      return [...headers(), ...(packets.length > 0 ? ogg.pages(packets) : [])];
    },
    end: () => {
      // Feed silence until the lookahead has passed the last real sample and the frame is full.
      const target = fedFrames + lookahead;
      const missing = Math.max(0, target - encodedFrames - pendingFrames);
      const padFrames = missing + ((frameSize - ((pendingFrames + missing) % frameSize)) % frameSize);
      const packets = encodeFrames(new Int16Array(padFrames * channels));
      // The final granule (pre-skip + real samples) tells the decoder where the audio ends.
      const finalGranule = preSkip + fedFrames * to48k;
      for (const packet of packets) packet.granule = Math.min(packet.granule, finalGranule);
      const last = packets.at(-1);
      if (last) last.granule = finalGranule;
      opus.drop();
      return [...headers(), ...ogg.pages(packets, true)];
    },
    cancel: () => opus.drop(),
  };
}

function opusHead(channels: number, preSkip: number, inputRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'));
  head[8] = 1; // version
  head[9] = channels;
  view.setUint16(10, preSkip, true);
  view.setUint32(12, inputRate, true);
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family 0: mono or stereo
  return head;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('kokoro-kit audio-encode (libopus)');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'));
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true); // no user comments
  return tags;
}

function randomSerial(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
