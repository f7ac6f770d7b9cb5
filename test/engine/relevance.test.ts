import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPERS, id, nameOf } from '../fixtures/engine-papers.ts';
import { buildRelevanceModel } from '../../src/engine/model.ts';
import { indexDocuments } from '../../src/engine/doc-index.ts';
import { scoreCandidates } from '../../src/engine/score.ts';

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

test('unknown ids are an error, not a zero score', () => {
  assert.throws(() => scoreCandidates(index, [{ id: 99 }], [id('gnn-1')]), /document 99 is not in the index/);
  assert.throws(() => scoreCandidates(index, [entry('gnn-1')], [0]), /document 0 is not in the index/);
});
