/**
 * Agreement with misaki's v1.0 Japanese path on this package's reference cases, per category:
 *   pnpm --filter @kokoro-kit/g2p-ja parity [--words FILE]
 * FILE is misaki's ja_words.txt (default: ../shared/data/misaki/ja_words.txt). Where each
 * expected value comes from: src/__fixtures__/parity.json (UniDic pron conventions + spec
 * §5), ja.json (spec §5 on IPADIC's readings).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reportParity } from '@kokoro-kit/test-assets';
import { PARITY_CHECKS } from '../src/__fixtures__/parity';
import { createJapaneseG2P } from '../src/node';

const { values } = parseArgs({ options: { words: { type: 'string' } } });
const wordsFile =
  values.words ??
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'misaki', 'ja_words.txt');
const g2ps = {
  default: await createJapaneseG2P({ wordsFile }),
  plain: await createJapaneseG2P(),
  ipadic: await createJapaneseG2P({ longVowels: 'ipadic' }),
};

process.exitCode = (await reportParity(PARITY_CHECKS, g2ps, 'ja')) ? 0 : 1;
