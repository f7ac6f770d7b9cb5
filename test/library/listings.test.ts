// Listings as a person handles them: named from the page when pasted, found by name, id, file
// or prefix, relabelled with their papers, and removed with the papers no other listing holds.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { editListing, removeListing, resolveListing } from '../../src/actions/listings.ts';
import { ConflictError, InputError, NotFoundError } from '../../src/actions/errors.ts';
import { updateLibraryFeatures } from '../../src/actions/library-features.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from '../server/fixture-server.ts';

let dir: string;
let library: Library;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-listings-'));
  library = Library.open(path.join(dir, 'library.db'));
});
afterEach(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const demo = (name: string) => fixture('demo', name);
const paste = (text: string, labels = {}) => library.addListing({ parsed: parseListing(text, 'pasted text'), text, labels }).listing;
const jsonl = (records: object[]) => records.map((record) => JSON.stringify(record)).join('\n');

test('a pasted listing is named by what the page says of itself; a file keeps its name', () => {
  const page = fs.readFileSync(demo('poster-session.txt'), 'utf8');
  assert.equal(paste(page).name, 'Poster Session 3 · Hall C');
  // What the person says of it counts as the page's word.
  assert.equal(paste(`${page}\n`, { venue: 'ICLR', year: 2024 }).name, 'ICLR 2024 · Poster Session 3 · Hall C');
  assert.equal(paste(jsonl([{ title: 'One', authors: [] }])).name, 'pasted listing');
  assert.equal(paste(jsonl([{ title: 'Two', authors: [] }])).name, 'pasted listing (2)');
  assert.equal(library.addListing({ parsed: parseListing(page, 'x'), text: `${page}\n\n`, fileName: 'mine.txt' }).listing.name, 'mine.txt');
});

test('a listing is found by its name, its id, its file or the start of its name; several or none is a clear error', async () => {
  await ingestPaths(library, [demo('poster-session.txt'), demo('trending.html')]);
  paste(jsonl([{ title: 'One', authors: [] }]));
  paste(jsonl([{ title: 'Two', authors: [] }]));
  const [poster, trending] = library.listings();
  const name = (ref: string | number) => resolveListing(library, ref).name;
  assert.equal(name('trending.html'), 'trending.html');
  assert.equal(name(String(poster.id)), 'poster-session.txt');
  assert.equal(name(trending.id), 'trending.html');
  assert.equal(name('POSTER'), 'poster-session.txt');
  // A path: the file's content, wherever it lies, or else a file of the listing's name.
  const copy = path.join(dir, 'renamed-copy.html');
  fs.copyFileSync(demo('trending.html'), copy);
  assert.equal(name(copy), 'trending.html');
  assert.equal(name('../elsewhere/poster-session.txt'), 'poster-session.txt');
  assert.throws(
    () => resolveListing(library, 'pasted'),
    (error: unknown) => error instanceof InputError && !(error instanceof NotFoundError) && error.message === `"pasted" starts the names of 2 listings (3 "pasted listing", 4 "pasted listing (2)"): give more of the name, or the id`,
  );
  assert.throws(() => resolveListing(library, 'nope'), (error: unknown) => error instanceof NotFoundError && error.message === 'no listing named "nope"');
  assert.throws(() => resolveListing(library, 99), (error: unknown) => error instanceof NotFoundError && error.message === 'no listing with id 99');
  // LIKE's wildcards in a name are only characters.
  assert.throws(() => resolveListing(library, '%'), NotFoundError);
});

test("relabelling a listing relabels its papers that carried the old label or none; a paper's own stays", () => {
  const listing = paste(jsonl([
    { title: 'Own Venue', authors: ['A B'], venue: 'NeurIPS' },
    { title: 'No Venue', authors: ['C D'] },
  ]));
  const venues = () => library.papers({ listing: resolveListing(library, listing.id).name }).papers.map((paper) => [paper.title, paper.venue, paper.year, paper.session]);
  const first = editListing(library, listing.id, { venue: 'ICML', year: 2023, session: 'Oral 2', room: 'Hall A', name: 'icml-orals' });
  assert.deepEqual(first.relabelled, { venue: 1, year: 2, session: 2 });
  assert.deepEqual([first.listing.name, first.listing.venue, first.listing.year, first.listing.session, first.listing.room], ['icml-orals', 'ICML', 2023, 'Oral 2', 'Hall A']);
  assert.deepEqual(venues(), [
    ['Own Venue', 'NeurIPS', 2023, 'Oral 2'],
    ['No Venue', 'ICML', 2023, 'Oral 2'],
  ]);
  assert.equal(library.papers({ venue: 'icml' }).total, 1);
  // Again: what carried the old label takes the new one; an empty text clears a label.
  const second = editListing(library, 'icml', { venue: 'ICML 2023', session: '' });
  assert.deepEqual(second.relabelled, { venue: 1, session: 2 });
  assert.deepEqual(venues(), [
    ['Own Venue', 'NeurIPS', 2023, null],
    ['No Venue', 'ICML 2023', 2023, null],
  ]);
  assert.equal(second.listing.session, null);
  assert.equal(second.listing.room, 'Hall A');

  paste(jsonl([{ title: 'Other', authors: [] }]));
  assert.throws(() => editListing(library, 'icml', { name: 'pasted listing' }), (error: unknown) => error instanceof ConflictError && error.about === 'name');
  assert.throws(() => editListing(library, 'icml', { name: '  ' }), (error: unknown) => error instanceof InputError && error.about === 'name');
  assert.throws(() => editListing(library, 'icml', { venue: 'a\u0007b' }), (error: unknown) => error instanceof InputError && error.about === 'venue');
  assert.throws(() => editListing(library, 'icml', { year: 24 }), (error: unknown) => error instanceof InputError && error.about === 'year');
  assert.throws(() => editListing(library, 'icml', {}), InputError);
  assert.equal(resolveListing(library, 'icml').name, 'icml-orals', 'a refused edit changes nothing');
});

test('removing a listing deletes the papers no other listing holds, with their ratings and places in profiles; the rest stay', async () => {
  // The poster session (24 papers) and the trending page (8), 3 papers in both.
  await ingestPaths(library, [demo('poster-session.txt'), demo('trending.html')]);
  const poster = library.listing('poster-session.txt')!;
  const shared = library.papers({ listing: 'trending.html' }).papers.filter((paper) => paper.listings.length === 2);
  assert.equal(shared.length, 3);
  const posterOnly = library.papers({ listing: poster.name }).papers.filter((paper) => paper.listings.length === 1);
  library.createProfile('mara');
  const mara = library.profile('mara')!;
  library.addAuthorPapersToProfile(mara, library.authorIdentities('Mara Lindqvist').flatMap((identity) => identity.paperIds));
  library.rate(mara, posterOnly[3].id, 1);
  library.rate(mara, shared[0].id, -1);
  const own = library.profile('mara')!.paperIds;
  assert.ok(own.some((id) => posterOnly.some((paper) => paper.id === id)), 'a poster-only paper of her own');

  const before = library.stats();
  const preview = removeListing(library, 'poster', { dryRun: true });
  const expected = { listing: poster, papers: 24, deleted: 21, profiles: [{ profile: 'mara', papers: 1, ratings: 1 }] };
  assert.deepEqual(preview, expected);
  assert.deepEqual(library.stats(), before, 'a dry run changes nothing');

  assert.deepEqual(removeListing(library, 'poster'), expected);
  assert.deepEqual(library.listings().map((listing) => listing.name), ['trending.html']);
  assert.equal(library.stats().papers, 8);
  assert.equal(library.papers({ listing: 'trending.html' }).total, 8);
  assert.deepEqual(library.papersById(posterOnly.map((paper) => paper.id)), []);
  assert.deepEqual(library.papersById(shared.map((paper) => paper.id)).map((paper) => paper.listings.map((where) => where.listing)), [['trending.html'], ['trending.html'], ['trending.html']]);
  const after = library.profile('mara')!;
  assert.deepEqual(after.ratings, { [shared[0].id]: -1 });
  assert.ok(after.paperIds.every((id) => !posterOnly.some((paper) => paper.id === id)));
  assert.ok(posterOnly.some((paper) => paper.title === 'Language-Conditioned Diffusion Policies for Long-Horizon Kitchen Manipulation'));
  assert.deepEqual(library.searchIds('kitchen manipulation'), []);
  assert.equal(library.searchIds('"Curvature-Guided Edge Rewiring"').length, 1, 'a paper of both listings is still found');
  library.db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
  assert.deepEqual(library.db.pragma('foreign_key_check'), []);
  // The same file again is a new listing: its papers come back, under new numbers.
  const again = await ingestPaths(library, [demo('poster-session.txt')]);
  assert.equal(again.outcomes[0].newPapers, 21);
});

test("a deleted paper's id and revision are never given again, and the engine's index follows", async () => {
  await ingestPaths(library, [demo('poster-session.txt'), demo('trending.html')]);
  const { index } = updateLibraryFeatures(library);
  const last = Math.max(...library.allPaperIds());
  const { revision } = library.revisionState();
  // The trending page's own papers are the newest: removing it frees the largest id and revision.
  const gone = library.papers({ listing: 'trending.html' }).papers.filter((paper) => paper.listings.length === 1).map((paper) => paper.id);
  assert.ok(gone.includes(last));
  removeListing(library, 'trending.html');
  const newcomer = paste(jsonl([{ title: 'Wombat Burrows as Shelters', authors: ['Ada Quill'], abstract: 'Wombat burrows shelter other animals from fire.' }]));
  const [paper] = library.papers({ listing: newcomer.name }).papers;
  assert.equal(paper.id, last + 1);
  assert.ok(library.revisionState().revision > revision);
  updateLibraryFeatures(library);
  assert.equal(index.liveCount, library.stats().papers);
  for (const id of gone) assert.equal(index.rowOf(id), undefined);
  assert.notEqual(index.rowOf(paper.id), undefined);
});
