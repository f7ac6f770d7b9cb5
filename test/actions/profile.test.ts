// Building a profile: every source in one transaction, all of it or nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { buildProfile, readProfileFiles } from '../../src/actions/profile.ts';
import { ConflictError, InputError, NotFoundError } from '../../src/actions/errors.ts';
import { fixture } from '../server/fixture-server.ts';

let dir: string;
let library: Library;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-profile-'));
  library = Library.open(path.join(dir, 'library.db'));
  await ingestPaths(library, [fixture('demo/poster-session.txt')]);
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('files that cannot be read are reported apart; the others are read and parsed', () => {
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '[{"title": ');
  const read = readProfileFiles([fixture('demo/my-papers.bib'), broken, path.join(dir, 'missing.bib')]);
  assert.deepEqual(read.listings.map((listing) => listing.fileName), ['my-papers.bib']);
  assert.deepEqual(read.failures.map((failure) => path.basename(failure.file)), ['missing.bib', 'broken.json']);
});

test('an author with no papers undoes the whole profile, files included', () => {
  const { listings } = readProfileFiles([fixture('demo/my-papers.bib')]);
  const before = library.listings().length;
  assert.throws(() => buildProfile(library, 'mara', { listings, author: 'Zq Xw' }, 'create'), (error: unknown) => error instanceof InputError && error.about === 'author' && /no papers by "Zq Xw"/.test(error.message));
  assert.equal(library.profile('mara'), undefined);
  assert.equal(library.listings().length, before);
});

test('files and an author together make one profile; the same name again is a conflict, an unknown one not found', () => {
  const { listings } = readProfileFiles([fixture('demo/my-papers.bib')]);
  const author = library.papers({ listing: 'poster-session.txt' }, { limit: 1 }).papers[0].authors[0];
  const byAuthor = library.papers({ author }).total;
  const made = buildProfile(library, 'mara', { listings, author }, 'create');
  assert.equal(made.listed, 5 + byAuthor);
  assert.equal(made.profile.paperIds.length, made.added);
  assert.throws(() => buildProfile(library, 'mara', { author }, 'create'), ConflictError);
  assert.throws(() => buildProfile(library, 'nobody', { author }, 'extend'), NotFoundError);
  assert.throws(() => buildProfile(library, 'mara', {}, 'extend'), InputError);
  // Adding what the profile has already adds nothing, and lists it again.
  assert.deepEqual(buildProfile(library, 'mara', { author }, 'extend'), { profile: library.profile('mara'), added: 0, listed: byAuthor });
});
