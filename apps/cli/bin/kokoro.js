#!/usr/bin/env node
// Launcher for the built CLI. It exists before any build so package managers can link the
// `kokoro` bin at install time. In a kokoro-kit checkout, the first run builds the CLI (turbo
// caches the result; later runs start at once). Published packages ship dist/ already.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  let turbo;
  try {
    turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
  } catch {
    process.stderr.write(
      'kokoro: the CLI is not built and turbo is not installed; run `pnpm install` then `pnpm build`.\n',
    );
    process.exit(1);
  }
  process.stderr.write('kokoro: building the CLI once (later runs start at once)…\n');
  const cwd = fileURLToPath(new URL('../../..', import.meta.url));
  const build = spawnSync(
    process.execPath,
    [turbo, 'run', 'build', '--filter=@kokoro-kit/cli...', '--output-logs=errors-only'],
    {
      cwd,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (build.status !== 0 || !existsSync(entry)) {
    process.stderr.write('kokoro: building the CLI failed; run `pnpm build` to see why.\n');
    process.exit(1);
  }
}
await import(entry.href);
