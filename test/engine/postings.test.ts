// The feature index's postings: whole lists for the rarer terms, the highest-impact head of a
// common one, so that a shortlist of a million papers reads no more than one of 100,000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureIndex, POSTING_HEAD } from '../../src/engine/feature-index.ts';

/** Paper i: one "alpha" among 2^i − 1 "beta"s, so alpha's share halves from paper to paper and beta's grows. */
function halvingIndex(): FeatureIndex {
  const index = new FeatureIndex(undefined);
  index.add(Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, title: '', abstract: ['alpha', ...Array(2 ** i - 1).fill('beta')].join(' ') })));
  return index;
}

function listOf(index: FeatureIndex, head: number, stem: string): { rows: number[]; counts: number[]; documents: number } {
  index.setPostingHead(head);
  const postings = index.postings();
  const term = index.termId(stem)!;
  const range = [postings.start[term], postings.start[term + 1]] as const;
  return { rows: [...postings.rows.slice(...range)], counts: [...postings.counts.slice(...range)], documents: postings.documents[term] };
}

test('a term in no more rows than the head keeps all of them, in row order', () => {
  assert.deepEqual(listOf(halvingIndex(), 5, 'alpha'), { rows: [0, 1, 2, 3, 4], counts: [1, 1, 1, 1, 1], documents: 5 });
  assert.deepEqual(listOf(halvingIndex(), 5, 'beta'), { rows: [1, 2, 3, 4], counts: [1, 3, 7, 15], documents: 4 });
});

test('a term in more rows than the head keeps the rows where it weighs most, and counts them all', () => {
  // alpha's share: 1, 1/2, 1/4, 1/8, 1/16; beta's: 0, 1/2, 3/4, 7/8, 15/16.
  assert.deepEqual(listOf(halvingIndex(), 2, 'alpha'), { rows: [0, 1], counts: [1, 1], documents: 5 });
  assert.deepEqual(listOf(halvingIndex(), 2, 'beta'), { rows: [3, 4], counts: [7, 15], documents: 4 });
  assert.deepEqual(listOf(halvingIndex(), 3, 'alpha').rows, [0, 1, 2]);
});

test('a dead row is in no list, and the postings are built again after a change', () => {
  const index = halvingIndex();
  assert.deepEqual(listOf(index, 2, 'alpha').rows, [0, 1]);
  index.remove(100);
  assert.deepEqual(index.postings().documents[index.termId('alpha')!], 4);
  assert.deepEqual(listOf(index, 2, 'alpha'), { rows: [1, 2], counts: [1, 1], documents: 4 });
});

test('the default head is POSTING_HEAD rows, cut on whole buckets of impact', () => {
  const index = new FeatureIndex(undefined);
  const texts = ['alpha', 'alpha beta', 'alpha beta gamma delta'];
  const papers = (POSTING_HEAD / 2) * 3;
  index.add(Array.from({ length: papers }, (_, i) => ({ id: i, title: '', abstract: texts[i % 3] })));
  const postings = index.postings();
  const alpha = index.termId('alpha')!;
  // The rows where alpha is all of the text or half of it: just POSTING_HEAD; those where it is a quarter are cut.
  const rows = [...postings.rows.slice(postings.start[alpha], postings.start[alpha + 1])];
  assert.equal(rows.length, POSTING_HEAD);
  assert.ok(rows.every((row) => row % 3 !== 2));
  assert.equal(postings.documents[alpha], papers);
});
