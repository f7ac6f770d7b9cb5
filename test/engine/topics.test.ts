import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPERS, id, nameOf } from '../fixtures/engine-papers.ts';
import { backgroundWithEvidence, loadBackground } from '../../src/engine/background.ts';
import { FeatureIndex } from '../../src/engine/feature-index.ts';
import { docFeatures } from '../../src/engine/language-model.ts';
import { closestGroup, groupByLinkage, pairScores, topicKeywords } from '../../src/engine/topics.ts';
import { TopicRanker } from '../../src/engine/topic-ranking.ts';

const background = loadBackground();
const reference = background.referenceDocs.map((doc) => docFeatures(doc, background.dense));
const index = new FeatureIndex(background.dense);
index.add(PAPERS);
const statistics = backgroundWithEvidence(background, [index]);
const features = (name: string) => index.features(index.rowOf(id(name))!);

test('average linkage merges while the closest groups are at least the link apart, and not below it', () => {
  // Papers 0 and 1 are close (5), 2 is close to both (3 and 2), 3 is far from all.
  const n = 4;
  const scores = new Float64Array(n * n);
  const set = (a: number, b: number, value: number) => ((scores[a * n + b] = value), (scores[b * n + a] = value));
  set(0, 1, 5);
  set(0, 2, 3);
  set(1, 2, 2);
  set(0, 3, 0.5);
  set(1, 3, 0.2);
  set(2, 3, 0.1);
  assert.deepEqual(groupByLinkage(scores, n, 2), [[0, 1, 2], [3]]);
  // {0,1} to 2 is (3 + 2) / 2 = 2.5: below a link of 3 it stays apart.
  assert.deepEqual(groupByLinkage(scores, n, 3), [[0, 1], [2], [3]]);
  assert.deepEqual(groupByLinkage(scores, n, -Infinity, undefined, 2), [[0, 1, 2], [3]]);
  assert.equal(closestGroup(scores, n, 3, [[0, 1, 2]]), undefined);
  assert.equal(closestGroup(scores, n, 2, [[0, 1], [3]]), 0);
});

test('the fixture papers of each subject make one topic each, named by its subject words', () => {
  const names = ['gnn-1', 'gnn-2', 'robot-1', 'robot-2', 'mt-1', 'mt-2'];
  const papers = names.map(features);
  const groups = groupByLinkage(pairScores(papers, reference, statistics, index.dimensions), papers.length);
  assert.deepEqual(groups.map((group) => group.map((i) => names[i])), [['gnn-1', 'gnn-2'], ['robot-1', 'robot-2'], ['mt-1', 'mt-2']]);
  // Stems both papers use, weighed by how rare they are in the background and how often the topic says them.
  assert.deepEqual(topicKeywords([features('gnn-1'), features('gnn-2')], statistics, 1000, 3), ['messag', 'graph', 'pass']);
});

test('a topic of one paper gets its share of the mixed list: slots go in proportion to topic size', () => {
  const topics = [['gnn-1', 'gnn-2', 'gnn-3'], ['robot-1']].map((topic) => ({ papers: topic.map(features), rated: [] }));
  const ranker = new TopicRanker(index, statistics, reference, topics);
  const skip = new Set(['gnn-1', 'gnn-2', 'gnn-3', 'robot-1'].map(id));
  const rows = index.liveRows().filter((row) => !skip.has(index.ids[row]));
  const { mixed } = ranker.rank(rows, 4);
  // Sainte-Laguë on sizes 3 and 1: 3 against 1, then 1 against 1 (a tie goes to the larger topic),
  // then 0.6 against 1, then 0.6 against 0.33.
  assert.deepEqual(mixed.map((row) => row.topic), [0, 0, 1, 0]);
  assert.equal(nameOf(mixed[0].id), 'gnn-4');
  assert.ok(nameOf(mixed[2].id).startsWith('robot-'));
  assert.equal(new Set(mixed.map((row) => row.id)).size, 4);
  const { lanes } = ranker.rank(rows, 2);
  assert.deepEqual(lanes.map((lane) => lane.length), [2, 2]);
  assert.ok(lanes[1].every((row) => nameOf(row.id).startsWith('robot-')));
});
