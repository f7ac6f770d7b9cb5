import { test } from 'node:test';
import assert from 'node:assert/strict';
import { miniconfCsvImporter } from '../../src/importers/miniconf-csv.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

test('MiniConf papers.csv: `|`-separated authors, keywords and sessions, quoted abstracts, the UID kept', () => {
  const listing = miniconfCsvImporter.parse(fixture('miniconf-sitedata.csv'), 'papers.csv');
  assert.equal(listing.format, 'miniconf-csv');
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse Mixtures of Experts for Tabular Data',
      authors: ['Ana Lima', 'Bo Chen', 'Chidi Okafor'],
      abstract: 'Gradient-boosted trees still beat deep networks on most tabular benchmarks. We show that a sparse mixture of small experts closes the gap, "mostly".',
      keywords: ['tabular data', 'mixture of experts'],
      session: 'Poster Session 1, Poster Session 4',
      urls: { pdf: 'https://openreview.net/pdf?id=B1xWcj0qYm' },
      sourceId: 'B1xWcj0qYm',
    },
    {
      title: 'Behaviour Cloning',
      authors: ['Dana Ivanova', 'Eitan Cohen'],
      abstract: 'We revisit behaviour cloning for robot manipulation.',
      keywords: ['imitation learning'],
      session: 'Poster Session 2',
      sourceId: 'HkgEQnRqYQ',
    },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, line: 4, reason: 'row has no title and no abstract', placeholder: true }]);
});

test('MiniConf: other column names, arXiv links, a ragged row skipped at its line', () => {
  const text = 'id,title,authors,paper_url,code\np1,One,A B|C D,https://arxiv.org/abs/2001.01234,https://github.com/x/y\np2,Two,E F\np3,Three,G H,,\n';
  const listing = miniconfCsvImporter.parse(text, 'papers.csv');
  assert.deepEqual(listing.papers, [
    { title: 'One', authors: ['A B', 'C D'], urls: { site: 'https://arxiv.org/abs/2001.01234', github: 'https://github.com/x/y' }, ids: { arxiv: '2001.01234' }, sourceId: 'p1' },
    { title: 'Three', authors: ['G H'], sourceId: 'p3' },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 2, line: 3, reason: 'row has 3 cells where the header has 5' }]);
});

test('MiniConf errors: no title or authors column, no rows, broken quoting', () => {
  assert.throws(() => miniconfCsvImporter.parse('UID,name\n1,x\n', 'papers.csv'), { message: 'the header names no "title" and "authors" columns', location: 'line 1' });
  assert.throws(() => miniconfCsvImporter.parse('UID,title,authors\n', 'papers.csv'), { message: 'no paper rows below the header', location: 'line 2' });
  assert.throws(() => miniconfCsvImporter.parse('UID,title,authors\n1,"open,A\n', 'papers.csv'), { name: 'ImportError', message: /^invalid CSV: Quote Not Closed/ });
});

test('a MiniConf papers.csv is detected as such, not as the own CSV (which made the `|` list one author)', () => {
  const listing = parseListing(fixture('miniconf-sitedata.csv'), 'papers.csv');
  assert.equal(listing.format, 'miniconf-csv');
  assert.deepEqual(listing.papers[0].authors, ['Ana Lima', 'Bo Chen', 'Chidi Okafor']);
  assert.equal(miniconfCsvImporter.detect('title,authors\n"A","Ana Lima|Bo Chen"\n', 'x.csv'), 0.9);
  assert.equal(miniconfCsvImporter.detect(fixture('spreadsheet.csv'), 'x.csv'), 0);
});
