/** pypinyin's real dictionaries from ../shared, loaded once per test file. */
import { pypinyinDir } from '@kokoro-kit/test-assets';
import { loadPypinyinDictionaries } from '../node';

export const pinyin = await loadPypinyinDictionaries(pypinyinDir);
