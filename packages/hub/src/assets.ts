import { InvalidArgumentError } from '@kokoro-kit/core';
import {
  DEFAULT_MODEL_ID,
  LEXICON_FILES,
  LEXICONS_BY_LANGUAGE,
  type LexiconFile,
  MISAKI_COMMIT,
  MISAKI_REPO,
  MODEL_DTYPE_FILES,
  type ModelDtype,
  PINNED_REVISIONS,
  PYPINYIN_COMMIT,
  PYPINYIN_FILES,
  PYPINYIN_REPO,
  type PypinyinFile,
  pinnedFile,
} from './manifest';

/** A hub repository at one revision. */
export interface ModelRef {
  /** `org/name`. */
  repo: string;
  /** A branch (`main`) or a 40-hex commit. */
  revision: string;
}

/** One file the hub can fetch and cache. */
export interface HubAsset {
  /** Relative POSIX path naming the file in a cache (`hf/<repo>/<revision>/<path>`). */
  key: string;
  /** Which server: the model hub (`KOKORO_HUB_URL`) or the lexicon host (`KOKORO_LEXICON_URL`). */
  host: 'hub' | 'lexicon';
  /** URL path below the server's base (`/<repo>/resolve/<revision>/<path>`). */
  urlPath: string;
  /** How messages name the file: `<repo>@<revision>/<path>` (short revision). */
  name: string;
  /** Pinned size and sha256 (spec §2.6, misaki SOURCE.md); absent → trust-on-first-use. */
  size?: number;
  sha256?: string;
}

const REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const REVISION = /^[\w.-]+(?:\/[\w.-]+)*$/;

/** True for `org/name` or `org/name@revision` (as opposed to a file path such as `model.onnx`). */
export function isModelId(value: string): boolean {
  const [repo, revision, extra] = value.split('@');
  if (extra !== undefined || repo === undefined || !REPO.test(repo)) return false;
  if (revision !== undefined && !REVISION.test(revision)) return false;
  return !/\.onnx$/i.test(repo) && !repo.startsWith('.');
}

/**
 * Parses `org/name[@revision]`. Without a revision, the known repos use their pinned revision
 * (spec §2.1) and any other repo uses `main`.
 */
export function parseModelId(id: string = DEFAULT_MODEL_ID): ModelRef {
  if (!isModelId(id)) {
    throw new InvalidArgumentError(
      `"${id}" is not a hub model id; write org/name or org/name@revision (e.g. onnx-community/Kokoro-82M-v1.0-ONNX), or pass a local .onnx file.`,
    );
  }
  const [repo = '', revision] = id.split('@');
  return { repo, revision: revision ?? PINNED_REVISIONS[repo] ?? 'main' };
}

/** Any file of a hub repo. */
export function hubFileAsset(ref: ModelRef, path: string): HubAsset {
  const pin = pinnedFile(`${ref.repo}@${ref.revision}`, path);
  const revisionKey = encodeURIComponent(ref.revision);
  return {
    key: `hf/${ref.repo}/${revisionKey}/${path}`,
    host: 'hub',
    urlPath: `/${ref.repo}/resolve/${revisionKey}/${path}`,
    name: `${ref.repo}@${shortRevision(ref.revision)}/${path}`,
    ...(pin && { size: pin.size, sha256: pin.sha256 }),
  };
}

/** The ONNX file of a dtype (spec §2.2: fp32 → `onnx/model.onnx`, q8 → `onnx/model_quantized.onnx`, …). */
export function modelAsset(ref: ModelRef, dtype: ModelDtype = 'fp32'): HubAsset {
  const path = MODEL_DTYPE_FILES[dtype];
  if (path === undefined) {
    throw new InvalidArgumentError(
      `Unknown model dtype "${dtype}"; use one of ${Object.keys(MODEL_DTYPE_FILES).join(', ')}.`,
    );
  }
  return hubFileAsset(ref, path);
}

const VOICE = /^[A-Za-z0-9][\w-]*$/;

/** `voices/<name>.bin` of a repo. */
export function voiceAsset(ref: ModelRef, name: string): HubAsset {
  if (!VOICE.test(name)) throw new InvalidArgumentError(`"${name}" is not a voice name.`);
  return hubFileAsset(ref, `voices/${name}.bin`);
}

/** A misaki data file at the pinned commit. */
export function lexiconAsset(file: LexiconFile): HubAsset {
  if (!(LEXICON_FILES as readonly string[]).includes(file)) {
    throw new InvalidArgumentError(`Unknown lexicon file "${file}"; use one of ${LEXICON_FILES.join(', ')}.`);
  }
  const path = `misaki/data/${file}`;
  const pin = pinnedFile(`${MISAKI_REPO}@${MISAKI_COMMIT}`, path);
  return {
    key: `misaki/${MISAKI_COMMIT}/${file}`,
    host: 'lexicon',
    urlPath: `/${MISAKI_REPO}/${MISAKI_COMMIT}/${path}`,
    name: `${MISAKI_REPO}@${shortRevision(MISAKI_COMMIT)}/${path}`,
    ...(pin && { size: pin.size, sha256: pin.sha256 }),
  };
}

/**
 * The pinned data files a language's G2P reads: misaki's lexicons (en-US, en-GB: gold + silver;
 * ja: `ja_words.txt`) and, for Mandarin (`zh`), pypinyin's two dictionaries. Empty for languages
 * whose G2P needs no download (espeak-ng's).
 */
export function languageDataAssets(language: string): HubAsset[] {
  const lexicons = (LEXICONS_BY_LANGUAGE[language] ?? []).map((file) => lexiconAsset(file));
  return language === 'zh' ? [...lexicons, ...PYPINYIN_FILES.map((file) => pypinyinAsset(file))] : lexicons;
}

/**
 * One of pypinyin's two dictionaries at the pinned commit (what `@kokoro-kit/g2p-zh` reads
 * Mandarin with), from the lexicon host.
 */
export function pypinyinAsset(file: PypinyinFile): HubAsset {
  if (!(PYPINYIN_FILES as readonly string[]).includes(file)) {
    throw new InvalidArgumentError(
      `Unknown pypinyin file "${file}"; use one of ${PYPINYIN_FILES.join(', ')}.`,
    );
  }
  const path = `pypinyin/${file}`;
  const pin = pinnedFile(`${PYPINYIN_REPO}@${PYPINYIN_COMMIT}`, path);
  return {
    key: `pypinyin/${PYPINYIN_COMMIT}/${file}`,
    host: 'lexicon',
    urlPath: `/${PYPINYIN_REPO}/${PYPINYIN_COMMIT}/${path}`,
    name: `${PYPINYIN_REPO}@${shortRevision(PYPINYIN_COMMIT)}/${path}`,
    ...(pin && { size: pin.size, sha256: pin.sha256 }),
  };
}

function shortRevision(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

/**
 * The asset a cache key names (`hf/<org>/<name>/<revision>/<path>`, `misaki/<commit>/<file>` or
 * `pypinyin/<commit>/<file>`),
 * with its pin if it has one; undefined for keys this package did not make.
 */
export function assetFromKey(key: string): HubAsset | undefined {
  const parts = key.split('/');
  if (parts[0] === 'hf' && parts.length >= 5) {
    const [, org, name, revision, ...path] = parts;
    if (!org || !name || !revision) return undefined;
    return hubFileAsset({ repo: `${org}/${name}`, revision: decodeURIComponent(revision) }, path.join('/'));
  }
  if (parts[0] === 'misaki' && parts.length === 3 && parts[1] === MISAKI_COMMIT) {
    const file = parts[2] as LexiconFile;
    return (LEXICON_FILES as readonly string[]).includes(file) ? lexiconAsset(file) : undefined;
  }
  if (parts[0] === 'pypinyin' && parts.length === 3 && parts[1] === PYPINYIN_COMMIT) {
    const file = parts[2] as PypinyinFile;
    return (PYPINYIN_FILES as readonly string[]).includes(file) ? pypinyinAsset(file) : undefined;
  }
  return undefined;
}

/** The `org/name@revision` id of a hub asset (undefined for lexicons). */
export function modelIdOf(asset: HubAsset): string | undefined {
  const [prefix, org, name, revision] = asset.key.split('/');
  if (prefix !== 'hf' || !org || !name || !revision) return undefined;
  return `${org}/${name}@${decodeURIComponent(revision)}`;
}
