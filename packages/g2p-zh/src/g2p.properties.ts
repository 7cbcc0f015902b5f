import { g2pProperties, type NamedProperty } from '@kokoro-kit/core/properties';
import { pypinyinDir } from '@kokoro-kit/test-assets';
import { createMandarinG2PFromDir } from './node';

const TYPICAL =
  '你好世界中国人我是的了不在有这个们来说要会就上一二三四五六七八九十百千万元年月日，。！？、；：“”《》（）0123456789abc% ';

/** The G2P contract on arbitrary text. */
export function mandarinProperties(): NamedProperty[] {
  return g2pProperties({
    // pypinyin's dictionaries from ../shared (what the hub fetches for users).
    g2p: () => createMandarinG2PFromDir({ dir: pypinyinDir }),
    languages: ['zh'],
    typical: TYPICAL,
    maxLength: 30,
  });
}
