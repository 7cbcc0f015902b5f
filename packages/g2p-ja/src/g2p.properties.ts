import { g2pProperties, type NamedProperty } from '@kokoro-kit/core/properties';
import { createJapaneseG2P } from './node';

const TYPICAL =
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんっゃゅょーアイウカキクサシスタチツテトナニハヒフマミムヤユヨラリルレロワンッャュョ日本語世界東京今何円一二三十百千万、。！？「」・〜0123456789abc ';

/** The G2P contract on arbitrary text. */
export function japaneseProperties(): NamedProperty[] {
  return g2pProperties({
    g2p: () => createJapaneseG2P(),
    languages: ['ja'],
    typical: TYPICAL,
    maxLength: 30,
  });
}
