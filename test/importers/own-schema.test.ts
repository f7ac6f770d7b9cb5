import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonlImporter } from '../../src/importers/jsonl.ts';
import { csvImporter } from '../../src/importers/csv.ts';
import { fixture } from './files.ts';

test('JSON Lines: records with nulls, omitted fields, blank lines and unknown fields', () => {
  const listing = jsonlImporter.parse(fixture('library-export.jsonl'), 'library-export.jsonl');
  assert.equal(listing.format, 'jsonl');
  assert.deepEqual(listing.papers, [
    {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      year: 2017,
      abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
      venue: 'NIPS',
      track: 'main',
      status: 'Poster',
      keywords: ['attention', 'transformers'],
      urls: { site: 'https://papers.nips.cc/paper/7181', pdf: 'https://arxiv.org/pdf/1706.03762.pdf' },
      ids: { arxiv: '1706.03762' },
    },
    {
      title: 'Pretrained large language models (LLMs) are general purpose problem solvers…',
      titleDerived: true,
      authors: [],
      abstract: 'Pretrained large language models (LLMs) are general purpose problem solvers applicable to a diverse set of tasks with prompts.',
    },
    {
      title: 'Über die Schätzung von α-Divergenzen',
      authors: ['Jörg Müller', 'María García'],
      year: 2021,
      ids: { doi: '10.5555/abc.2021.001', openreview: 'AbCdEf123' },
    },
  ]);
});

test('JSON Lines: an invalid, truncated or wrongly shaped line is skipped; a file of them fails', () => {
  const good = '{"title": "A", "authors": []}';
  const listing = jsonlImporter.parse(`${good}\n${good}\n{"title": "B", "authors": [}\n\n["A", []]\n${good}\n{"title": "Cut`, 'x.jsonl');
  assert.equal(listing.papers.length, 3);
  assert.deepEqual(listing.skipped, [
    { entry: 3, line: 3, reason: "invalid JSON: Unexpected token '}'" },
    { entry: 4, line: 5, reason: 'expected a paper record (a JSON object), found ["A",[]]' },
    { entry: 6, line: 7, reason: 'truncated JSON (input ends inside a value)' },
  ]);
  assert.throws(() => jsonlImporter.parse(`${good}\n{"title": "B", "authors": [}\n{"title": "Cut`, 'x.jsonl'), {
    name: 'ImportError',
    message: "invalid JSON: Unexpected token '}' (1 more of the 3 entries cannot become papers either)",
    location: 'line 2, column 28',
  });
  assert.throws(() => jsonlImporter.parse('{"title": "A", "authors": "Ann Author"}', 'x.jsonl'), {
    message: 'field "authors" must be an array of strings, found "Ann Author"',
    location: 'line 1',
  });
  assert.throws(() => jsonlImporter.parse('{"title": "A"}', 'x.jsonl'), { message: 'record has no "authors" (use [] for none)' });
  assert.throws(() => jsonlImporter.parse('{"authors": []}', 'x.jsonl'), { message: 'record has no "title" and no abstract', location: 'entry 1, line 1' });
  assert.throws(() => jsonlImporter.parse('{"title": "A", "authors": [], "year": "2020"}', 'x.jsonl'), {
    message: 'field "year" must be a whole number or null, found "2020"',
  });
  assert.throws(() => jsonlImporter.parse('{"title": "A", "authors": [], "urls": ["x"]}', 'x.jsonl'), {
    message: 'field "urls" must be an object, found ["x"]',
  });
  assert.throws(() => jsonlImporter.parse('\n\n', 'x.jsonl'), { message: 'no paper records in file' });
});

test('CSV from a spreadsheet: CRLF, any column order and case, quoted commas and line breaks, unknown columns', () => {
  const listing = csvImporter.parse(fixture('spreadsheet.csv'), 'spreadsheet.csv');
  assert.equal(listing.format, 'csv');
  assert.deepEqual(listing.papers, [
    {
      title: 'Robust Learning, Revisited',
      authors: ['John Smith Jr.', 'Jane Doe'],
      year: 2020,
      abstract: 'First line of the abstract.\r\nSecond line, with "quotes".',
      venue: 'ICML',
      keywords: ['noise', 'robustness'],
      ids: { doi: '10.1000/xyz' },
    },
    { title: 'A Paper With Only A Title', authors: [] },
  ]);
});

test('CSV errors: missing required columns, bad quotes, bad cells, no rows; a ragged row is skipped', () => {
  assert.throws(() => csvImporter.parse('title,venue\nA,ICML\n', 'x.csv'), {
    name: 'ImportError',
    message: 'missing required column(s): authors (header has: title, venue)',
    location: 'line 1',
  });
  assert.deepEqual(csvImporter.parse('title,authors,year\nA,B,2020\n"Multi\nline",C,2021\nD,E\n', 'x.csv').skipped, [
    { entry: 3, line: 5, reason: 'row has 2 cells where the header has 3' },
  ]);
  assert.throws(() => csvImporter.parse('title,authors\n"Unclosed,B\n', 'x.csv'), {
    message: /^invalid CSV: Quote Not Closed/,
    location: 'line 2',
  });
  assert.throws(() => csvImporter.parse('title,authors,year\nA,B,soon\n', 'x.csv'), {
    message: 'field "year" must be a whole number or null, found "soon"',
    location: 'line 2',
  });
  assert.throws(() => csvImporter.parse('title,authors,titleDerived\nA,B,maybe\n', 'x.csv'), {
    message: 'field "titleDerived" must be true or false, found "maybe"',
  });
  assert.throws(() => csvImporter.parse('title,authors\n,B\n', 'x.csv'), { message: 'record has no "title" and no abstract', location: 'entry 1, line 2' });
  assert.throws(() => csvImporter.parse('title,authors\n', 'x.csv'), { message: 'no paper rows below the header', location: 'line 2' });
});
