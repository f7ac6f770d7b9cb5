// parseListing (the registry) over the structured formats: the right importer is picked,
// --format overrides detection, and texts that are no listing are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../src/importers/index.ts';
import { fixture, shared } from './files.ts';
import { needsShared } from '../requirements.ts';

test('detection picks the importer for each structured format', () => {
  const cases: [string, string, number][] = [
    ['zotero-library.bib', 'bibtex', 6],
    ['mendeley-crlf.ris', 'ris', 3],
    ['arxiv-query.atom', 'arxiv-atom', 3],
    ['library-export.jsonl', 'jsonl', 3],
    ['spreadsheet.csv', 'csv', 2],
    ['testconf2021.json', 'paperlists-json', 3],
  ];
  for (const [name, format, count] of cases) {
    const listing = parseListing(fixture(name), name);
    assert.equal(listing.format, format, name);
    assert.equal(listing.papers.length, count, name);
    assert.equal(listing.fromHtml, undefined, name);
  }
});

test('detection picks the importer for real paperlists and OpenReview files', { skip: needsShared('corpora/paperlists', 'benchmarks/reviewer-expertise') }, () => {
  const iclr = parseListing(shared('corpora/paperlists/iclr/iclr2018.json'), 'iclr2018.json');
  assert.equal(iclr.format, 'paperlists-json');
  assert.equal(iclr.papers.length, 992);
  const archive = parseListing(shared('benchmarks/reviewer-expertise/d_20_1/archives/~118242121.jsonl'), '~118242121.jsonl');
  assert.equal(archive.format, 'openreview-archive');
  assert.equal(archive.papers.length, 14);
});

test('--format overrides detection, and a wrong one fails with that format\'s error', () => {
  const csvWithoutKnownHeader = 'Title,Authors,Comment\nA paper,Ann Author,x\n';
  assert.equal(parseListing(csvWithoutKnownHeader, 'list.txt', 'csv').papers[0].title, 'A paper');
  assert.equal(parseListing(fixture('library-export.jsonl'), 'export.txt', 'jsonl').format, 'jsonl');
  assert.throws(() => parseListing(fixture('zotero-library.bib'), 'refs.bib', 'ris'), {
    name: 'ImportError',
    message: 'no RIS records (TY … ER) in file',
  });
  assert.throws(() => parseListing(fixture('spreadsheet.csv'), 'spreadsheet.csv', 'paperlists-json'), {
    message: "invalid JSON: Unexpected token 'T'",
    location: 'line 1, column 1',
  });
  assert.throws(() => parseListing('Title,Author\nA,B\n', 'foreign.csv', 'csv'), {
    message: 'missing required column(s): authors (header has: Title, Author)',
    location: 'line 1',
  });
});

test('empty, binary and unknown texts are refused', () => {
  assert.throws(() => parseListing('', 'empty.bib'), { name: 'ImportError', message: 'file is empty' });
  assert.throws(() => parseListing(' \r\n\t\n', 'blank.ris'), { message: 'file is empty' });
  assert.throws(() => parseListing('\u0000\u0001\u0002PK', 'archive.zip'), { message: 'file is binary (contains NUL bytes), not a listing' });
  for (const [text, name] of [['{"foo": 1}', 'config.json'], ['[{"x": 1}]', 'data.json'], ['12345\n67890\n', 'numbers.txt']]) {
    assert.throws(() => parseListing(text, name), {
      message: 'unknown format: not a listing paperscout can read (use --format to name one)',
    }, name);
  }
});
