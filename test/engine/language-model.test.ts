import { test } from 'node:test';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { BackgroundStatistics, buildBackground, decodeBackground, encodeBackground, stemCounts, TermCounts } from '../../src/engine/background.ts';
import { docFeatures, languageModelScore, ProfileScorer, profileTermWeights } from '../../src/engine/language-model.ts';
import { DEFAULT_COOCCURRENCE } from '../../src/engine/cooccurrence.ts';
import { syntheticCorpus, topicOf } from '../fixtures/synthetic-corpus.ts';
import type { PaperText } from '../../src/types.ts';

const doc = (id: string, title: string, abstract?: string) => ({ id, title, abstract });

test('the profile LM scores a candidate by the formula, computed by hand', () => {
  // Stems: "graph" x3 and "robot" x1 in the profile; background rates 0.01 and 0.001.
  const profile = [docFeatures(doc('p1', 'graph graph robot'), undefined), docFeatures(doc('p2', 'graph'), undefined)];
  const background = new BackgroundStatistics({ termCounts: new Map([['graph', 100], ['robot', 10]]), tokenCount: 10_000 }, [], 1);
  const weights = profileTermWeights(profile, background, 1000);
  assert.equal(weights.get('graph'), Math.log(1 + 3 / (1000 * 0.01)));
  assert.equal(weights.get('robot'), Math.log(1 + 1 / (1000 * 0.001)));
  // The candidate's 4 tokens: graph x2, robot x1, and "sampler" which the profile lacks (adds 0).
  const candidate = docFeatures(doc('c', 'graph robot graph sampler'), undefined);
  const expected = (2 * Math.log(1 + 0.3) + 1 * Math.log(2)) / 4;
  assert.ok(Math.abs(languageModelScore(weights, candidate) - expected) < 1e-15);
});

test('background statistics: the library as evidence on a Dirichlet prior of β pseudo-tokens', () => {
  const shipped = { termCounts: new Map([['graph', 50]]), tokenCount: 1000 };
  const library = new TermCounts(new Map([['graph', 1], ['robot', 9]]), 10);
  const blended = new BackgroundStatistics(shipped, [library], 100);
  assert.equal(blended.probability('graph'), (1 + 100 * 0.05) / (10 + 100));
  assert.equal(blended.probability('robot'), 9 / 110);
  // A small library leaves the prior in charge; a large one outweighs it.
  const large = new TermCounts(new Map([['graph', 1000]]), 1_000_000);
  assert.ok(Math.abs(new BackgroundStatistics(shipped, [large], 100).probability('graph') - 0.001) < 1e-5);
  assert.equal(new BackgroundStatistics(undefined, [library], 0).probability('robot'), 0.9);
});

test('a profile term the background statistics never saw is an error, not an infinite weight', () => {
  const profile = [docFeatures(doc('p', 'graph'), undefined)];
  const background = new BackgroundStatistics({ termCounts: new Map(), tokenCount: 10 }, [], 5);
  assert.throws(() => profileTermWeights(profile, background, 1000), /term graph probability 0/);
});

const corpus = syntheticCorpus(300);
const modelOptions = { minDenseDocs: 50, minTermCount: 3, cooccurrence: { ...DEFAULT_COOCCURRENCE, dimensions: 4 } };
const background = buildBackground(corpus, { minCount: 2, maxVectors: 10, referenceDocs: 30, seed: 1 }, modelOptions);

test('the background file gives back its counts exactly and its vectors within int8 rounding, the same bytes each time', () => {
  const bytes = encodeBackground(background);
  assert.deepEqual(encodeBackground(buildBackground(corpus, { minCount: 2, maxVectors: 10, referenceDocs: 30, seed: 1 }, modelOptions)), bytes);
  const decoded = decodeBackground(bytes);
  assert.deepEqual(decoded.termCounts, background.termCounts);
  assert.equal(decoded.tokenCount, stemCounts(corpus).tokenCount);
  assert.equal(decoded.dense!.termIndex.size, 10);
  assert.deepEqual(decoded.dense!.termIndex, background.dense!.termIndex);
  for (let i = 0; i < decoded.dense!.vectors.length; i++) assert.ok(Math.abs(decoded.dense!.vectors[i] - background.dense!.vectors[i]) < 0.01);
  assert.deepEqual(decoded.dense!.termWeights, background.dense!.termWeights);
  assert.deepEqual(decoded.referenceDocs.map((d) => d.title), background.referenceDocs.map((d) => d.title));
});

test('a damaged background file is refused with what is wrong', () => {
  const bytes = encodeBackground(background);
  assert.throws(() => decodeBackground(Buffer.from('nope'), 'bg.bin'), /bg\.bin: not a paperscout background model/);
  assert.throws(() => decodeBackground(bytes.subarray(0, bytes.length - 5), 'bg.bin'), /bg\.bin: cut short at byte \d+/);
});

test('v2 ranks on-topic candidates above off-topic ones, by both components', () => {
  const space = background.dense;
  const features = (docs: readonly PaperText[]) => docs.map((d) => docFeatures(d, space));
  const profile = features(corpus.filter((d) => topicOf(d.id) === 'graph').slice(0, 10));
  const reference = features(background.referenceDocs);
  const statistics = new BackgroundStatistics(background, [stemCounts(corpus)], 1e6);
  const scorer = new ProfileScorer(profile, reference, statistics, space!.dimensions);
  const onTopic = scorer.score(docFeatures(doc('c1', 'message aggregation on a subgraph', 'node edge vertex'), space));
  const offTopic = scorer.score(docFeatures(doc('c2', 'tactile gripper', 'robot arm finger grasp'), space));
  assert.ok(onTopic.lm > offTopic.lm, `lm ${onTopic.lm} > ${offTopic.lm}`);
  assert.ok(onTopic.dense > offTopic.dense, `dense ${onTopic.dense} > ${offTopic.dense}`);
  assert.equal(onTopic.score, 0.5 * onTopic.lm + 0.5 * onTopic.dense);
});

test('the shipped background model is the one built from the paperlists corpus, within 8 MiB', () => {
  const bytes = fs.readFileSync(new URL('../../models/background.bin', import.meta.url));
  assert.ok(bytes.length <= 8 * 2 ** 20, `${bytes.length} bytes`);
  // `npm run build:background` gives these bytes on every run; a change to the builder or the
  // format that changes them must be a deliberate rebuild, recorded here.
  assert.equal(createHash('sha256').update(bytes).digest('hex'), '6845d028d711f790808f6fc9484628a7093fa8a92b34ecb6c4b8b16407fbc629');
  const shipped = decodeBackground(bytes);
  assert.equal(shipped.docCount, 95562);
  assert.equal(shipped.referenceDocs.length, 300);
  assert.equal(shipped.dense?.dimensions, 256);
});
