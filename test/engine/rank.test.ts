import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRelevanceModel } from '../../src/engine/model.ts';
import { DEFAULT_COOCCURRENCE } from '../../src/engine/cooccurrence.ts';
import { indexDocuments } from '../../src/engine/doc-index.ts';
import { scoreCandidates } from '../../src/engine/score.ts';
import { rankCandidates } from '../../src/engine/rank.ts';
import { syntheticCorpus, topicOf } from '../fixtures/synthetic-corpus.ts';

// More documents than rankCandidates scores exactly, so the shortlist is in play.
const corpus = syntheticCorpus(4500);
const model = buildRelevanceModel(corpus, { minDenseDocs: 100, minTermCount: 3, cooccurrence: { ...DEFAULT_COOCCURRENCE, dimensions: 4 } });
const index = indexDocuments(model, corpus);
const profile = [{ id: corpus[0].id }, { id: corpus[3].id }, { id: corpus[1].id, weight: -1 }];

function exactTop(limit: number, candidates = corpus.map((d) => d.id), of = index) {
  const inProfile = new Set(profile.map((p) => p.id));
  return scoreCandidates(of, profile, candidates.filter((id) => !inProfile.has(id)))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}

test('over a shortlist, the best candidates and their scores are the exact ones', () => {
  const ranked = rankCandidates(index, profile, { limit: 10 });
  assert.equal(ranked.length, 10);
  assert.deepEqual(ranked, exactTop(10));
  assert.ok(ranked.every((r) => topicOf(r.id) === topicOf(corpus[0].id)));
});

test('candidates and exclusions restrict the ranking; profile papers are never ranked', () => {
  const candidates = corpus.slice(0, 40).map((d) => d.id);
  const exclude = new Set([corpus[6].id]);
  const ranked = rankCandidates(index, profile, { limit: 100, candidates, exclude });
  assert.equal(ranked.length, 40 - 3 - 1);
  assert.ok(!ranked.some((r) => r.id === corpus[6].id || profile.some((p) => p.id === r.id)));
  assert.deepEqual(ranked, exactTop(100, candidates.filter((id) => !exclude.has(id))));
});

test('a candidate set larger than the shortlist, over a lexical-only index, still gets the exact best', () => {
  const lexicalOnly = indexDocuments(buildRelevanceModel(corpus, { minDenseDocs: corpus.length + 1 }), corpus);
  assert.equal(lexicalOnly.dimensions, 0);
  const candidates = corpus.filter((_, i) => i % 3 !== 2).map((d) => d.id);
  const exclude = new Set([candidates[10]]);
  const ranked = rankCandidates(lexicalOnly, profile, { limit: 15, candidates, exclude });
  assert.deepEqual(ranked, exactTop(15, candidates.filter((id) => !exclude.has(id)), lexicalOnly));
});
