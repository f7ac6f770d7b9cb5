import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPERS, id, nameOf, paper } from '../fixtures/engine-papers.ts';
import { buildRelevanceModel } from '../../src/engine/model.ts';
import { indexDocuments, vectorizeDoc } from '../../src/engine/doc-index.ts';
import { scoreCandidates, sharedTerms } from '../../src/engine/score.ts';

const index = indexDocuments(buildRelevanceModel(PAPERS), PAPERS);
const allIds = PAPERS.map((p) => p.id);
/** A profile paper of the fixtures, by name. */
const entry = (name: string, weight?: number) => ({ id: id(name), weight });

/** The names of all other fixture papers, best first. */
function ranking(profile: { id: number; weight?: number }[]): string[] {
  const inProfile = new Set(profile.map((p) => p.id));
  return scoreCandidates(
    index,
    profile,
    allIds.filter((paperId) => !inProfile.has(paperId)),
  )
    .sort((a, b) => b.score - a.score)
    .map((result) => nameOf(result.id));
}

test('a tiny corpus gives a lexical-only model', () => {
  assert.equal(index.dimensions, 0);
  assert.equal(index.dense.length, 0);
});

test('a profile about graph neural networks ranks the other graph papers first, closest first', () => {
  const ranked = ranking([entry('gnn-1'), entry('gnn-2')]);
  assert.deepEqual(ranked.slice(0, 2), ['gnn-4', 'gnn-3']);
  assert.ok(ranked.slice(2).every((name) => !name.startsWith('gnn')));
});

test('a liked paper pulls papers like it up', () => {
  const before = ranking([entry('gnn-1'), entry('gnn-2')]);
  const after = ranking([entry('gnn-1'), entry('gnn-2'), entry('mt-1', 1)]);
  assert.ok(before.indexOf('mt-2') > before.indexOf('robot-1'));
  assert.deepEqual(after.slice(0, 4), ['gnn-4', 'gnn-3', 'mt-2', 'mt-3']);
});

test('a disliked paper pushes papers like it down, below unrelated ones', () => {
  const ranked = ranking([entry('gnn-1'), entry('gnn-2'), entry('robot-1', -1)]);
  assert.deepEqual(ranked.slice(-2), ['robot-2', 'robot-3']);
  const scores = scoreCandidates(index, [entry('gnn-1'), entry('robot-1', -1)], [id('robot-3')]);
  assert.ok(scores[0].score < 0);
  assert.equal(scores[0].closest.at(-1)?.entry, 1, 'the disliked paper');
  assert.ok((scores[0].closest.at(-1)?.similarity ?? 0) < 0);
});

test('reasons name the profile paper that is actually closest, and the terms they share', () => {
  const names = ['gnn-1', 'robot-1', 'mt-1'];
  const [robot, translation] = scoreCandidates(index, names.map((name) => entry(name)), [id('robot-3'), id('mt-2')]);
  assert.deepEqual([robot.id, translation.id], [id('robot-3'), id('mt-2')]);
  assert.equal(names[translation.closest[0].entry], 'mt-1');
  assert.deepEqual(robot.closest.map((c) => names[c.entry]), ['robot-1', 'mt-1', 'gnn-1']);
  const terms = sharedTerms(index, paper('robot-3'), paper('robot-1'), 3);
  assert.deepEqual(terms.map((t) => t.term), ['grasping', 'robot', 'policies']);
  assert.ok(terms[0].contribution > terms[1].contribution);
});

test('the score is the mean of the closest topK similarities', () => {
  const profile = [entry('gnn-1'), entry('gnn-2'), entry('gnn-3')];
  const full = scoreCandidates(index, profile, [id('gnn-4')], { lexicalWeight: 0.5, topK: 2 })[0];
  const sims = full.closest.map((c) => c.similarity);
  assert.equal(sims.length, 2);
  assert.ok(Math.abs(full.score - (sims[0] + sims[1]) / 2) < 1e-12);
  const all = scoreCandidates(index, profile, [id('gnn-4')], { lexicalWeight: 0.5, topK: 10 })[0];
  assert.equal(all.closest.length, 3);
  assert.ok(all.score < full.score);
});

test('a paper outside the index scores as it would inside it', () => {
  const { title, abstract } = paper('gnn-2');
  const outside = { title, abstract };
  const candidates = [id('gnn-3'), id('robot-1')];
  const inside = scoreCandidates(index, [entry('gnn-1'), entry('gnn-2')], candidates);
  const pasted = scoreCandidates(index, [entry('gnn-1'), { vector: vectorizeDoc(index, outside) }], candidates);
  assert.deepEqual(
    pasted.map((r) => r.score),
    inside.map((r) => r.score),
  );
  assert.deepEqual(
    pasted.map((r) => r.closest.map((c) => c.entry)),
    inside.map((r) => r.closest.map((c) => c.entry)),
  );
  assert.deepEqual(sharedTerms(index, paper('gnn-3'), outside), sharedTerms(index, paper('gnn-3'), paper('gnn-2')));
  // Words the index has never seen count in the pasted text's length but match nothing.
  const padded = vectorizeDoc(index, { ...outside, abstract: `${outside.abstract} zyxqua wombatic` });
  assert.ok(padded.weights.every((w, i) => w < vectorizeDoc(index, outside).weights[i]));
});

test('unknown ids are an error, not a zero score', () => {
  assert.throws(() => scoreCandidates(index, [{ id: 99 }], [id('gnn-1')]), /document 99 is not in the index/);
  assert.throws(() => scoreCandidates(index, [entry('gnn-1')], [0]), /document 0 is not in the index/);
});
