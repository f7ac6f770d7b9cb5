import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDoc } from '../../src/types.ts';
import { buildRelevanceModel, type ModelOptions } from '../../src/engine/model.ts';
import { deserializeModel, serializeModel } from '../../src/engine/model-codec.ts';
import { indexDocuments } from '../../src/engine/doc-index.ts';
import { scoreCandidates } from '../../src/engine/score.ts';
import { truncatedSvd, type CsrMatrix } from '../../src/engine/linalg.ts';
import { syntheticCorpus } from '../fixtures/synthetic-corpus.ts';
import { DEFAULT_COOCCURRENCE } from '../../src/engine/cooccurrence.ts';

// Four dimensions hold the three topics and the common words; more would be noise, weighted
// alike since eigenWeight is 0.
const OPTIONS: Partial<ModelOptions> = { minDenseDocs: 50, minTermCount: 3, cooccurrence: { ...DEFAULT_COOCCURRENCE, dimensions: 4 } };
const corpus = syntheticCorpus(300);
const model = buildRelevanceModel(corpus, OPTIONS);

function termSimilarity(a: string, b: string): number {
  const space = model.dense!;
  const [i, j] = [space.termIndex.get(a)!, space.termIndex.get(b)!];
  let sum = 0;
  for (let k = 0; k < space.dimensions; k++) sum += space.vectors[i * space.dimensions + k] * space.vectors[j * space.dimensions + k];
  return sum;
}

test('term vectors learned from co-occurrence put related terms closer than unrelated ones', () => {
  assert.ok(model.dense, 'a corpus above minDenseDocs gets term vectors');
  assert.equal(model.dense.dimensions, 4);
  for (const [word, related, unrelated] of [
    ['node', 'edg', 'gripper'],
    ['robot', 'grasp', 'posterior'],
    ['sampler', 'markov', 'subgraph'],
  ]) {
    assert.ok(termSimilarity(word, related) > termSimilarity(word, unrelated) + 0.3, `${word}: ${related} vs ${unrelated}`);
  }
});

test('below minDenseDocs the model is lexical only', () => {
  assert.equal(buildRelevanceModel(corpus.slice(0, 49), OPTIONS).dense, undefined);
});

test('with dense vectors, a profile ranks its topic first even without shared words', () => {
  const profile: TextDoc[] = [{ id: 1, title: 'node edge', abstract: 'graph node edge' }];
  const candidates: TextDoc[] = [
    { id: 2, title: 'subgraph vertex', abstract: 'neighbour aggregation message' },
    { id: 3, title: 'gripper finger', abstract: 'tactile actuator arm' },
  ];
  const index = indexDocuments(model, [...profile, ...candidates]);
  const [near, far] = scoreCandidates(index, [{ id: 1 }], [2, 3]);
  assert.ok(near.score > far.score);
});

test('serialize -> deserialize gives the same model and identical scores', () => {
  const copy = deserializeModel(serializeModel(model));
  assert.deepEqual(copy.options, model.options);
  assert.equal(copy.lexicon.docCount, model.lexicon.docCount);
  assert.deepEqual([...copy.lexicon.docFrequency], [...model.lexicon.docFrequency]);
  assert.deepEqual(copy.dense?.vectors, model.dense?.vectors);
  const docs = corpus.slice(0, 30);
  const profile = docs.slice(0, 5).map((d) => ({ id: d.id }));
  const candidates = docs.slice(5).map((d) => d.id);
  assert.deepEqual(scoreCandidates(indexDocuments(copy, docs), profile, candidates), scoreCandidates(indexDocuments(model, docs), profile, candidates));
});

test('a Buffer that is not a model is rejected', () => {
  assert.throws(() => deserializeModel(Buffer.from('hello world')), /not a paperscout relevance model/);
});

test('truncated SVD finds the singular values and vectors of a low-rank matrix', () => {
  // A = 10 u1 v1ᵀ + 3 u2 v2ᵀ with orthonormal u's and v's (coordinate vectors, shuffled).
  const rows = 60;
  const cols = 40;
  const entries: [number, number, number][] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const u1 = i < 30 ? 1 / Math.sqrt(30) : 0;
      const u2 = i >= 30 ? 1 / Math.sqrt(30) : 0;
      const v1 = j % 2 === 0 ? 1 / Math.sqrt(20) : 0;
      const v2 = j % 2 === 1 ? 1 / Math.sqrt(20) : 0;
      const value = 10 * u1 * v1 + 3 * u2 * v2;
      if (value !== 0) entries.push([i, j, value]);
    }
  }
  const rowStart = new Uint32Array(rows + 1);
  for (const [i] of entries) rowStart[i + 1]++;
  for (let i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
  const matrix: CsrMatrix = {
    rows,
    cols,
    rowStart,
    colIndex: Uint32Array.from(entries, (e) => e[1]),
    values: Float32Array.from(entries, (e) => e[2]),
  };
  const { u, singularValues } = truncatedSvd(matrix, { rank: 2, seed: 3 });
  assert.ok(Math.abs(singularValues[0] - 10) < 1e-4);
  assert.ok(Math.abs(singularValues[1] - 3) < 1e-4);
  // The first left singular vector is (up to sign) 1/sqrt(30) on the first 30 rows.
  const first = Array.from({ length: rows }, (_, i) => Math.abs(u.data[i * 2]));
  assert.ok(first.slice(0, 30).every((x) => Math.abs(x - 1 / Math.sqrt(30)) < 1e-4));
  assert.ok(first.slice(30).every((x) => x < 1e-4));
});
