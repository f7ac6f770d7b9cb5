import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPERS, paper } from '../fixtures/engine-papers.ts';
import { buildRelevanceModel } from '../../src/engine/model.ts';
import { indexDocuments, vectorizeDoc } from '../../src/engine/doc-index.ts';
import { scoreCandidates, sharedTerms, type ProfileEntry } from '../../src/engine/score.ts';

const index = indexDocuments(buildRelevanceModel(PAPERS), PAPERS);
const allIds = PAPERS.map((p) => p.id);

function ranking(profile: ProfileEntry[]): string[] {
  const inProfile = new Set(profile.map((entry) => entry.id));
  return scoreCandidates(
    index,
    profile,
    allIds.filter((id) => !inProfile.has(id)),
  )
    .sort((a, b) => b.score - a.score)
    .map((result) => result.id);
}

test('a tiny corpus gives a lexical-only model', () => {
  assert.equal(index.dimensions, 0);
  assert.equal(index.dense.length, 0);
});

test('a profile about graph neural networks ranks the other graph papers first, closest first', () => {
  const ranked = ranking([{ id: 'gnn-1' }, { id: 'gnn-2' }]);
  assert.deepEqual(ranked.slice(0, 2), ['gnn-4', 'gnn-3']);
  assert.ok(ranked.slice(2).every((id) => !id.startsWith('gnn')));
});

test('a liked paper pulls papers like it up', () => {
  const before = ranking([{ id: 'gnn-1' }, { id: 'gnn-2' }]);
  const after = ranking([{ id: 'gnn-1' }, { id: 'gnn-2' }, { id: 'mt-1', weight: 1 }]);
  assert.ok(before.indexOf('mt-2') > before.indexOf('robot-1'));
  assert.deepEqual(after.slice(0, 4), ['gnn-4', 'gnn-3', 'mt-2', 'mt-3']);
});

test('a disliked paper pushes papers like it down, below unrelated ones', () => {
  const ranked = ranking([{ id: 'gnn-1' }, { id: 'gnn-2' }, { id: 'robot-1', weight: -1 }]);
  assert.deepEqual(ranked.slice(-2), ['robot-2', 'robot-3']);
  const scores = scoreCandidates(index, [{ id: 'gnn-1' }, { id: 'robot-1', weight: -1 }], ['robot-3']);
  assert.ok(scores[0].score < 0);
  assert.equal(scores[0].closest.at(-1)?.profileId, 'robot-1');
  assert.ok((scores[0].closest.at(-1)?.similarity ?? 0) < 0);
});

test('reasons name the profile paper that is actually closest, and the terms they share', () => {
  const profile = [{ id: 'gnn-1' }, { id: 'robot-1' }, { id: 'mt-1' }];
  const [robot, translation] = scoreCandidates(index, profile, ['robot-3', 'mt-2']);
  assert.equal(robot.closest[0].profileId, 'robot-1');
  assert.equal(translation.closest[0].profileId, 'mt-1');
  assert.deepEqual(robot.closest.map((c) => c.profileId), ['robot-1', 'mt-1', 'gnn-1']);
  const terms = sharedTerms(index, paper('robot-3'), paper('robot-1'), 3);
  assert.deepEqual(terms.map((t) => t.term), ['grasping', 'robot', 'policies']);
  assert.ok(terms[0].contribution > terms[1].contribution);
});

test('the score is the mean of the closest topK similarities', () => {
  const profile = [{ id: 'gnn-1' }, { id: 'gnn-2' }, { id: 'gnn-3' }];
  const full = scoreCandidates(index, profile, ['gnn-4'], { lexicalWeight: 0.5, topK: 2 })[0];
  const sims = full.closest.map((c) => c.similarity);
  assert.equal(sims.length, 2);
  assert.ok(Math.abs(full.score - (sims[0] + sims[1]) / 2) < 1e-12);
  const all = scoreCandidates(index, profile, ['gnn-4'], { lexicalWeight: 0.5, topK: 10 })[0];
  assert.equal(all.closest.length, 3);
  assert.ok(all.score < full.score);
});

test('a paper outside the index scores as it would inside it', () => {
  const outside = { ...paper('gnn-2'), id: 'pasted' };
  const inside = scoreCandidates(index, [{ id: 'gnn-1' }, { id: 'gnn-2' }], ['gnn-3', 'robot-1']);
  const pasted = scoreCandidates(index, [{ id: 'gnn-1' }, { id: 'pasted', vector: vectorizeDoc(index, outside) }], ['gnn-3', 'robot-1']);
  assert.deepEqual(
    pasted.map((r) => r.score),
    inside.map((r) => r.score),
  );
  assert.deepEqual(sharedTerms(index, paper('gnn-3'), outside), sharedTerms(index, paper('gnn-3'), paper('gnn-2')));
  // Words the index has never seen count in the pasted text's length but match nothing.
  const padded = vectorizeDoc(index, { ...outside, abstract: `${outside.abstract} zyxqua wombatic` });
  assert.ok(padded.weights.every((w, i) => w < vectorizeDoc(index, outside).weights[i]));
});

test('unknown ids are an error, not a zero score', () => {
  assert.throws(() => scoreCandidates(index, [{ id: 'nope' }], ['gnn-1']), /nope is not in the index/);
});
