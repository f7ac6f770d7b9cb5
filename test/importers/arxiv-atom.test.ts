import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arxivAtomImporter } from '../../src/importers/arxiv-atom.ts';
import { fixture } from './files.ts';

test('arXiv API feed: every entry with ids, links, categories and folded whitespace', () => {
  const listing = arxivAtomImporter.parse(fixture('arxiv-query.atom'), 'query.atom');
  assert.equal(listing.format, 'arxiv-atom');
  assert.equal(listing.papers.length, 3);
  assert.deepEqual(listing.papers[0], {
    title: 'Sparse Experts at Scale: Routing & Load Balancing in Mixture-of-Experts Models',
    authors: ['Kim Lee', 'Min Park'],
    abstract: 'We study sparse mixture-of-experts models with $k$ experts per token. Routing matters <a lot> at scale.',
    year: 2024,
    keywords: ['cs.LG', 'cs.CL'],
    urls: { site: 'http://arxiv.org/abs/2401.05566v2', pdf: 'http://arxiv.org/pdf/2401.05566v2' },
    venue: 'arXiv',
    ids: { arxiv: '2401.05566', doi: '10.1234/example.5566' },
    sourceId: 'http://arxiv.org/abs/2401.05566v2',
  });
  const [, legacy, unicode] = listing.papers;
  assert.equal(legacy.title, '1999', 'a numeric title stays a string');
  assert.deepEqual(legacy.authors, ['Solo Author']);
  assert.deepEqual(legacy.ids, { arxiv: 'hep-th/9901001' });
  assert.equal(legacy.year, 1999);
  assert.deepEqual(unicode.authors, ['Zoë Ökonom', 'Hans Müller', 'Ana García']);
});

test('a feed without entries, an API error feed and broken XML are errors', () => {
  assert.throws(() => arxivAtomImporter.parse(fixture('arxiv-no-results.atom'), 'none.atom'), {
    name: 'ImportError',
    message: 'Atom feed has no entries (the query matched no papers)',
  });
  assert.throws(() => arxivAtomImporter.parse(fixture('arxiv-api-error.atom'), 'error.atom'), {
    message: 'arXiv API error: incorrect id format for 1234.12345',
  });
  const feed = fixture('arxiv-query.atom');
  assert.throws(() => arxivAtomImporter.parse(feed.slice(0, 1500), 'cut.atom'), {
    message: 'truncated XML: the file ends inside <feed>, <entry>, <link>',
    location: 'line 27, column 22',
  });
  assert.throws(() => arxivAtomImporter.parse(feed.replace('</summary>', ''), 'bad.atom'), {
    message: "invalid XML: Expected closing tag 'summary' (opened in line 16, col 5) instead of closing tag 'entry'.",
    location: 'line 34, column 3',
  });
  assert.throws(() => arxivAtomImporter.parse('<?xml version="1.0"?><rss><channel/></rss>', 'x.xml'), {
    message: 'not an Atom feed (no <feed> element)',
  });
});
