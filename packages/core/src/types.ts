/**
 * The contracts every stage of kokoro-kit meets through. Adapters implement them; the pipeline
 * only knows them; apps wire implementations together.
 */

/** A BCP-47-ish language tag. Known Kokoro v1.0 languages first; any other string is allowed. */
export type LanguageTag =
  | 'en-US'
  | 'en-GB'
  | 'es'
  | 'fr'
  | 'hi'
  | 'it'
  | 'pt-BR'
  | 'ja'
  | 'zh'
  | (string & {});

/** Voice names shipped with Kokoro-82M v1.0 (open union: custom packs and blends are strings too). */
export type KokoroVoiceName =
  | 'af_heart'
  | 'af_alloy'
  | 'af_aoede'
  | 'af_bella'
  | 'af_jessica'
  | 'af_kore'
  | 'af_nicole'
  | 'af_nova'
  | 'af_river'
  | 'af_sarah'
  | 'af_sky'
  | 'am_adam'
  | 'am_echo'
  | 'am_eric'
  | 'am_fenrir'
  | 'am_liam'
  | 'am_michael'
  | 'am_onyx'
  | 'am_puck'
  | 'am_santa'
  | 'bf_alice'
  | 'bf_emma'
  | 'bf_isabella'
  | 'bf_lily'
  | 'bm_daniel'
  | 'bm_fable'
  | 'bm_george'
  | 'bm_lewis'
  | (string & {});

/** A word (or punctuation mark) and its phonemes, as a G2P produced them. */
export interface PhonemeToken {
  /** The source text of the token, as written. */
  text: string;
  /** Its phonemes in the Kokoro vocabulary ('' when the token is silent, e.g. a bracket). */
  phonemes: string;
  /** Whitespace that followed the token in the source ('' or e.g. ' '). */
  whitespace: string;
}

/** Something the G2P could not handle as asked, reported instead of silently dropped. */
export interface G2PWarning {
  /** 'unknown-word': not in any lexicon and no fallback; 'unsupported-char': no phonemes for it. */
  kind: 'unknown-word' | 'unsupported-char' | (string & {});
  /** The text concerned. */
  text: string;
  /** What the G2P did about it. */
  message: string;
}

export interface PhonemizeOptions {
  language?: LanguageTag;
  signal?: AbortSignal;
  /** Called for every problem the G2P worked around (unknown words, unsupported characters). */
  onWarning?: (warning: G2PWarning) => void;
}

/** Text → phoneme tokens for one or more languages. */
export interface G2P {
  readonly languages: readonly LanguageTag[];
  phonemize(text: string, options?: PhonemizeOptions): Promise<PhonemeToken[]>;
}

/**
 * A word-level G2P used when a lexicon-based G2P cannot read a word (e.g. misaki's espeak
 * fallback for English out-of-lexicon words). Returns `undefined` when it has no answer either.
 */
export interface WordFallback {
  readonly languages: readonly LanguageTag[];
  phonemizeWord(
    word: string,
    options: { language: LanguageTag; signal?: AbortSignal },
  ): Promise<{ phonemes: string; rating?: number } | undefined>;
}

/** A character that was not in the vocabulary and was left out of the ids. */
export interface DroppedPhoneme {
  char: string;
  /** Index in the input string, in UTF-16 code units (as `String.prototype.indexOf` counts). */
  index: number;
}

export interface EncodeResult {
  /** Ids including one pad (0) at each end. */
  ids: Int32Array;
  /** Characters that were not in the vocabulary, in input order. */
  dropped: DroppedPhoneme[];
}

/** Phoneme string → model input ids. */
export interface Tokenizer {
  /** The most phonemes one model call accepts (510 for Kokoro v1.0), pads excluded. */
  readonly maxPhonemes: number;
  /** Encodes phonemes to ids with pads; throws PhonemesTooLongError past `maxPhonemes`. */
  encode(phonemes: string): EncodeResult;
  /** True if the character is in the vocabulary. */
  has(char: string): boolean;
}

/** The dimension of one style row. */
export const STYLE_DIM = 256;
/** The most phonemes one Kokoro v1.0 call takes: its 512-position context less the two pads (spec §1.3). */
export const MAX_PHONEMES = 510;
/** The most ids one model call takes: `MAX_PHONEMES` plus a pad (0) at each end. */
export const MAX_IDS = MAX_PHONEMES + 2;
/** The fewest ids one model call takes: the two pads alone. */
export const MIN_IDS = 2;
/** Kokoro-82M v1.0's `n_token`: ids index an embedding table of 178 rows (spec §1, §6). */
export const N_TOKEN = 178;
/** The number of rows in a Kokoro v1.0 voice pack (one per phoneme count 1..510). */
export const VOICE_PACK_ROWS = 510;

/** What kind of voice a name is (from Kokoro's naming: first letter language, second gender). */
export interface VoiceInfo {
  name: string;
  /** Language from the first letter, if it is a known Kokoro prefix. */
  language?: LanguageTag;
  gender?: 'female' | 'male';
}

/** A voice: a table of style rows, one per utterance length. */
export interface VoicePack {
  readonly name: string;
  /** The full table, `rows × 256` float32, row-major. */
  readonly data: Float32Array;
  readonly rows: number;
  /**
   * The 256-float style for an utterance of `phonemeCount` phonemes. Follows the PyTorch
   * reference: row `phonemeCount − 1`, clamped to the table.
   */
  styleFor(phonemeCount: number): Float32Array;
}

export interface VoiceStore {
  list(options?: { signal?: AbortSignal }): Promise<VoiceInfo[]>;
  /** A voice by name, or a blend expression such as `af_bella(2)+af_sky(1)`. */
  get(expression: string, options?: { signal?: AbortSignal }): Promise<VoicePack>;
}

export interface ModelInput {
  /** Ids including both pads, at most 512 values. */
  ids: Int32Array;
  /** One style row, 256 float32. */
  style: Float32Array;
  /** > 1 is faster. */
  speed: number;
}

export interface ModelOutput {
  /** Mono float32 samples at 24 kHz. */
  waveform: Float32Array;
  /** Frames (25 ms) per input id, pads included, already divided by speed; only if the model exports them. */
  durations?: Float32Array;
}

/** Which ONNX naming a model file uses. */
export type ModelInterfaceKind = 'onnx-community' | 'kokoro-onnx';

export interface ModelRuntime {
  readonly outputs: { durations: boolean };
  run(input: ModelInput, options?: { signal?: AbortSignal }): Promise<ModelOutput>;
  dispose(): Promise<void>;
}

/** A word's place in the audio, in seconds from the start of the stream. */
export interface WordTiming {
  text: string;
  phonemes: string;
  start: number;
  end: number;
}

/** Kokoro's output sample rate. */
export const SAMPLE_RATE = 24_000;
/** Samples per duration frame (25 ms at 24 kHz). */
export const SAMPLES_PER_FRAME = 600;

export interface AudioChunk {
  /** 0-based position in the stream. */
  index: number;
  /** 'silence' for pauses and sentence gaps the pipeline inserted; 'speech' (or absent) otherwise. */
  kind?: 'speech' | 'silence';
  samples: Float32Array;
  sampleRate: typeof SAMPLE_RATE;
  /** The text this chunk speaks. */
  text: string;
  /** The phonemes fed to the model (without pads). */
  phonemes: string;
  /** Word timings, or `undefined` when the model has no durations output. */
  words: WordTiming[] | undefined;
  /** Seconds from the start of the stream to this chunk's first sample. */
  start: number;
}
