import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { ImportError } from '../../src/importers/importer.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const parse = (text: string) => trendingFeedImporter.parse(text, 'feed.txt');

test('feed page: chrome dropped, "Subscribe" unglued, broken lines joined, footer ignored', () => {
  const listing = parse(fixture('trending-feed.txt'));
  assert.equal(listing.format, 'trending-feed');
  assert.deepEqual(listing.meta, {});
  assert.deepEqual(listing.papers, [
    {
      title: 'Self-Rewarding Agents for Web Navigation',
      authors: [],
      abstract:
        'We train web agents that score their own trajectories with a learned judge and fine-tune on the best ones. After three rounds the agent doubles its success rate on WebArena without any human labels.',
    },
    {
      title: 'Diffusion Policies at Scale: lessons from a thousand robot hours',
      authors: [],
      abstract:
        'We scale diffusion policies to a thousand hours of teleoperated data across 12 robots and report which design choices matter, which do not, and where the returns from more data flatten out after the first two hundred hours.',
    },
    { title: 'Memory Networks', authors: [], abstract: undefined },
    {
      title: 'Tokenizer Choice Matters for Code Models',
      authors: [],
      abstract:
        'We compare byte-level and word-piece tokenizers for code completion across nine languages. Byte-level models need longer contexts but handle rare identifiers far better, and a hybrid vocabulary gets the best of both…',
    },
    { title: 'Scaling Laws for Sparse Retrieval', authors: [], abstract: undefined },
  ]);
});

test('blank lines and CRLF between the pairs change nothing', () => {
  const text = fixture('trending-feed.txt');
  assert.deepEqual(parse(text.split('\n').join(' \r\n\r\n')), parse(text));
});

test('a feed whose abstracts run over two paragraphs keeps both in one abstract', () => {
  const listing = parse(
    'Trending\nA Study of Things\nWe study things at length and find that they behave as predicted by theory.\nA second paragraph reports experiments on twelve datasets that confirm it.\nAnother Paper\nShort abstract text that still reads as a full sentence of some length.\n',
  );
  assert.deepEqual(
    listing.papers.map((paper) => [paper.title, paper.abstract?.split('\n').length]),
    [
      ['A Study of Things', 2],
      ['Another Paper', 1],
    ],
  );
});

test('text with no title/abstract pair raises ImportError at its first line', () => {
  assert.throws(
    () => parse('Get trending papers in your email inbox!\nSubscribe\nOnly A Title\nAnother Title\n'),
    (error: unknown) => error instanceof ImportError && /no title line followed by an abstract/.test(error.message) && error.location === 'line 3',
  );
  assert.throws(() => parse('Subscribe\n\n'), (error: unknown) => error instanceof ImportError && error.location === 'line 1');
});

test('detect scores feeds high and other page kinds low', () => {
  assert.ok(trendingFeedImporter.detect(fixture('trending-feed.txt'), 'feed.txt') >= 0.6);
  assert.ok(trendingFeedImporter.detect(fixture('session-compact.txt'), 'a.txt') < 0.1);
  assert.ok(trendingFeedImporter.detect(fixture('session-blank-crlf.txt'), 'a.txt') < 0.1);
  assert.ok(trendingFeedImporter.detect(fixture('abstract-list.txt'), 'a.txt') < 0.2);
});
