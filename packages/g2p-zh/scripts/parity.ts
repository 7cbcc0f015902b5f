/**
 * Agreement with misaki's v1.0 Mandarin path on this package's reference cases, per category:
 *   pnpm --filter @kokoro-kit/g2p-zh parity [--dir DIR]
 * DIR holds pypinyin's pinyin_dict.json and phrases_dict.json (default: ../shared/data/pypinyin).
 * The cases and where each expected value comes from: src/__fixtures__/parity.json (jieba
 * 0.42.1 + pypinyin 0.53.0's dictionaries and algorithm), zh.json and pinyin-ipa.json (spec).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reportParity } from '@kokoro-kit/test-assets';
import { PARITY_CHECKS } from '../src/__fixtures__/parity';
import { createMandarinG2PFromDir } from '../src/node';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'pypinyin');
const g2p = await createMandarinG2PFromDir({ dir });

process.exitCode = (await reportParity(PARITY_CHECKS, g2p, 'zh')) ? 0 : 1;
