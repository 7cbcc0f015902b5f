/**
 * One process of the kill race: fetches a file through the Node hub into a shared cache and
 * prints what it got as JSON. Arguments: cacheDir hubUrl repo path.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createNodeHub } from '../node';

const [cacheDir, hubUrl, repo, file] = process.argv.slice(2) as [string, string, string, string];
const hub = createNodeHub({ cacheDir, hubUrl, env: {} });
const base = hub.model(`${repo}@main`);
const asset = {
  ...base,
  key: `hf/${repo}/main/${file}`,
  urlPath: `/${repo}/resolve/main/${file}`,
  name: `${repo}@main/${file}`,
};
try {
  const path = await hub.path(asset);
  const bytes = await readFile(path);
  const entry = await hub.storage.stat(asset.key);
  process.stdout.write(
    `${JSON.stringify({
      ok: true,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      recorded: entry?.sha256,
    })}\n`,
  );
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, name: (error as Error).name, message: (error as Error).message })}\n`,
  );
  process.exitCode = 1;
}
