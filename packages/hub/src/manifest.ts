/**
 * Facts about the files the hub serves: repositories, pinned revisions, file variants, sizes and
 * SHA-256 digests. Every value here comes from shared/spec/kokoro.md §2 (§2.6 for digests) and
 * shared/data/misaki/SOURCE.md; nothing is guessed. Files without a pinned digest are verified
 * trust-on-first-use (see the README).
 */

/** The Hugging Face hub. `KOKORO_HUB_URL` replaces it (mirrors, tests). */
export const DEFAULT_HUB_URL = 'https://huggingface.co';
/** GitHub's raw host, where misaki's lexicons live. `KOKORO_LEXICON_URL` replaces it. */
export const DEFAULT_LEXICON_URL = 'https://raw.githubusercontent.com';

/** The ONNX export kokoro-js uses (spec §2.1). */
export const DEFAULT_MODEL_REPO = 'onnx-community/Kokoro-82M-v1.0-ONNX';
/** The revision third-party projects pin for it (spec §2.1). */
export const DEFAULT_MODEL_REVISION = '1939ad2a8e416c0acfeecc08a694d14ef25f2231';
/** The export with a `durations` output (spec §2.3). */
export const TIMESTAMPED_MODEL_REPO = 'onnx-community/Kokoro-82M-v1.0-ONNX-timestamped';
export const TIMESTAMPED_MODEL_REVISION = 'dd4401a9add81ac692d20e240d22ec9dda82cc29';
/** The id `--model` defaults to. */
export const DEFAULT_MODEL_ID = `${DEFAULT_MODEL_REPO}@${DEFAULT_MODEL_REVISION}`;

/** Revisions used when a known repo is named without `@revision`. Other repos use `main`. */
export const PINNED_REVISIONS: Readonly<Record<string, string>> = {
  [DEFAULT_MODEL_REPO]: DEFAULT_MODEL_REVISION,
  [TIMESTAMPED_MODEL_REPO]: TIMESTAMPED_MODEL_REVISION,
};

/** transformers.js dtype → file under `onnx/` (spec §2.2, `DEFAULT_DTYPE_SUFFIX_MAPPING`). */
export const MODEL_DTYPE_FILES = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  int8: 'onnx/model_int8.onnx',
  uint8: 'onnx/model_uint8.onnx',
  q4: 'onnx/model_q4.onnx',
  q4f16: 'onnx/model_q4f16.onnx',
  bnb4: 'onnx/model_bnb4.onnx',
} as const;

export type ModelDtype = keyof typeof MODEL_DTYPE_FILES;
export const MODEL_DTYPES = Object.keys(MODEL_DTYPE_FILES) as ModelDtype[];

/** A file whose bytes are pinned: any other bytes under this path fail verification. */
export interface PinnedFile {
  /** `<repo>@<revision>` for hub files, `hexgrad/misaki@<commit>` for lexicons. */
  source: string;
  path: string;
  size: number;
  sha256: string;
}

/** The pinned misaki commit (shared/data/misaki/SOURCE.md). */
export const MISAKI_REPO = 'hexgrad/misaki';
export const MISAKI_COMMIT = 'fba1236595f2d2bf21d414ba6e57d25256afada3';

/** misaki's data files, by file name (the repository path is `misaki/data/<file>`). */
export const LEXICON_FILES = [
  'us_gold.json',
  'us_silver.json',
  'gb_gold.json',
  'gb_silver.json',
  'ja_words.txt',
] as const;
export type LexiconFile = (typeof LEXICON_FILES)[number];

/** Lexicon files per language tag (the English G2P reads gold + silver of its dialect). */
export const LEXICONS_BY_LANGUAGE: Readonly<Record<string, readonly LexiconFile[]>> = {
  'en-US': ['us_gold.json', 'us_silver.json'],
  'en-GB': ['gb_gold.json', 'gb_silver.json'],
  ja: ['ja_words.txt'],
};

/**
 * pypinyin's dictionaries, the readings misaki's Kokoro v1.0 Mandarin path uses: pypinyin
 * 0.53.0 (tag v0.53.0), shared/data/pypinyin/SOURCE.md. Served from the lexicon host
 * (`KOKORO_LEXICON_URL`), like misaki's files.
 */
export const PYPINYIN_REPO = 'mozillazg/python-pinyin';
export const PYPINYIN_COMMIT = 'e42dede51abbc40e225da9a8ec8e5bd0043eed21';

/** pypinyin's data files, by file name (the repository path is `pypinyin/<file>`). */
export const PYPINYIN_FILES = ['pinyin_dict.json', 'phrases_dict.json'] as const;
export type PypinyinFile = (typeof PYPINYIN_FILES)[number];

const base = `${DEFAULT_MODEL_REPO}@${DEFAULT_MODEL_REVISION}`;
const misaki = `${MISAKI_REPO}@${MISAKI_COMMIT}`;
const pypinyin = `${PYPINYIN_REPO}@${PYPINYIN_COMMIT}`;

/** Spec §2.6, misaki SOURCE.md and pypinyin SOURCE.md, exactly. */
export const PINNED_FILES: readonly PinnedFile[] = [
  {
    source: base,
    path: 'onnx/model.onnx',
    size: 325_532_232,
    sha256: '8fbea51ea711f2af382e88c833d9e288c6dc82ce5e98421ea61c058ce21a34cb',
  },
  {
    source: base,
    path: 'onnx/model_quantized.onnx',
    size: 92_361_116,
    sha256: 'fbae9257e1e05ffc727e951ef9b9c98418e6d79f1c9b6b13bd59f5c9028a1478',
  },
  {
    source: base,
    path: 'tokenizer.json',
    size: 3_497,
    sha256: '77a02c8e164413299b4b4c403b14f8e0e1c1b727db4d46a09d6327b861060a34',
  },
  {
    source: base,
    path: 'tokenizer_config.json',
    size: 113,
    sha256: 'be1cb066d6ef6b074b3f15e6a6dd21ac88ff3cdaedf325f0aaed686c70f75d20',
  },
  {
    source: base,
    path: 'voices/af_heart.bin',
    size: 522_240,
    sha256: 'd583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b',
  },
  {
    source: base,
    path: 'voices/af_bella.bin',
    size: 522_240,
    sha256: 'f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b',
  },
  {
    source: `${TIMESTAMPED_MODEL_REPO}@${TIMESTAMPED_MODEL_REVISION}`,
    path: 'onnx/model.onnx',
    size: 325_532_171,
    sha256: '651ea8291843a92276a4a003581a215cb07d15e47dde6fcfb1b768f9a1682054',
  },
  {
    source: misaki,
    path: 'misaki/data/us_gold.json',
    size: 3_000_469,
    sha256: 'dc414872a49a28ae6c141463d502fd945f3b2fde040484fdc47d00cc4612686f',
  },
  {
    source: misaki,
    path: 'misaki/data/us_silver.json',
    size: 3_099_517,
    sha256: 'de8f67be911bb6c659187b4a65fd966b6a30e56350e0f790d763210b053ac475',
  },
  {
    source: misaki,
    path: 'misaki/data/gb_gold.json',
    size: 2_838_552,
    sha256: '29e62f4b60261c88f7f3c2c7811ca3825978948090b72d2b27d565b729282f71',
  },
  {
    source: misaki,
    path: 'misaki/data/gb_silver.json',
    size: 3_663_898,
    sha256: '48131e2d92ccc41655f4543e87e0f938e71463eb5a54be7f0693bb712ebb6bce',
  },
  {
    source: misaki,
    path: 'misaki/data/ja_words.txt',
    size: 1_921_140,
    sha256: 'a93a8e8aee24db307a32becb8bf01c4c2908ecf37e6c91f7a705fafdfeba67ff',
  },
  {
    source: pypinyin,
    path: 'pypinyin/pinyin_dict.json',
    size: 783_823,
    sha256: '19ac93a11b0cf2d1b42741c2956dcb8632944e87d2ebcd1ba7cc4d3a936b9fb5',
  },
  {
    source: pypinyin,
    path: 'pypinyin/phrases_dict.json',
    size: 2_544_982,
    sha256: 'd71fe97165dfd3eb9d8dff86ce5f62787d530b6b9f38c898779fcaf16d2522d1',
  },
];

/** Every voice pack in the base repo's `voices/` (spec §2.2: 522,240 bytes each). */
export const VOICE_FILE_BYTES = 522_240;

/** The 54 Kokoro v1.0 voices (spec §8.5). */
export const KOKORO_VOICES: readonly string[] = [
  'af_alloy',
  'af_aoede',
  'af_bella',
  'af_heart',
  'af_jessica',
  'af_kore',
  'af_nicole',
  'af_nova',
  'af_river',
  'af_sarah',
  'af_sky',
  'am_adam',
  'am_echo',
  'am_eric',
  'am_fenrir',
  'am_liam',
  'am_michael',
  'am_onyx',
  'am_puck',
  'am_santa',
  'bf_alice',
  'bf_emma',
  'bf_isabella',
  'bf_lily',
  'bm_daniel',
  'bm_fable',
  'bm_george',
  'bm_lewis',
  'ef_dora',
  'em_alex',
  'em_santa',
  'ff_siwis',
  'hf_alpha',
  'hf_beta',
  'hm_omega',
  'hm_psi',
  'if_sara',
  'im_nicola',
  'jf_alpha',
  'jf_gongitsune',
  'jf_nezumi',
  'jf_tebukuro',
  'jm_kumo',
  'pf_dora',
  'pm_alex',
  'pm_santa',
  'zf_xiaobei',
  'zf_xiaoni',
  'zf_xiaoxiao',
  'zf_xiaoyi',
  'zm_yunjian',
  'zm_yunxi',
  'zm_yunxia',
  'zm_yunyang',
];

/** The pinned entry for a file, if any. */
export function pinnedFile(source: string, path: string): PinnedFile | undefined {
  return PINNED_FILES.find((f) => f.source === source && f.path === path);
}
