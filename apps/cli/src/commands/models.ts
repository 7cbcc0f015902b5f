import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  assetFromKey,
  DEFAULT_MODEL_ID,
  type HubAsset,
  languageDataAssets,
  MODEL_DTYPES,
  type ModelDtype,
  type NodeHub,
  type VerifyResult,
} from '@kokoro-kit/hub/node';
import { createCliHub } from '../assets';
import { type CliIO, UsageError, write } from '../io';
import { oneOf, parseLanguage } from '../options';

export const modelsHelp = `kokoro models list|pull|verify|clear [--model ID] [--dtype D] [--voice NAME]… [--lang L] [--offline]
  The download cache (KOKORO_CACHE_DIR, default ~/.cache/kokoro-kit). list: cached files.
  pull: fetch and verify what speak needs — the model (default ${DEFAULT_MODEL_ID.split('@')[0]}, dtype fp32),
  voices (default af_heart) and the G2P data of --lang (default en-us: misaki lexicons; ja:
  ja_words.txt; zh: pypinyin's dictionaries); refetches corrupt files.
  verify: re-hash cached files (or the ones named) against pinned or recorded sha256.
  clear: delete the cache. KOKORO_HUB_URL / KOKORO_LEXICON_URL point at mirrors.`;

export async function models(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      dtype: { type: 'string' },
      voice: { type: 'string', multiple: true },
      lang: { type: 'string', multiple: true },
      offline: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const [action, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
  const { hub, done } = createCliHub(io, values.offline);
  try {
    switch (action) {
      case 'list':
        return await list(hub, io, values.json);
      case 'pull':
        return await pull(hub, io, selection(hub, values, true));
      case 'verify': {
        const named = values.model !== undefined || values.voice !== undefined || values.lang !== undefined;
        return await verify(hub, io, named ? selection(hub, values, false) : undefined);
      }
      case 'clear': {
        const entries = await hub.storage.list();
        await hub.storage.clear();
        // The optimized copies `speak` makes of model files (see speak.ts) go too.
        await rm(join(hub.cacheDir, 'optimized'), { recursive: true, force: true });
        await write(io.stdout, `Removed ${entries.length} cached file(s) from ${hub.cacheDir}\n`);
        return 0;
      }
      default:
        throw new UsageError(
          action === undefined
            ? 'kokoro models needs an action: list, pull, verify or clear.'
            : `Unknown models action "${action}"; use list, pull, verify or clear.`,
        );
    }
  } finally {
    done();
  }
}

type Flags = { model?: string; dtype?: string; voice?: string[]; lang?: string[] };

/** The files named by the flags; for `pull` with no flags, what `speak` needs by default. */
function selection(hub: NodeHub, flags: Flags, withDefaults: boolean): HubAsset[] {
  const dtype = oneOf<ModelDtype>('--dtype', flags.dtype, MODEL_DTYPES, 'fp32');
  const id = flags.model ?? DEFAULT_MODEL_ID;
  const assets: HubAsset[] = [];
  if (withDefaults || flags.model !== undefined || flags.dtype !== undefined)
    assets.push(hub.model(id, { dtype }));
  const voices = flags.voice ?? (withDefaults ? ['af_heart'] : []);
  for (const voice of voices.flatMap((v) => v.split(','))) assets.push(hub.voice(voice.trim(), id));
  const languages = flags.lang ?? (withDefaults ? ['en-us'] : []);
  for (const lang of languages) {
    assets.push(...languageDataAssets(parseLanguage(lang)));
  }
  return assets;
}

async function pull(hub: NodeHub, io: CliIO, assets: HubAsset[]): Promise<number> {
  for (const asset of assets) {
    const result = await hub.pull(asset);
    const how = { cached: 'cached    ', downloaded: 'downloaded', refetched: 'refetched ' }[result.action];
    await write(io.stdout, `${how}  ${asset.name}  ${mb(result.entry.size)}  ${verification(asset)}\n`);
  }
  await write(io.stdout, `Cache: ${hub.cacheDir}\n`);
  return 0;
}

async function verify(hub: NodeHub, io: CliIO, named: HubAsset[] | undefined): Promise<number> {
  let assets = named;
  if (assets === undefined) {
    const entries = await hub.storage.list();
    assets = entries.map((e) => assetFromKey(e.key)).filter((a): a is HubAsset => a !== undefined);
    if (assets.length === 0) {
      await write(io.stdout, `The cache (${hub.cacheDir}) is empty.\n`);
      return 0;
    }
  }
  let bad = 0;
  for (const asset of assets) {
    const result = await hub.verify(asset);
    if (result.status === 'corrupt' || result.status === 'missing') bad++;
    await write(io.stdout, `${describe(result)}\n`);
  }
  if (bad > 0) {
    io.stderr.write(
      `kokoro: ${bad} file(s) missing or corrupt; \`kokoro models pull\` with the same flags fetches them again.\n`,
    );
    return 1;
  }
  return 0;
}

function describe(result: VerifyResult): string {
  const { asset } = result;
  switch (result.status) {
    case 'ok':
      return `ok          ${asset.name}  ${verification(asset)}`;
    case 'missing':
      return `missing     ${asset.name}`;
    case 'unrecorded':
      return `unverified  ${asset.name}  (no pinned or recorded sha256; sha256 ${result.actual})`;
    case 'corrupt':
      return `CORRUPT     ${asset.name}  sha256 ${result.actual}, expected ${result.expected}`;
  }
}

function verification(asset: HubAsset): string {
  return asset.sha256 ? '(pinned sha256)' : '(sha256 recorded at first download)';
}

async function list(hub: NodeHub, io: CliIO, json: boolean): Promise<number> {
  const entries = await hub.storage.list();
  if (json) {
    await write(io.stdout, `${JSON.stringify({ cacheDir: hub.cacheDir, files: entries }, null, 2)}\n`);
    return 0;
  }
  const lines = [`Cache: ${hub.cacheDir}`];
  for (const entry of entries) {
    const asset = assetFromKey(entry.key);
    lines.push(`${(asset?.name ?? entry.key).padEnd(72)}  ${mb(entry.size).padStart(9)}`);
  }
  if (entries.length === 0) lines.push('(empty)');
  await write(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
