import { join } from 'node:path';
import { DEFAULT_MODEL_ID, defaultCacheDir, offlineFromEnv } from '@kokoro-kit/hub/node';

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What the preset was asked for: options first, then the `env` record the caller passed. */
export interface SettingsInput {
  model?: string;
  voices?: string;
  lexicon?: string;
  cacheDir?: string;
  offline?: boolean;
  optimize?: boolean;
  hubUrl?: string;
  lexiconUrl?: string;
  env?: Env;
}

/** Every choice settled: explicit option, else `KOKORO_*` from `env`, else the default. */
export interface Settings {
  /** A model path or hub id. */
  model: string;
  voicesDir: string | undefined;
  lexiconDir: string | undefined;
  cacheDir: string;
  /** Where optimized copies of model files live (`<cacheDir>/optimized`). */
  optimizedDir: string;
  offline: boolean;
  optimize: boolean;
  hubUrl: string | undefined;
  lexiconUrl: string | undefined;
  /** What the hub reads; never `process.env` unless the caller passed it. */
  env: Env;
}

/**
 * Settles the options. The environment is read only from the `env` record the caller passes
 * (`KOKORO_MODEL`, `KOKORO_VOICES_DIR`, `KOKORO_LEXICON_DIR`, `KOKORO_CACHE_DIR`,
 * `KOKORO_OFFLINE`, `KOKORO_OPTIMIZE`, `KOKORO_HUB_URL`, `KOKORO_LEXICON_URL`); an empty variable
 * counts as unset.
 */
export function resolveSettings(input: SettingsInput): Settings {
  const env: Env = input.env ?? {};
  const fromEnv = (name: string) => (env[name] === '' ? undefined : env[name]);
  const cacheDir = input.cacheDir ?? defaultCacheDir(env as NodeJS.ProcessEnv);
  return {
    model: input.model ?? fromEnv('KOKORO_MODEL') ?? DEFAULT_MODEL_ID,
    voicesDir: input.voices ?? fromEnv('KOKORO_VOICES_DIR'),
    lexiconDir: input.lexicon ?? fromEnv('KOKORO_LEXICON_DIR'),
    cacheDir,
    optimizedDir: join(cacheDir, 'optimized'),
    offline: input.offline ?? offlineFromEnv(env as NodeJS.ProcessEnv),
    optimize: input.optimize ?? env.KOKORO_OPTIMIZE !== '0',
    hubUrl: input.hubUrl ?? fromEnv('KOKORO_HUB_URL'),
    lexiconUrl: input.lexiconUrl ?? fromEnv('KOKORO_LEXICON_URL'),
    env,
  };
}
