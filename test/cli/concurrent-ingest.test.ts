// Two paperscouts writing one library: the second waits for the first, says so, and loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';

const root = path.resolve(import.meta.dirname, '../..');

let dir: string;
let db: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-writers-'));
  db = path.join(dir, 'library.db');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function paperscout(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--db', db, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('ingest while another process holds the library waits for it, says so, and stores everything', async () => {
  const other = Library.open(db);
  try {
    other.openWriteGroup();
    const ingest = paperscout(['ingest', path.join(root, 'demo/poster-session.txt')]);
    // Longer than SQLite's usual five-second busy timeout, after which a write used to fail.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    other.commitWriteGroup();
    const run = await ingest;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.split('\n').filter((line) => line === `waiting for another paperscout writing to ${db}…`).length, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /SQLITE_BUSY|database is locked|\bat .+:\d+:\d+/);
    assert.equal(other.papers({ listing: 'poster-session.txt' }).total, 24);
  } finally {
    other.close();
  }
});
