// The server shares its library file with the CLI: while another process writes, reads and
// searches go on, writes wait a little and then answer 503, and what the other process added
// is seen by the server's next write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixture } from './fixture-server.ts';

let dir: string;
let dbFile: string;
let app: FastifyInstance;
let url: string;
/** Another process's connection, as the CLI would have. */
let other: Library;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-writers-'));
  dbFile = path.join(dir, 'library.db');
  other = Library.open(dbFile);
  await ingestPaths(other, [fixture('demo/trending.html')]);
  app = await buildServer({ library: Library.open(dbFile) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const created = await send('POST', '/api/profiles', { name: 'Mara', abstracts: 'We study parameter-efficient fine-tuning of language models.' });
  assert.equal(created.status, 201, created.text);
});

after(async () => {
  await app.close();
  other.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function send(method: string, route: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

/** Holds the library's write lock from the other connection for `ms`, as a CLI ingest does. */
function holdWriteLock(ms: number): Promise<void> {
  other.openWriteGroup();
  return new Promise((resolve) =>
    setTimeout(() => {
      other.commitWriteGroup();
      resolve();
    }, ms),
  );
}

const ratingsOf = (name: string) => Object.keys(other.profile(name)!.ratings).length;

test('a rating sent while another process writes waits for it and is saved; searches meanwhile answer at once', async () => {
  const released = holdWriteLock(2500);
  const rating = send('PUT', '/api/profiles/Mara/ratings/1', { rating: 'up' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const search = await send('GET', '/api/search?q=learning');
  const stats = await send('GET', '/api/stats');
  assert.equal(search.status, 200);
  assert.equal(stats.status, 200);
  // The write waits in its own thread: the event loop goes on serving reads (the margin is for a loaded machine).
  assert.ok(search.ms < 1200 && stats.ms < 1200, `search ${search.ms} ms, stats ${stats.ms} ms`);
  const rated = await rating;
  await released;
  assert.equal(rated.status, 200, rated.text);
  assert.ok(rated.ms >= 2300, `answered after ${rated.ms} ms, before the lock was free`);
  assert.equal(ratingsOf('Mara'), 1);
});

test('a write that cannot get the library in time is a 503 with Retry-After, and nothing of it is stored', async () => {
  const released = holdWriteLock(4500);
  const rating = await send('PUT', '/api/profiles/Mara/ratings/2', { rating: 'down' });
  await released;
  assert.equal(rating.status, 503, rating.text);
  assert.equal(rating.headers.get('retry-after'), '1');
  assert.match(rating.headers.get('content-type')!, /^application\/problem\+json/);
  assert.match(JSON.parse(rating.text).detail, /another paperscout is writing to .*library\.db/);
  assert.equal(ratingsOf('Mara'), 1);
  const retried = await send('PUT', '/api/profiles/Mara/ratings/2', { rating: 'down' });
  assert.equal(retried.status, 200, retried.text);
  assert.equal(ratingsOf('Mara'), 2);
});

test("an upload is compared with papers another process added after the server's last write", async () => {
  // The poster session arrives through the other connection; its paper 2 has a renamed preprint.
  const report = await ingestPaths(other, [fixture('demo/poster-session.txt')]);
  assert.equal(report.outcomes[0].newPapers, 21);
  const upload = await send('POST', '/api/listings', { fileName: 'preprint.jsonl', text: fs.readFileSync(fixture('test/fixtures/web/preprint.jsonl'), 'utf8') });
  assert.equal(upload.status, 201, upload.text);
  assert.equal(JSON.parse(upload.text).versionLinks, 1);
});
