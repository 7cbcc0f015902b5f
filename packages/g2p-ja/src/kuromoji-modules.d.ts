// Types for the two CommonJS files of @sglkc/kuromoji that this package imports directly. Going
// around the package's main entry keeps its Node-only loader (fs, zlib) out of browser bundles:
// the dictionary bytes are fetched or read by this package (see dictionary.ts).

declare module '@sglkc/kuromoji/src/dict/DynamicDictionaries.js' {
  export default class DynamicDictionaries {
    loadTrie(base: Int32Array, check: Int32Array): DynamicDictionaries;
    loadTokenInfoDictionaries(
      tokenInfo: Uint8Array,
      pos: Uint8Array,
      targetMap: Uint8Array,
    ): DynamicDictionaries;
    loadConnectionCosts(costs: Int16Array): DynamicDictionaries;
    loadUnknownDictionaries(
      unk: Uint8Array,
      unkPos: Uint8Array,
      unkMap: Uint8Array,
      catMap: Uint8Array,
      compatCatMap: Uint32Array,
      invokeDef: Uint8Array,
    ): DynamicDictionaries;
  }
}

declare module '@sglkc/kuromoji/src/Tokenizer.js' {
  import type DynamicDictionaries from '@sglkc/kuromoji/src/dict/DynamicDictionaries.js';

  export interface KuromojiToken {
    word_type: 'KNOWN' | 'UNKNOWN' | string;
    word_position: number;
    surface_form: string;
    pos: string;
    reading?: string;
    pronunciation?: string;
  }

  export interface CharacterClass {
    class_id: number;
    class_name: string;
  }

  export default class Tokenizer {
    constructor(dictionaries: DynamicDictionaries);
    tokenize(text: string): KuromojiToken[];
    viterbi_builder: {
      unknown_dictionary: {
        character_definition: { lookup(char: string): CharacterClass | undefined | null };
      };
    };
  }
}
