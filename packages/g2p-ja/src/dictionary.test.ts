import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KokoroError } from '@kokoro-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPADIC_FILES, ipadicFromUrl, loadIpadic } from './dictionary';
import { createJapaneseG2P as createBrowserEntryG2P } from './index';
import { joinJapanesePhonemes } from './join';
import { defaultIpadicDir, ipadicFromDir } from './node';

/** Serves kuromoji's dict/ folder over HTTP on 127.0.0.1, as a web app would. */
let server: Server;
let baseUrl: string;
let requests: string[] = [];

beforeAll(async () => {
  const dir = defaultIpadicDir();
  server = createServer((request, response) => {
    const name = (request.url ?? '').replace(/^\/dict\//, '');
    requests.push(name);
    if (!(IPADIC_FILES as readonly string[]).includes(name)) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(dir, name)).then(
      (bytes) => response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dict/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('IPADIC loading', () => {
  it('loads over HTTP with fetch + DecompressionStream (the browser path) and phonemizes', async () => {
    requests = [];
    const g2p = await createBrowserEntryG2P({ dictionary: baseUrl });
    expect(requests.sort()).toEqual([...IPADIC_FILES].sort());
    expect(joinJapanesePhonemes(await g2p.phonemize('こんにちは、世界。'))).toBe('koɲɲiʨiβa, sekai.');
    // A second G2P for the same URL reuses the loaded dictionary.
    requests = [];
    await createBrowserEntryG2P({ dictionary: new URL(baseUrl) });
    expect(requests).toEqual([]);
  });

  it('reports a URL that does not serve the files as LEXICON_NOT_FOUND', async () => {
    const error = await loadIpadic(ipadicFromUrl(`${baseUrl}missing/`)).catch((e: unknown) => e);
    expect(KokoroError.hasCode(error, 'LEXICON_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 404/);
  });

  it('reports a missing folder as LEXICON_NOT_FOUND and corrupt files as INVALID_LEXICON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'g2p-ja-'));
    try {
      const missing = await loadIpadic(ipadicFromDir(join(dir, 'nope'))).catch((e: unknown) => e);
      expect(KokoroError.hasCode(missing, 'LEXICON_NOT_FOUND')).toBe(true);
      for (const name of IPADIC_FILES) await writeFile(join(dir, name), 'not gzip');
      const corrupt = await loadIpadic(ipadicFromDir(dir)).catch((e: unknown) => e);
      expect(KokoroError.hasCode(corrupt, 'INVALID_LEXICON')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops loading at an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await loadIpadic(ipadicFromUrl(baseUrl), { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(KokoroError.hasCode(error, 'ABORTED')).toBe(true);
  });
});
