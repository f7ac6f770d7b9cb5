// Building a profile: every source in one transaction, all of it or nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { AmbiguousAuthorError, buildProfile, identitiesOf, readProfileFiles } from '../../src/actions/profile.ts';
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

test('a name that may be several people: its identities by shared co-authors, listed; nothing added until the person picks', async () => {
  await ingestPaths(library, [fixture('test/fixtures/identities/yong-liu.jsonl')]);
  const ids = (title: string) => library.papers({ author: 'Yong Liu' }).papers.filter((paper) => paper.title.startsWith(title)).map((paper) => paper.id);
  const [trees, negatives, embeddings, ice, terrain, bandits] = ['Extreme', 'Negative', 'Label Emb', 'Legged', 'Terrain', 'A Note'].map((title) => ids(title)[0]);
  // "LIU YONG" is the same name; Li Na links the third paper to the first two; the bandits note has no co-author.
  assert.deepEqual(
    identitiesOf(library, 'liu yong').map(({ number, paperIds, names, coauthors, venues, sampleTitles, inProfile }) => ({ number, paperIds, names, coauthors, venues, sampleTitles, inProfile })),
    [
      {
        number: 1,
        paperIds: [trees, negatives, embeddings],
        names: ['Yong Liu', 'LIU YONG'],
        coauthors: [{ name: 'Wei Chen', papers: 2 }, { name: 'Li Na', papers: 2 }],
        venues: [{ venue: 'ICML 2023', papers: 1 }, { venue: 'NeurIPS 2022', papers: 1 }, { venue: 'KDD 2021', papers: 1 }],
        sampleTitles: ['Extreme Multi-label Classification with Label Trees', 'Negative Sampling for Extreme Classification', 'Label Embeddings at Scale'],
        inProfile: 0,
      },
      {
        number: 2,
        paperIds: [ice, terrain],
        names: ['Yong Liu'],
        coauthors: [{ name: 'Maria Garcia', papers: 2 }, { name: 'John Smith', papers: 1 }],
        venues: [{ venue: 'CoRL 2022', papers: 1 }, { venue: 'ICRA 2023', papers: 1 }],
        sampleTitles: ['Terrain-Aware Locomotion from Proprioception', 'Legged Robots on Ice'],
        inProfile: 0,
      },
      { number: 3, paperIds: [bandits], names: ['Yong Liu'], coauthors: [], venues: [{ venue: 'COLT 2020', papers: 1 }], sampleTitles: ['A Note on Convex Bandits'], inProfile: 0 },
    ],
  );
  assert.throws(
    () => buildProfile(library, 'yong', { author: 'Yong Liu' }, 'create'),
    (error: unknown) =>
      error instanceof AmbiguousAuthorError &&
      error.about === 'identities' &&
      error.identities.length === 3 &&
      error.message === '"Yong Liu" may be 3 people in the library (papers connected through shared co-authors are one): pick the ones that are you',
  );
  assert.equal(library.profile('yong'), undefined, 'nothing is made without a pick');
  const made = buildProfile(library, 'yong', { author: 'Yong Liu', identities: [1] }, 'create');
  assert.deepEqual([made.added, made.listed, made.profile.paperIds], [3, 3, [trees, negatives, embeddings]]);
  // The profile's papers now say who identity 1 is; the others still need a pick.
  assert.deepEqual(identitiesOf(library, 'Yong Liu', made.profile).map((identity) => identity.inProfile), [3, 0, 0]);
  assert.throws(() => buildProfile(library, 'yong', { author: 'Yong Liu' }, 'extend'), AmbiguousAuthorError);
  assert.throws(() => buildProfile(library, 'yong', { author: 'Yong Liu', identities: [2, 4] }, 'extend'), (error: unknown) => error instanceof InputError && error.about === 'identities' && /identities 1 to 3 in the library, not 4/.test(error.message));
  assert.throws(() => buildProfile(library, 'yong', { identities: [2] }, 'extend'), (error: unknown) => error instanceof InputError && error.about === 'identities');
  assert.deepEqual(library.profile('yong')!.paperIds, [trees, negatives, embeddings], 'a refused addition adds nothing');
  assert.equal(buildProfile(library, 'yong', { author: 'Yong Liu', identities: [3] }, 'extend').added, 1);
  // Once every identity holds the profile's papers the researcher has said who they are: the rest of them comes without asking.
  assert.deepEqual(identitiesOf(library, 'Yong Liu', library.profile('yong')).map((identity) => identity.inProfile), [3, 0, 1]);
  assert.equal(buildProfile(library, 'yong', { author: 'Yong Liu', identities: [2] }, 'extend').added, 2);
  assert.deepEqual(buildProfile(library, 'yong', { author: 'Yong Liu' }, 'extend').added, 0);
});
