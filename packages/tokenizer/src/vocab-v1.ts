/**
 * The Kokoro-82M v1.0 phoneme vocabulary (`vocab` in the model's config.json; spec kokoro.md §6).
 *
 * Written as code points rather than literal characters: several symbols are invisible or
 * easy to confuse (U+0303 combining tilde, U+0261 script g vs ASCII g, U+02C8 stress vs
 * apostrophe), and a code point survives any editor or normalisation pass unchanged.
 * This is the v1.0 table, not the older v0.19 list (§6.1: ids 11–24 and 42 differ).
 */

/** `[code point, id]` for each of the 114 symbols, in id order. */
const V1_CODE_POINTS: ReadonlyArray<readonly [codePoint: number, id: number]> = [
  [0x003b, 1], // ;
  [0x003a, 2], // :
  [0x002c, 3], // ,
  [0x002e, 4], // .
  [0x0021, 5], // !
  [0x003f, 6], // ?
  [0x2014, 9], // — em dash
  [0x2026, 10], // … ellipsis
  [0x0022, 11], // "
  [0x0028, 12], // (
  [0x0029, 13], // )
  [0x201c, 14], // “
  [0x201d, 15], // ”
  [0x0020, 16], // space
  [0x0303, 17], // combining tilde (a symbol of its own, never merged with its base letter)
  [0x02a3, 18], // ʣ
  [0x02a5, 19], // ʥ
  [0x02a6, 20], // ʦ
  [0x02a8, 21], // ʨ
  [0x1d5d, 22], // ᵝ
  [0xab67, 23], // ꭧ
  [0x0041, 24], // A
  [0x0049, 25], // I
  [0x004f, 31], // O
  [0x0051, 33], // Q
  [0x0053, 35], // S
  [0x0054, 36], // T
  [0x0057, 39], // W
  [0x0059, 41], // Y
  [0x1d4a, 42], // ᵊ
  [0x0061, 43], // a
  [0x0062, 44], // b
  [0x0063, 45], // c
  [0x0064, 46], // d
  [0x0065, 47], // e
  [0x0066, 48], // f
  // 49 is the unused slot of ASCII g: the vocabulary only has script ɡ (92).
  [0x0068, 50], // h
  [0x0069, 51], // i
  [0x006a, 52], // j
  [0x006b, 53], // k
  [0x006c, 54], // l
  [0x006d, 55], // m
  [0x006e, 56], // n
  [0x006f, 57], // o
  [0x0070, 58], // p
  [0x0071, 59], // q
  [0x0072, 60], // r
  [0x0073, 61], // s
  [0x0074, 62], // t
  [0x0075, 63], // u
  [0x0076, 64], // v
  [0x0077, 65], // w
  [0x0078, 66], // x
  [0x0079, 67], // y
  [0x007a, 68], // z
  [0x0251, 69], // ɑ
  [0x0250, 70], // ɐ
  [0x0252, 71], // ɒ
  [0x00e6, 72], // æ
  [0x03b2, 75], // β
  [0x0254, 76], // ɔ
  [0x0255, 77], // ɕ
  [0x00e7, 78], // ç
  [0x0256, 80], // ɖ
  [0x00f0, 81], // ð
  [0x02a4, 82], // ʤ
  [0x0259, 83], // ə
  [0x025a, 85], // ɚ
  [0x025b, 86], // ɛ
  [0x025c, 87], // ɜ
  [0x025f, 90], // ɟ
  [0x0261, 92], // ɡ script g
  [0x0265, 99], // ɥ
  [0x0268, 101], // ɨ
  [0x026a, 102], // ɪ
  [0x029d, 103], // ʝ
  [0x026f, 110], // ɯ
  [0x0270, 111], // ɰ
  [0x014b, 112], // ŋ
  [0x0273, 113], // ɳ
  [0x0272, 114], // ɲ
  [0x0274, 115], // ɴ
  [0x00f8, 116], // ø
  [0x0278, 118], // ɸ
  [0x03b8, 119], // θ
  [0x0153, 120], // œ
  [0x0279, 123], // ɹ
  [0x027e, 125], // ɾ
  [0x027b, 126], // ɻ
  [0x0281, 128], // ʁ
  [0x027d, 129], // ɽ
  [0x0282, 130], // ʂ
  [0x0283, 131], // ʃ
  [0x0288, 132], // ʈ
  [0x02a7, 133], // ʧ
  [0x028a, 135], // ʊ
  [0x028b, 136], // ʋ
  [0x028c, 138], // ʌ
  [0x0263, 139], // ɣ
  [0x0264, 140], // ɤ
  [0x03c7, 142], // χ
  [0x028e, 143], // ʎ
  [0x0292, 147], // ʒ
  [0x0294, 148], // ʔ
  [0x02c8, 156], // ˈ primary stress
  [0x02cc, 157], // ˌ secondary stress
  [0x02d0, 158], // ː length
  [0x02b0, 162], // ʰ
  [0x02b2, 164], // ʲ (in the vocabulary, although kokoro-js rewrites it to j)
  [0x2193, 169], // ↓
  [0x2192, 171], // →
  [0x2197, 172], // ↗
  [0x2198, 173], // ↘
  [0x1d7b, 177], // ᵻ
];

/**
 * A `Map` that cannot be changed after construction. `Object.freeze` alone does not stop
 * `set`/`delete`/`clear`, and a shared vocabulary must not be editable by one caller for all.
 */
class FrozenMap<K, V> extends Map<K, V> {
  readonly #sealed: boolean;

  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [key, value] of entries) super.set(key, value);
    this.#sealed = true;
    Object.freeze(this);
  }

  override set(key: K, value: V): this {
    if (this.#sealed) throw new TypeError('This vocabulary is read-only; build a new Map to change it.');
    return super.set(key, value);
  }

  override delete(_key: K): boolean {
    throw new TypeError('This vocabulary is read-only; build a new Map to change it.');
  }

  override clear(): void {
    throw new TypeError('This vocabulary is read-only; build a new Map to change it.');
  }
}

/** Kokoro-82M v1.0 vocabulary: phoneme symbol (one code point) → id. 114 entries, ids 1–177. */
export const KOKORO_V1_VOCAB: ReadonlyMap<string, number> = new FrozenMap(
  V1_CODE_POINTS.map(([codePoint, id]) => [String.fromCodePoint(codePoint), id] as const),
);

/** The pad / begin / end id (`$` in tokenizer.json); not part of the vocabulary itself. */
export const PAD_ID = 0;
