// The full-text index stays in step with the papers whichever way they are written or deleted (fulltext.ts):
// FTS5's own integrity-check holds, and search over the maintained index equals search over one
// rebuilt from scratch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { performWrite } from '../../src/server/writes.ts';

const root = path.resolve(import.meta.dirname, '../..');

let dir: string;
let library: Library;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-fulltext-'));
  library = Library.open(path.join(dir, 'library.db'));
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const jsonl = (name: string, records: object[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  return file;
};

const QUERIES = ['retrieval', 'diffusion', 'quokka', 'wombat', 'marsupial', 'lindqvist', '"low-rank adapters"', 'robot*', 'kitchen manipulation', 'numbat'];

const searchAll = () => QUERIES.map((query) => [query, library.searchIds(query, {}, { limit: 50 })]);

test('every way of writing papers leaves the index equal to a rebuilt one', async () => {
  // New papers, then a listing that merges three of its papers into them, in one write group.
  await ingestPaths(library, [path.join(root, 'demo/poster-session.txt'), path.join(root, 'demo/trending.html')]);
  // A paper known first without abstract, then with one from a second source (merged in place),
  // and a listing holding the same paper (by its arXiv id) twice, the second copy merging into the first.
  await ingestPaths(library, [jsonl('bare.jsonl', [{ title: 'Quokka Locomotion in Sparse Scrub', authors: ['Ada Quill'], arxiv: '2401.00001' }])]);
  await ingestPaths(library, [
    jsonl('enriched.jsonl', [
      { title: 'Quokka Locomotion in Sparse Scrub', authors: ['Ada Quill'], arxiv: '2401.00001', abstract: 'We track wombat and quokka gaits.', keywords: ['marsupial'] },
    ]),
    jsonl('twice.jsonl', [
      { title: 'Numbat Foraging', authors: ['Bo Reed'], ids: { arxiv: '2401.00002' } },
      { title: 'Numbat Foraging', authors: ['Bo Reed'], ids: { arxiv: '2401.00002' }, abstract: 'Termite mounds and numbat routes.' },
    ]),
  ]);
  // The same file again writes nothing; a profile's papers arrive as a listing of their own.
  await ingestPaths(library, [path.join(root, 'demo/poster-session.txt')]);
  performWrite(library, { kind: 'createProfile', body: { name: 'Mara', abstracts: 'Low-rank adapters for retrieval-augmented generation with gates.' } });
  // Removing a listing deletes the papers no other listing holds: the quokka's goes, the
  // numbat's stays, and a listing holding both (one merged in) leaves the one with both words.
  await ingestPaths(library, [jsonl('both.jsonl', [{ title: 'Numbat Foraging', authors: ['Bo Reed'], arxiv: '2401.00002' }])]);
  for (const name of ['bare.jsonl', 'enriched.jsonl', 'twice.jsonl']) library.removeListing(library.listing(name)!);
  assert.deepEqual(library.searchIds('quokka'), []);

  assert.deepEqual(library.searchIds('wombat'), []);
  assert.deepEqual(library.searchIds('marsupial'), []);
  assert.equal(library.searchIds('numbat').length, 1);
  assert.equal(library.searchIds('termite').length, 1);
  // Integrity-check with rank 1 also compares the index with the papers' current text.
  library.db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
  const maintained = searchAll();
  library.db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')");
  assert.deepEqual(maintained, searchAll());
});
