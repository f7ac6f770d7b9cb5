// `paperscout serve` as a researcher runs it: prints its URL, serves the app and the API, stops on a signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/library/ingest-files.ts';
import { fixture, repoRoot } from './fixture-server.ts';

const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });

test('serve prints its URL, answers on it, and stops cleanly on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-serve-'));
  const db = path.join(dir, 'library.db');
  try {
    const library = Library.open(db);
    await ingestPaths(library, [fixture('demo/poster-session.txt')]);
    library.close();
    const server = cli(['--db', db, 'serve', '--port', '0']);
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (found) resolve(found[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    assert.match(output, new RegExp(`^paperscout is serving ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at http://127\\.0\\.0\\.1:\\d+/\\n`));
    const listings = await (await fetch(`${url}api/listings`)).json();
    assert.deepEqual(listings.map((l: { name: string; paperCount: number }) => [l.name, l.paperCount]), [['poster-session.txt', 24]]);
    const page = await fetch(url);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.match(await page.text(), /<script type="module" src="app.js"><\/script>/);
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses a bad port with one clear line', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'serve', '--port', 'http'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.equal(run.stderr, 'paperscout: --port must be a port number (0 to 65535), not "http"\n');
});
