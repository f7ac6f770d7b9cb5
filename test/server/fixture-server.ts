// A real server on 127.0.0.1 (a free port) over a real library file built from the demo
// listings and the test fixtures, for the API and browser tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/library/ingest-files.ts';
import { buildServer } from '../../src/server/app.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const fixture = (...parts: string[]) => path.join(repoRoot, ...parts);

/** In this order: the poster session (24 papers), the trending page (8, 3 of them also in the session), a renamed preprint of session paper 2, hostile markup. */
export const FIXTURE_LISTINGS = ['demo/poster-session.txt', 'demo/trending.html', 'test/fixtures/web/preprint.jsonl', 'test/fixtures/web/hostile.jsonl'];

export interface FixtureServer {
  url: string;
  dir: string;
  dbFile: string;
  app: FastifyInstance;
  library: Library;
  close(): Promise<void>;
}

export async function startFixtureServer(options: { webRoot?: string } = {}): Promise<FixtureServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-server-'));
  const dbFile = path.join(dir, 'library.db');
  const library = Library.open(dbFile);
  const report = await ingestPaths(library, FIXTURE_LISTINGS.map((file) => fixture(file)));
  if (report.failures.length > 0) throw new Error(`fixture listings failed: ${JSON.stringify(report.failures)}`);
  const app = await buildServer({ library, webRoot: options.webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dir,
    dbFile,
    app,
    library,
    close: async () => {
      await app.close();
      library.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
