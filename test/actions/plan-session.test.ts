// Planning a session: the whole listing, in the order to visit it, each paper marked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { PLAN_MAX_PAPERS, planSession } from '../../src/actions/plan-session.ts';
import { FIXTURE_LISTINGS, fixture } from '../server/fixture-server.ts';
import type { Listing, Profile } from '../../src/types.ts';

let dir: string;
let library: Library;
let session: Listing;
let profile: Profile;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-plan-'));
  library = Library.open(path.join(dir, 'library.db'));
  await ingestPaths(library, FIXTURE_LISTINGS.map((file) => fixture(file)));
  const own = await ingestPaths(library, [fixture('demo/my-papers.bib')]);
  library.createProfile('Mara');
  library.addListingsToProfile(library.profile('Mara')!, own.outcomes.map((outcome) => outcome.listing.id));
  session = library.listing('poster-session.txt')!;
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (entries: { paper: { id: number } }[]) => entries.map((entry) => entry.paper.id);

test('without a profile, the listing in its order, nothing ranked', () => {
  const plan = planSession(library, session, undefined);
  assert.equal(plan.ranked, false);
  assert.deepEqual(ids(plan.entries), library.papers({ listing: session.name }, { limit: 100 }).papers.map((paper) => paper.id));
  assert.ok(plan.entries.every((entry) => !entry.mark && !entry.ranked));
  assert.equal(plan.omitted, 0);
});

test('a listing larger than a plan holds: the plan says how many papers it leaves out', async () => {
  const big = path.join(dir, 'huge.jsonl');
  const records = Array.from({ length: PLAN_MAX_PAPERS + 3 }, (_, i) => JSON.stringify({ title: `Synthetic paper number ${i}`, authors: [`Author ${i}`] }));
  fs.writeFileSync(big, `${records.join('\n')}\n`);
  await ingestPaths(library, [big]);
  const plan = planSession(library, library.listing('huge.jsonl')!, undefined);
  assert.equal(plan.entries.length, PLAN_MAX_PAPERS);
  assert.equal(plan.omitted, 3);
  assert.equal(plan.entries.at(-1)!.paper.title, `Synthetic paper number ${PLAN_MAX_PAPERS - 1}`);
});

test('with a profile: own work, then liked papers, then the ranking, then the papers rated down', () => {
  const inOrder = library.papers({ listing: session.name }, { limit: 100 }).papers.map((paper) => paper.id);
  profile = library.profile('Mara')!;
  const unrated = planSession(library, session, profile);
  const yours = unrated.entries.filter((entry) => entry.mark === 'yours');
  // Session paper 2 has a renamed preprint among the profile's papers: it is the researcher's work.
  assert.deepEqual(ids(yours), [2]);
  const [liked, disliked] = [ids(unrated.entries)[5], ids(unrated.entries)[1]];
  library.rate(profile, liked, 1);
  library.rate(profile, disliked, -1);
  const plan = planSession(library, session, library.profile('Mara')!);
  assert.equal(plan.ranked, true);
  assert.deepEqual([...ids(plan.entries)].sort((a, b) => a - b), [...inOrder].sort((a, b) => a - b));
  const marks = plan.entries.map((entry) => entry.mark ?? (entry.ranked ? 'ranked' : 'unranked'));
  assert.deepEqual(marks, ['yours', 'liked', ...Array(21).fill('ranked'), 'rated down']);
  assert.deepEqual(ids(plan.entries).slice(0, 2), [2, liked]);
  assert.equal(ids(plan.entries)[23], disliked);
  const ranked = plan.entries.filter((entry) => entry.ranked).map((entry) => entry.ranked!);
  assert.deepEqual(ranked.map((r) => r.rank), Array.from({ length: 21 }, (_, index) => index + 1));
  assert.ok(ranked.every((r, index) => index === 0 || r.score <= ranked[index - 1].score));
  assert.ok(ranked[0].reasons.length > 0);
});
