import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { recommend, similarPapers } from '../../src/actions/recommend.ts';
import { ProfileError } from '../../src/engine/errors.ts';
import { needsShared } from '../requirements.ts';

const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds');
const seed = (prefix: string) => path.join(seeds, fs.readdirSync(seeds).find((name) => name.startsWith(prefix))!);
const SESSION = '002_399c9b84d8821e2e.txt';
const skip = needsShared('seeds');

let dir: string;
let library: Library;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-recommend-'));
  library = Library.open(path.join(dir, 'library.db'));
  if (skip) return;
  await ingestPaths(library, ['002', '003', '004'].map(seed));
  library.createProfile('yihan');
  const profileReport = await ingestPaths(library, [seed('000')]);
  library.addListingsToProfile(library.profile('yihan')!, profileReport.outcomes.map((o) => o.listing.id));
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a profile made from 000 recognises its own 002 poster as "yours", not as a recommendation', { skip }, () => {
  const profile = library.profile('yihan')!;
  const result = recommend(library, profile, { listing: SESSION }, 300);
  assert.equal(result.yours.length, 1);
  assert.equal(result.yours[0].paper.title, 'Two-stage LLM Fine-tuning with Less Specialization and More Generalization');
  const ownPaper = library.paper(result.yours[0].ownPaperId)!;
  assert.equal(ownPaper.listings[0].listing, path.basename(seed('000')));
  assert.equal(ownPaper.listings[0].position, 10);
  assert.equal(result.recommendations.length, 280);
  assert.ok(result.recommendations.every((r) => r.paper.id !== result.yours[0].paper.id));
  assert.ok(result.recommendations.every((r) => r.paper.listings.some((l) => l.listing === SESSION)));
  // Every topic has its papers in the list; after the closest paper of each of its own papers,
  // a topic's papers come in the order of its ranking.
  assert.deepEqual(new Set(result.recommendations.map((r) => r.topic)), new Set(result.topics.map((t) => t.key)));
  for (const topic of result.topics) {
    const scores = result.recommendations.filter((r) => r.topic === topic.key).map((r) => r.score).slice(topic.paperIds.length);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  }
});

test("each of the profile's papers finds its closest session paper among the first twenty, but one at most", { skip }, () => {
  const profile = library.profile('yihan')!;
  const top = new Set(recommend(library, profile, { listing: SESSION }, 20).recommendations.map((r) => r.paper.id));
  const session = new Set(library.paperIds({ listing: SESSION }));
  const own = new Set([...library.ownWork(profile).keys(), ...profile.paperIds]);
  const covered = profile.paperIds.filter((id) => {
    const closest = similarPapers(library, { paperId: id }, 50).find((r) => session.has(r.paper.id) && !own.has(r.paper.id));
    return closest && top.has(closest.paper.id);
  });
  assert.ok(covered.length >= profile.paperIds.length - 1, `${covered.length} of ${profile.paperIds.length}`);
});

test('reasons name profile papers with the terms they share, strongest first', { skip }, () => {
  const profile = library.profile('yihan')!;
  const [top] = recommend(library, profile, { listing: SESSION }, 5).recommendations;
  assert.equal(top.reasons.length, 2);
  assert.ok(top.reasons.every((reason) => reason.paperId !== undefined && profile.paperIds.includes(reason.paperId)));
  assert.ok(top.reasons[0].similarity >= top.reasons[1].similarity);
  assert.ok(top.reasons[0].sharedTerms.length > 0);
  const words = `${top.paper.title} ${top.paper.abstract}`.toLowerCase();
  assert.ok(top.reasons[0].sharedTerms.some((term) => words.includes(term.split(' ')[0].toLowerCase())), top.reasons[0].sharedTerms.join(', '));
});

test('liking a paper pulls papers like it up; disliking removes it and pushes its neighbours down', { skip }, () => {
  library.createProfile('rater');
  const profile = () => library.profile('rater')!;
  library.addListingsToProfile(profile(), [library.listing(path.basename(seed('000')))!.id]);
  const ranking = () => recommend(library, profile(), { listing: SESSION }, 300).recommendations.map((r) => r.paper.id);
  const before = ranking();
  const liked = before[before.length - 1];
  const [neighbour] = similarPapers(library, { paperId: liked }, 50)
    .map((s) => s.paper.id)
    .filter((id) => before.includes(id));
  library.rate(profile(), liked, 1);
  const afterLike = ranking();
  assert.ok(afterLike.indexOf(neighbour) < before.indexOf(neighbour), `neighbour ${before.indexOf(neighbour)} -> ${afterLike.indexOf(neighbour)}`);
  assert.ok(!afterLike.includes(liked), 'a liked paper is part of the profile, not a recommendation');

  library.rate(profile(), liked, 0);
  const top = before[0];
  const [topNeighbour] = similarPapers(library, { paperId: top }, 50)
    .map((s) => s.paper.id)
    .filter((id) => before.includes(id));
  const scoreOf = (id: number) => recommend(library, profile(), { listing: SESSION }, 300).recommendations.find((r) => r.paper.id === id)!.score;
  const neighbourBefore = scoreOf(topNeighbour);
  library.rate(profile(), top, -1);
  const afterDislike = ranking();
  assert.ok(!afterDislike.includes(top));
  // Its neighbour may hold its place as another topic's slot (the mixed list gives slots by topic), but it scores lower.
  assert.ok(scoreOf(topNeighbour) < neighbourBefore, `neighbour ${neighbourBefore} -> ${scoreOf(topNeighbour)}`);
});

test('an empty profile is a clear error', () => {
  library.createProfile('empty');
  assert.throws(() => recommend(library, library.profile('empty')!, {}, 10), ProfileError);
});

test('similar --text finds the paper the text was taken from first', { skip }, () => {
  const [poster] = library.search('"Lipsum-FT"').hits.map((h) => h.paper);
  const results = similarPapers(library, { text: poster.abstract!.slice(0, 600) }, 3);
  assert.equal(results[0].paper.id, poster.id);
  assert.ok(results[0].reasons[0].sharedTerms.length > 0);
});

test("a pasted text's reasons name no paper and hold only the terms the text shares", async () => {
  const small = Library.open(path.join(dir, 'poster-session.db'));
  try {
    await ingestPaths(small, [path.resolve(import.meta.dirname, '../../demo/poster-session.txt')]);
    const [top] = similarPapers(small, { text: 'Passages cached offline.' }, 1);
    assert.equal(top.paper.title, 'Compressing Retrieved Context with Learned Soft Summaries');
    // No paper id, not even a made-up one; and the paper's abstract says "raw text", the pasted text does not.
    assert.deepEqual(top.reasons, [{ kind: 'text', similarity: 19.526, sharedTerms: ['passages', 'cached', 'offline'] }]);
  } finally {
    small.close();
  }
});
