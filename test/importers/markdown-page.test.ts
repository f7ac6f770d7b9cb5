import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownPageImporter } from '../../src/importers/markdown-page.ts';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

const session = { venue: 'ICML', year: 2025, session: 'Spotlight Poster Session 2' };

test('a session page captured as Markdown: reference links resolved, wrapped abstracts joined, header metadata, chrome left out', () => {
  const listing = markdownPageImporter.parse(fixture('session-capture.md'), 'session.md');
  assert.equal(listing.format, 'markdown-page');
  assert.deepEqual(listing.meta, { ...session, room: 'West Exhibition Hall B2-B3' });
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse Mixtures of Experts for Tabular Data',
      authors: ['Ana Lima', 'Bo Chen', 'Chidi Okafor'],
      abstract:
        'Gradient-boosted trees still beat deep networks on most tabular benchmarks. We show that a sparse mixture of small experts, routed by a learned gate over feature groups, closes the gap on 31 of 40 data-sets while training in minutes.\n' +
        'Code is available at the project page; we release all 40 benchmark splits with the paper.',
      ...session,
    },
    {
      title: 'Behaviour Cloning',
      authors: ['Dana Ivanova'],
      abstract: 'We revisit behaviour cloning for robot manipulation and weight each demonstration by Q-value estimates from a critic trained offline.',
      ...session,
      urls: { site: 'https://icml.cc/virtual/2025/poster/44002' },
    },
    {
      title: 'Q_Learning with *Stars* & Escapes',
      authors: ['Eitan Cohen', 'Zoë Ødegård'],
      abstract: 'A title with Markdown escapes and an entity; its abstract is one wrapped paragraph that says what the paper does in more than eight words.',
      ...session,
      urls: { site: 'https://icml.cc/virtual/2025/poster/44003' },
    },
  ]);
});

test('a trending page captured as Markdown: author counts are no authors, relative links resolved against "URL Source", arXiv ids from the links', () => {
  const listing = markdownPageImporter.parse(fixture('trending-capture.md'), 'trending.md');
  assert.deepEqual(listing.meta, {});
  assert.deepEqual(listing.papers, [
    {
      title: 'Self-Rewarding Agents for Web Navigation',
      authors: [],
      abstract: 'We train web agents that score their own trajectories with a learned judge and fine-tune on the best ones. After three rounds the agent doubles its success rate on WebArena without any human labels.',
      urls: { site: 'https://huggingface.co/papers/2501.01234' },
      ids: { arxiv: '2501.01234' },
    },
    {
      title: 'Diffusion Policies at Scale: Lessons from a Thousand Robot Hours',
      authors: [],
      abstract: 'We scale diffusion policies to a thousand hours of teleoperated data across 12 robots and report which design choices matter.',
      urls: { site: 'https://huggingface.co/papers/2501.05678' },
      ids: { arxiv: '2501.05678' },
    },
    {
      title: 'Tokenizer Choice Matters for Code Models',
      authors: [],
      abstract: 'We compare byte-level and word-piece tokenizers for code completion across nine languages.',
      urls: { site: 'https://arxiv.org/abs/2501.09999v2' },
      ids: { arxiv: '2501.09999' },
    },
  ]);
});

test('Markdown: papers are the linked headings of the level that has abstracts; comma-separated names; unsafe links dropped', () => {
  const text = [
    '## [Back to all sessions](/sessions)', '',
    '### [First Paper](javascript:alert(1))', '', 'Ana Lima, Bo Chen and Chidi Okafor', '',
    'We study the first problem in enough words to read as an abstract.', '',
    '### [Second Paper Without Abstract](https://x.org/2)', '',
    '#### Related', '',
    '### [Third Paper](https://x.org/3)', '', 'We study the third problem in enough words to read as an abstract.',
  ].join('\n');
  const listing = markdownPageImporter.parse(text, 'x.md');
  assert.deepEqual(listing.papers, [
    { title: 'First Paper', authors: ['Ana Lima', 'Bo Chen', 'Chidi Okafor'], abstract: 'We study the first problem in enough words to read as an abstract.' },
    { title: 'Second Paper Without Abstract', authors: [], urls: { site: 'https://x.org/2' } },
    { title: 'Third Paper', authors: [], abstract: 'We study the third problem in enough words to read as an abstract.', urls: { site: 'https://x.org/3' } },
  ]);
});

test('Markdown without linked paper headings fails, naming the line', () => {
  assert.throws(() => markdownPageImporter.parse('# Notes\n\n## [Our Group](/group)\n\n- a list\n', 'x.md'), {
    message: 'no heading with a linked title (`## [Title](url)`) above an author line or an abstract',
    location: 'line 3',
  });
  assert.throws(() => markdownPageImporter.parse('# Notes\n\nJust prose.\n', 'x.md'), { location: undefined });
});

test('detection: the captures are Markdown pages, which the page importers left unrecognised; a changelog or README is not', () => {
  for (const name of ['session-capture.md', 'trending-capture.md']) {
    assert.equal(markdownPageImporter.detect(fixture(name), name), 0.95);
    assert.equal(parseListing(fixture(name), name).format, 'markdown-page');
  }
  const changelog = '# Changelog\n\n## [1.2.0](https://x.org/compare/v1.1.0...v1.2.0) (2024-01-01)\n\n### Bug Fixes\n\n* fix the parser that was broken when reading very long lines of input ([#12](https://x.org/12))\n\n## [1.1.0](https://x.org/compare) (2023-12-01)\n\n* add an option to read files from standard input when no path is given\n';
  assert.equal(markdownPageImporter.detect(changelog, 'CHANGELOG.md'), 0);
  const readme = '# paperscout\n\nA local-first library for research papers, with a command line and a web app for reading lists.\n\n## Install\n\nRun npm install in the checkout.\n';
  assert.equal(markdownPageImporter.detect(readme, 'README.md'), 0);
  assert.equal(markdownPageImporter.detect(fixture('../pages/session-compact.txt'), 'session.txt'), 0);
  assert.equal(sessionPageImporter.detect(fixture('session-capture.md'), 'session.md') < 0.9, true);
  assert.equal(trendingFeedImporter.detect(fixture('trending-capture.md'), 'trending.md') < 0.9, true);
});
