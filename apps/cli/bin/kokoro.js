#!/usr/bin/env node
// Launcher for the built CLI. It exists before the first build so package managers can link the
// `kokoro` bin at install time; the root `prepare` script builds dist/ right after installing.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('kokoro: the CLI is not built yet; run `pnpm build` in the kokoro-kit checkout.\n');
  process.exit(1);
}
await import(entry.href);
