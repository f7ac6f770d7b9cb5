// `paperscout serve` as a researcher runs it: prints its URL, serves the app and the API, stops on a signal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { fixture, rawRequest, repoRoot } from './fixture-server.ts';
import { XMLParser } from 'fast-xml-parser';
import { replay } from '../net/replay-server.ts';
import { addSource } from '../../src/actions/sources.ts';

const main = path.join(repoRoot, 'src/cli/main.ts');
const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
const cliSync = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });

let dir: string;
let db: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-serve-'));
  db = path.join(dir, 'library.db');
  const library = Library.open(db);
  await ingestPaths(library, [fixture('demo/poster-session.txt')]);
  library.close();
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `serve` started with `args`, once it has printed its URL. */
async function serve(args: string[], file = db): Promise<{ server: ChildProcessWithoutNullStreams; url: string; port: number; output: string }> {
  const server = cli(['--db', file, 'serve', '--port', '0', ...args]);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { server, url, port: Number(new URL(url).port), output };
}

async function stop(server: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
  server.kill('SIGTERM');
  return exited;
}

test('serve prints its URL, answers on it under its own name only, and stops cleanly on SIGTERM', async () => {
  const { server, url, port, output } = await serve([]);
  try {
    assert.match(output, new RegExp(`^paperscout is serving ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at http://127\\.0\\.0\\.1:\\d+/\\n`));
    const listings = await (await fetch(`${url}api/listings`)).json();
    assert.deepEqual(listings.map((l: { name: string; paperCount: number }) => [l.name, l.paperCount]), [['poster-session.txt', 24]]);
    const page = await fetch(url);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.match(await page.text(), /<script type="module" src="app.js"><\/script>/);
    // DNS rebinding and cross-site changes, as curl would send them.
    const foreign = await rawRequest(`${url}api/stats`, { headers: { host: `evil.example:${port}` } });
    assert.equal(foreign.status, 421);
    assert.match(String(foreign.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(JSON.parse(foreign.text).detail, `Host must name this server: 127.0.0.1:${port}, localhost:${port}, [::1]:${port} (serve --allow-host NAME adds a name)`);
    assert.equal((await rawRequest(`${url}`, { headers: { host: `evil.example:${port}` } })).status, 421);
    assert.equal((await rawRequest(`${url}api/stats`, { headers: { host: `localhost:${port}` } })).status, 200);
    const create = { method: 'POST', body: JSON.stringify({ name: 'Mara', text: 'graph neural networks and curvature' }) };
    const json = { 'content-type': 'application/json' };
    assert.equal((await rawRequest(`${url}api/profiles`, { ...create, headers: { ...json, host: `evil.example:${port}` } })).status, 421);
    assert.equal((await rawRequest(`${url}api/profiles`, { ...create, headers: { ...json, origin: 'http://evil.example' } })).status, 403);
    assert.equal((await rawRequest(`${url}api/profiles/Mara`, { method: 'DELETE', headers: { origin: 'http://evil.example' } })).status, 403);
    assert.equal((await rawRequest(`${url}api/profiles/Mara`, { method: 'DELETE', headers: { origin: `http://127.0.0.1:${port}` } })).status, 404);
  } finally {
    assert.equal(await stop(server), 0);
  }
});

test('serve --allow-host adds a name to answer to; one with a port is refused', async () => {
  const { server, url, port } = await serve(['--allow-host', 'Scout.LAN', '--allow-host', '192.168.1.20']);
  try {
    for (const host of [`scout.lan:${port}`, `192.168.1.20:${port}`, `127.0.0.1:${port}`]) {
      assert.equal((await rawRequest(`${url}api/stats`, { headers: { host } })).status, 200, host);
    }
    assert.equal((await rawRequest(`${url}api/stats`, { headers: { host: `scout.lan.evil.example:${port}` } })).status, 421);
  } finally {
    await stop(server);
  }
  const run = cliSync(['--db', db, 'serve', '--allow-host', 'scout.lan:8080']);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, 'paperscout: --allow-host takes a host name or address without a port, not "scout.lan:8080"\n');
});

test('serve on a busy port says so and exits 1 instead of hanging', async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = busy.address() as net.AddressInfo;
    // spawnSync would block the event loop that holds the port; the port stays bound all the same.
    const run = cliSync(['--db', db, 'serve', '--port', String(port)]);
    assert.equal(run.error, undefined, 'serve did not exit within 20 s');
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `paperscout: port ${port} is in use: choose another with --port\n`);
  } finally {
    busy.close();
  }
});

test('serve refuses a bad port with one clear line', () => {
  const run = cliSync(['serve', '--port', 'http']);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, 'paperscout: --port must be a port number (0 to 65535), not "http"\n');
});

test('serve --fetch-every fetches the sources and makes each profile\'s digest, which its feed then carries', async () => {
  const feeds = await replay([{ path: '/blog.atom', file: 'http/feed/lab-blog.atom' }]);
  const file = path.join(dir, 'daily.db');
  assert.equal(cliSync(['--db', file, 'profile', 'create', 'mara', '--from', fixture('test/fixtures/digest/mine.jsonl')]).status, 0);
  const library = Library.open(file);
  addSource(library, 'blog', 'feed', { url: `${feeds.url}/blog.atom` });
  library.close();
  const started = await serve(['--fetch-every', '1d'], file);
  const { server, url } = started;
  try {
    // The round's line may have come in the same chunk as the URL.
    let output = started.output;
    await new Promise<void>((resolve) => {
      if (/digests: /.test(output)) resolve();
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        if (/digests: /.test(output)) resolve();
      });
    });
    assert.match(output, /: fetched 1 source\(s\), 1 with new papers; digests: mara 1\n/);
    const feed = await rawRequest(`${url}feeds/mara.atom`);
    assert.equal(feed.status, 200);
    const entries = new XMLParser({ isArray: (name) => name === 'entry' }).parse(feed.text).feed.entry as { title: string }[];
    assert.deepEqual(entries.map((entry) => entry.title), ['Reward Models That Know When They Are Wrong']);
  } finally {
    await stop(server);
    await feeds.close();
  }
  const run = cliSync(['--db', db, 'serve', '--fetch-every', '1w']);
  assert.equal(run.stderr, 'paperscout: --fetch-every takes minutes, hours or days, as 30m, 6h or 1d (at most 24d), not "1w"\n');
});
