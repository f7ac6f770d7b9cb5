import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { addToCollection, deleteCollection, exportCollection, removeFromCollection, saveShortlist, showCollection } from '../../src/actions/collections.ts';
import { InputError, NotFoundError } from '../../src/actions/errors.ts';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/digest', name);

let dir: string;
let library: Library;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-collections-'));
  library = Library.open(path.join(dir, 'library.db'));
  // Papers 1-2 are the profile's, 3-7 fetch-a's.
  const mine = await ingestPaths(library, [fixture('mine.jsonl')]);
  await ingestPaths(library, [fixture('fetch-a.jsonl')]);
  library.createProfile('mara');
  library.addListingsToProfile(library.profile('mara')!, mine.outcomes.map((o) => o.listing.id));
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (name: string) => showCollection(library, name).papers.map((paper) => paper.id);

test('a collection keeps each paper once, in the order added; removing and deleting', () => {
  const made = addToCollection(library, '  after the conference ', [5, 3, 5], 'ICLR 2025');
  assert.deepEqual([made.collection.name, made.collection.papers, made.collection.note, made.changed], ['after the conference', 2, 'ICLR 2025', 2]);
  assert.equal(addToCollection(library, 'after the conference', [3, 4]).changed, 1);
  assert.deepEqual(ids('after the conference'), [5, 3, 4]);
  assert.equal(removeFromCollection(library, 'after the conference', [3, 7]).changed, 1);
  assert.deepEqual(ids('after the conference'), [5, 4]);
  // Added again, a paper goes to the end.
  addToCollection(library, 'after the conference', [3]);
  assert.deepEqual(ids('after the conference'), [5, 4, 3]);
  assert.deepEqual(library.collections().map((c) => [c.name, c.papers]), [['after the conference', 3]]);
  deleteCollection(library, 'after the conference');
  assert.deepEqual(library.collections(), []);
  // Its papers stay in the library.
  assert.equal(library.papers().total, 7);
});

test('exports in the collection order as BibTeX, RIS and CSL-JSON', () => {
  addToCollection(library, 'to read', [6, 3]);
  const csl = JSON.parse(exportCollection(library, 'to read', 'csl-json')) as { title: string }[];
  assert.deepEqual(csl.map((item) => item.title), ['Neural Machine Translation for Low-Resource Languages', 'On the Expressive Power of Graph Neural Networks']);
  const bibtex = exportCollection(library, 'to read', 'bibtex');
  assert.deepEqual([...bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]), ['lang2025neural', 'graph2025expressive']);
  assert.match(bibtex, /doi = \{10\.1234\/gnn-2\}/);
  assert.equal((exportCollection(library, 'to read', 'ris').match(/^TY {2}- /gm) ?? []).length, 2);
});

test('a plan short-list: the ticked papers of the listing, or the liked and first ranked ones', () => {
  const profile = library.profile('mara')!;
  assert.deepEqual(saveShortlist(library, 'ticked', 'fetch-a', { paperIds: [7, 4] }).collection.papers, 2);
  assert.deepEqual(ids('ticked'), [7, 4]);
  assert.throws(() => saveShortlist(library, 'ticked', 'fetch-a', { paperIds: [1] }), (error) => error instanceof InputError && error.message === 'paper 1 is not in the listing "fetch-a.jsonl"');
  const ranked = saveShortlist(library, 'ranked', 'fetch-a.jsonl', { profile });
  assert.equal(ranked.changed, 5);
  assert.deepEqual(ids('ranked')[0], 3);
  assert.throws(() => saveShortlist(library, 'x', 'fetch-a', {}), (error) => error instanceof InputError && error.about === 'profile');
  assert.throws(() => saveShortlist(library, 'x', 'no-such-listing', { profile }), (error) => error instanceof NotFoundError && error.about === 'listing');
});

test('bad input: unknown papers or collections, empty or oversized names; nothing is changed', () => {
  assert.throws(() => addToCollection(library, 'new', [3, 999, 1000]), (error) => error instanceof NotFoundError && error.message === 'no paper with id 999, 1000');
  assert.equal(library.collection('new'), undefined);
  assert.throws(() => addToCollection(library, '  ', [3]), (error) => error instanceof InputError && error.message === 'a collection needs a name');
  assert.throws(() => addToCollection(library, 'x'.repeat(201), [3]), (error) => error instanceof InputError && error.message === "a collection's name is at most 200 characters (this one has 201)");
  assert.throws(() => addToCollection(library, 'a\u0007b', [3]), (error) => error instanceof InputError && error.about === 'name');
  assert.throws(() => addToCollection(library, 'new', []), (error) => error instanceof InputError && error.about === 'paperIds');
  for (const action of [() => showCollection(library, 'none'), () => removeFromCollection(library, 'none', [3]), () => exportCollection(library, 'none', 'ris'), () => deleteCollection(library, 'none')]) {
    assert.throws(action, (error) => error instanceof NotFoundError && error.message === 'no collection named "none"');
  }
});
