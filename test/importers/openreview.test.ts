import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openreviewSubmissionsImporter, openreviewArchiveImporter, parseReviewerArchive } from '../../src/importers/openreview.ts';
import { fixture, shared } from './files.ts';
import { needsShared } from '../requirements.ts';

const DATASET = 'benchmarks/reviewer-expertise/d_20_1/';
const skip = needsShared('benchmarks/reviewer-expertise');

test('submissions.json: every submission with title, abstract, authors and year', { skip }, () => {
  const listing = openreviewSubmissionsImporter.parse(shared(`${DATASET}submissions.json`), 'submissions.json');
  assert.equal(listing.format, 'openreview-submissions');
  assert.equal(listing.papers.length, 223);
  assert.equal(listing.papers.filter((p) => p.abstract).length, 223);
  const [first] = listing.papers;
  assert.equal(first.sourceId, 'daa7e6af585d03e9cb05487413a6495f23400398');
  assert.equal(first.title, 'Deep Learning Based Resource Assignment for Wireless Networks');
  assert.deepEqual(first.authors, ['Minseok Kim', 'Hoon Lee', 'Hongju Lee', 'Inkyu Lee']);
  assert.equal(first.year, 2021);
});

test('an archive: one note per line', { skip }, () => {
  const listing = openreviewArchiveImporter.parse(shared(`${DATASET}archives/~118242121.jsonl`), '~118242121.jsonl');
  assert.equal(listing.format, 'openreview-archive');
  assert.equal(listing.papers.length, 14);
  assert.equal(listing.papers[0].title, 'Crossmodal Clustered Contrastive Learning: Grounding of Spoken Language to Gesture');
  assert.deepEqual(listing.papers[0].authors, ['Dongwon Lee', 'Chaitanya Ahuja']);
  assert.equal(listing.papers[1].year, 2020);
});

test('invalid JSON in an archive skips that note, named by its line', { skip }, () => {
  const text = shared(`${DATASET}archives/~118242121.jsonl`).split('\n').slice(0, 3).join('\n');
  const listing = openreviewArchiveImporter.parse(`${text}\n{"id": "x", "content": {"title": "Cut`, 'a.jsonl');
  assert.equal(listing.papers.length, 3);
  assert.deepEqual(listing.skipped, [{ entry: 4, line: 4, reason: 'truncated JSON (input ends inside a value)' }]);
  assert.throws(() => openreviewArchiveImporter.parse('{"id": "x", "content": {"title": "Cut', 'a.jsonl'), {
    name: 'ImportError',
    message: 'truncated JSON (input ends inside a value)',
    location: 'line 1, column 38',
  });
});

test("an archive note with an abstract but no title gets a derived title, not a rejected archive", () => {
  const name = '~Reviewer_Untitled1.jsonl';
  const reviewer = parseReviewerArchive(fixture(name), name);
  assert.equal(reviewer.id, '~Reviewer_Untitled1');
  assert.deepEqual(reviewer.publications.map((note) => [note.id, note.title]), [
    ['pub-1', 'Sparse Widget Folding'],
    ['pub-2', 'Difference engines count gears faster than clerks do'],
    ['pub-3', 'On Computable Widgets'],
  ]);
  const listing = openreviewArchiveImporter.parse(fixture(name), name);
  assert.equal(listing.papers[1].titleDerived, true);
  assert.equal(listing.skipped, undefined);
});
