// A real server on 127.0.0.1 (a free port) over a real library file built from the demo
// listings and the test fixtures, for the API and browser tests.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
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

export async function startFixtureServer(options: { webRoot?: string; hostNames?: string[] } = {}): Promise<FixtureServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-server-'));
  const dbFile = path.join(dir, 'library.db');
  const library = Library.open(dbFile);
  const report = await ingestPaths(library, FIXTURE_LISTINGS.map((file) => fixture(file)));
  if (report.failures.length > 0) throw new Error(`fixture listings failed: ${JSON.stringify(report.failures)}`);
  const app = await buildServer({ library, webRoot: options.webRoot, hostNames: options.hostNames });
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

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request as curl sends it, with any Host header (fetch always sends the URL's own). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A JSON request to the API, and its status and JSON answer. */
export async function callApi(server: FixtureServer, method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
