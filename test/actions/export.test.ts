// Exporting: one listing in its order, or an unknown listing named as such.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { exportPapers } from '../../src/actions/export.ts';
import { NotFoundError } from '../../src/actions/errors.ts';
import { fixture } from '../server/fixture-server.ts';

let dir: string;
let library: Library;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-export-'));
  library = Library.open(path.join(dir, 'library.db'));
  await ingestPaths(library, [fixture('demo/poster-session.txt'), fixture('demo/trending.html')]);
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a listing's papers in its order; the whole library without one; an unknown listing is not found", () => {
  const lines = exportPapers(library, 'jsonl', 'trend').trimEnd().split('\n');
  assert.deepEqual(lines.map((line) => JSON.parse(line).title), library.papers({ listing: 'trending.html' }).papers.map((paper) => paper.title));
  assert.equal(lines.length, 8);
  assert.equal(exportPapers(library, 'jsonl').trimEnd().split('\n').length, library.stats().papers);
  assert.throws(() => exportPapers(library, 'bibtex', 'nope.txt'), (error: unknown) => error instanceof NotFoundError && error.message === 'no listing named "nope.txt"');
});
