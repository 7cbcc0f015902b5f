import { g2pProperties, type NamedProperty } from '@kokoro-kit/core/properties';
import { createMandarinG2P } from './g2p';

const TYPICAL =
  '你好世界中国人我是的了不在有这个们来说要会就上一二三四五六七八九十百千万元年月日，。！？、；：“”《》（）0123456789abc% ';

/** The G2P contract on arbitrary text. */
export function mandarinProperties(): NamedProperty[] {
  return g2pProperties({
    g2p: () => createMandarinG2P(),
    languages: ['zh'],
    typical: TYPICAL,
    maxLength: 30,
  });
}
