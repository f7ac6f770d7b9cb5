// `paperscout source add|list|remove` and `paperscout fetch` as a person runs them, against a local
// server replaying recorded answers (test/fixtures/http/); through a proxy named by HTTP_PROXY too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, runCliAsync } from './run-cli.ts';
import { replay, type ReplayServer } from '../net/replay-server.ts';

let dir: string;
let server: ReplayServer;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-fetch-'));
  server = await replay([
    { path: '/rss/cs.LG', file: 'http/arxiv-rss/cs.LG.rss', headers: { etag: '"daily-1"' } },
    { path: '/api/daily_papers', file: 'http/hf/daily_papers.json' },
    { path: '/maintenance', file: 'http/errors/maintenance.html', headers: { 'content-type': 'text/html' } },
    { path: '/blog.atom', file: 'http/feed/lab-blog.atom' },
  ]);
});
after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const database = (name: string) => path.join(dir, `${name}.db`);

test('source add, list and remove', () => {
  const db = database('sources');
  const add = (...args: string[]) => runCli(db, 'source', 'add', ...args);
  let run = add('lg', '--arxiv-query', 'cs.LG,stat.ML', '--term', 'graph neural', '--days', '7', '--max', '200');
  assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'Source "lg" added: arXiv API: cs.LG or stat.ML; "graph neural"; last 7 day(s), up to 200 papers. Fetch it with `paperscout fetch lg`.\n', '']);
  assert.equal(add('iclr', '--openreview', 'ICLR.cc/2025/Conference', '--accepted').code, 0);
  assert.equal(add('hf', '--hf-daily').code, 0);
  run = add('both', '--hf-daily', '--feed', 'https://example.org/rss');
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: say what the source fetches: one of --arxiv-query, --arxiv-feed, --openreview, --feed, --hf-daily, --page\n']);
  run = add('x', '--feed', 'https://example.org/rss', '--accepted');
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: --accepted is for --openreview sources\n']);
  run = add('hf', '--arxiv-feed', 'cs.AI');
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: a source named "hf" exists already\n']);
  run = add('bad', '--arxiv-query', 'cs.LG', '--from', '2025-13-01');
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: from must be a date as YYYY-MM-DD\n']);
  run = runCli(db, 'source', 'list');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    run.stdout.trimEnd().split('\n').map((line) => line.split(/\s{2,}/)),
    [
      ['source', 'kind', 'fetches', 'last fetch'],
      ['hf', 'hf-daily', 'Hugging Face daily papers', 'never fetched'],
      ['iclr', 'openreview', 'OpenReview: accepted papers of ICLR.cc/2025/Conference', 'never fetched'],
      ['lg', 'arxiv-query', 'arXiv API: cs.LG or stat.ML; "graph neural"; last 7 day(s), up to 200 papers', 'never fetched'],
    ],
  );
  const listed = JSON.parse(runCli(db, 'source', 'list', '--json').stdout);
  assert.deepEqual(listed[1].params, { venue: 'ICLR.cc/2025/Conference', accepted: true });
  run = runCli(db, 'source', 'remove', 'iclr');
  assert.deepEqual([run.code, run.stdout], [0, 'Removed source "iclr"; the listings it fetched stay in the library.\n']);
  run = runCli(db, 'source', 'remove', 'iclr');
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: no source named "iclr" (see `paperscout source list`)\n']);
});

test('fetch: a table of what each source did, errors on stderr naming the source, exit 1 when one failed; again, a 304', async () => {
  const db = database('fetch');
  for (const args of [
    ['daily', '--arxiv-feed', 'cs.LG', '--api-url', `${server.url}/rss/cs.LG`],
    ['hf', '--hf-daily', '--api-url', `${server.url}/api/daily_papers`],
    ['broken', '--feed', `${server.url}/maintenance`],
  ]) {
    assert.equal(runCli(db, 'source', 'add', ...args).code, 0);
  }
  let run = await runCliAsync(db, ['fetch']);
  assert.equal(run.code, 1, run.stderr);
  const rows = run.stdout.trimEnd().split('\n').map((line) => line.split(/\s{2,}/));
  assert.deepEqual(rows.map((row) => row.map((cell) => cell.replace(/ \d{4}-\d\d-\d\d \d\d:\d\d$/, ' (when)'))), [
    ['source', 'result', 'papers', 'new', 'merged', 'listing'],
    ['broken', 'failed', 'see below'],
    ['daily', 'added', '3', '3', '0', 'daily (when)'],
    ['hf', 'added', '2', '2', '0', 'hf (when)'],
  ]);
  assert.equal(
    run.stderr,
    `error: source broken: ${server.url.slice(7)}/maintenance: the server answered 200 with an HTML page (201 bytes), not an RSS or Atom feed\n` +
      '3 source(s) fetched: 2 added a listing, 0 unchanged, 0 empty, 1 failed\n',
  );
  run = await runCliAsync(db, ['fetch', 'daily', 'hf']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^daily\s+unchanged\s+not changed since the last fetch$/m);
  assert.match(run.stdout, /^hf\s+unchanged\s+the same papers as listing "hf \d{4}-\d\d-\d\d \d\d:\d\d"$/m);
  assert.equal(run.stderr, '2 source(s) fetched: 0 added a listing, 2 unchanged, 0 empty, 0 failed\n');
  const papers = JSON.parse(runCli(db, 'list', '--json').stdout) as { title: string }[];
  assert.equal(papers.length, 5);
  run = await runCliAsync(db, ['fetch', 'nope']);
  assert.deepEqual([run.code, run.stderr], [1, 'paperscout: no source named "nope" (see `paperscout source list`)\n']);
  assert.match(runCli(db, 'source', 'list').stdout, /^broken\s+feed\s+feed http:\/\/127\.0\.0\.1:\d+\/maintenance\s+\d{4}-\d\d-\d\d \d\d:\d\d failed: 127\.0\.0\.1:\d+\/maintenance: the server answered 200 with an HTML page/m);
});

test('fetch goes through the proxy HTTP_PROXY names', async () => {
  const db = database('proxy');
  assert.equal(runCli(db, 'source', 'add', 'blog', '--feed', 'http://blog.example.invalid/blog.atom').code, 0);
  const before = server.requests.length;
  const run = await runCliAsync(db, ['fetch'], { HTTP_PROXY: server.url, http_proxy: server.url });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(server.requests.slice(before).map((request) => [request.host, request.path]), [
    ['blog.example.invalid:80', 'CONNECT'],
    ['blog.example.invalid', '/blog.atom'],
  ]);
  assert.match(run.stdout, /^blog\s+added\s+1\s+1\s+0\s+blog /m);
});
