import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docFields, termCounts, surfaceOf, writtenForms, tokenize } from '../../src/engine/text.ts';

const stems = (text: string) => tokenize(text).map((segment) => segment.map((token) => token.stem));

test('stop words and scientific boilerplate break segments and are dropped', () => {
  assert.deepEqual(stems('We propose a novel approach for graph clustering that outperforms the state-of-the-art methods.'), [
    ['graph', 'cluster'],
  ]);
});

test('LaTeX: commands go, their arguments and inline math letters stay', () => {
  assert.deepEqual(stems('$k$-means with \\emph{sparse} coding and $\\epsilon$-greedy exploration'), [
    ['kmean', 'mean'],
    ['spars', 'code'],
    ['greedi', 'explor'],
  ]);
});

test('hyphens: known prefixes and single letters join, other compounds split', () => {
  assert.deepEqual(stems('pre-trained non-convex multi-agent t-SNE self-supervised'), [
    ['pretrain', 'train', 'nonconvex', 'convex', 'multiag', 'agent', 'tsne', 'sne', 'self', 'supervis'],
  ]);
  assert.deepEqual(stems('pretrained nonconvex'), [['pretrain', 'nonconvex']]);
});

test('numbers, single letters, URLs, HTML entities and possessives', () => {
  assert.deepEqual(stems("ResNet 50 model's layers: see https://github.com/x/y &amp; 3D scenes"), [
    ['resnet'],
    ['model', 'layer'],
    ['see'],
    ['3d', 'scene'],
  ]);
});

test('accents are folded and Unicode letters are words', () => {
  assert.deepEqual(stems('Naïve Bayes für Übersetzung'), [['naiv', 'bay', 'fur', 'ubersetzung']]);
});

test('acronyms stem like words, and are shown as written', () => {
  const fields = docFields({ title: 'GANs and LSTMs', abstract: 'Training GANs. Generative adversarial networks' });
  const counts = termCounts(fields, true);
  assert.equal(counts.get('gan'), 2);
  assert.equal(counts.get('lstm'), 1);
  const forms = writtenForms(fields);
  assert.equal(surfaceOf('gan', forms), 'GANs');
  assert.equal(surfaceOf('lstm', forms), 'LSTMs');
  assert.equal(surfaceOf('adversari network', forms), 'adversarial networks');
});

test('phrases are adjacent words within one segment and one field', () => {
  const fields = docFields({ title: 'Graph neural networks', abstract: 'Graph neural methods for networks. Graph' });
  const counts = termCounts(fields, true);
  assert.deepEqual(Object.fromEntries(counts), {
    graph: 3,
    neural: 2,
    network: 2,
    'graph neural': 2,
    'neural network': 1,
  });
  assert.deepEqual(Object.fromEntries(termCounts(fields, false)), { graph: 3, neural: 2, network: 2 });
});

test('keywords are fields of their own; empty fields are left out', () => {
  const fields = docFields({ title: 'Sparse coding', keywords: ['dictionary learning', 'the'] });
  assert.equal(fields.length, 2);
  assert.deepEqual(fields[1].segments.map((s) => s.map((t) => t.stem)), [['dictionari', 'learn']]);
});
