import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';
import { ImportError } from '../../src/importers/importer.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const parse = (text: string) => abstractListImporter.parse(text, 'list.txt');

test('abstract list: labels in any case and spacing, text under a bare label, chrome ignored', () => {
  const listing = parse(fixture('abstract-list.txt'));
  assert.equal(listing.format, 'abstract-list');
  assert.deepEqual(listing.papers, [
    {
      title: 'Contrastive pre-training aligns images and captions, e.g. CLIP, but ignores the order…',
      titleDerived: true,
      authors: [],
      abstract:
        'Contrastive pre-training aligns images and captions, e.g. CLIP, but ignores the order of words. We add a word-order loss and recover compositional accuracy on three benchmarks.',
    },
    {
      title: 'We study federated learning when clients drop out at random, and prove that a simple…',
      titleDerived: true,
      authors: [],
      abstract:
        'We study federated learning when clients drop out at random, and prove that a simple reweighting keeps the average update unbiased even when most clients are offline in a given round.',
    },
    {
      title: 'Graph neural networks struggle with long-range dependencies because messages fade over…',
      titleDerived: true,
      authors: [],
      abstract:
        'Graph neural networks struggle with long-range dependencies because messages fade over many hops; we add virtual nodes whose number grows with the graph diameter and show consistent gains on molecular property prediction (including the PCQM4M benchmark) at a modest cost.',
    },
    // The empty "Abstract:" label before this one holds no paper.
    { title: 'Short and sweet', titleDerived: true, authors: [], abstract: 'Short and sweet.' },
  ]);
});

test('a blank line ends an abstract; text after it is not glued on', () => {
  const listing = parse('Abstract:First paper text goes here.\n\nCited by 12\nAbstract:Second paper text goes here.\n');
  assert.deepEqual(
    listing.papers.map((paper) => paper.abstract),
    ['First paper text goes here.', 'Second paper text goes here.'],
  );
});

test('no labelled abstract raises ImportError with a line', () => {
  assert.throws(() => parse('Publications\nNothing here\n'), (error: unknown) => error instanceof ImportError && error.location === 'line 1');
  assert.throws(
    () => parse('Publications\nAbstract:\n\nAbstract:  \n'),
    (error: unknown) => error instanceof ImportError && /no text/.test(error.message) && error.location === 'line 2',
  );
});

test('detect scores abstract lists high and other page kinds near 0', () => {
  assert.ok(abstractListImporter.detect(fixture('abstract-list.txt'), 'a.txt') >= 0.7);
  for (const name of ['session-compact.txt', 'session-blank-crlf.txt', 'trending-feed.txt']) {
    assert.equal(abstractListImporter.detect(fixture(name), name), 0, name);
  }
});
