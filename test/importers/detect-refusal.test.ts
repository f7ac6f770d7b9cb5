// Detection refuses rather than guesses: a file no format clearly fits fails, asking for
// --format, instead of being stored as junk papers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

test('a Web of Science export and a CSL-YAML file are read as themselves, not as trending feeds', () => {
  const wos = parseListing(fixture('wos-export.txt'), 'savedrecs.txt');
  assert.equal(wos.format, 'web-of-science');
  assert.deepEqual(wos.papers[0].authors, ['Ada Lovelace', 'Grace Hopper']);
  assert.equal(wos.papers[0].title, 'Sparse widget folding for large assembly lines');
  const yaml = parseListing(fixture('csl-library.yaml'), 'library.yaml');
  assert.equal(yaml.format, 'csl-yaml');
  assert.deepEqual(yaml.papers[0].authors, ['Ada Lovelace', 'Grace Hopper']);
});

test('CSL-JSON is read as CSL, not as paperlists JSON (which left authors and year empty)', () => {
  const listing = parseListing(fixture('csl-library.json'), 'library.json');
  assert.equal(listing.format, 'csl-json');
  assert.deepEqual([listing.papers[0].authors, listing.papers[0].year], [['Ada Lovelace', 'Grace Hopper'], 2023]);
});

test("MiniConf's papers.csv (authors joined with |) is read as MiniConf's, not as our CSV", () => {
  const listing = parseListing(fixture('miniconf-papers.csv'), 'papers.csv');
  assert.equal(listing.format, 'miniconf-csv');
  assert.deepEqual(listing.papers[0].authors, ['Ada Lovelace', 'Grace Hopper']);
  // Our own CSV with a | inside a name is still ours.
  const ours = parseListing('title,authors\nA,Ada Lovelace; Grace Hopper\nB,Alan | Turing; Alonzo Church\nC,Solo Author\n', 'papers.csv');
  assert.equal(ours.format, 'csv');
  assert.deepEqual(ours.papers[1].authors, ['Alan | Turing', 'Alonzo Church']);
});

test('two formats scoring alike fail with both named', () => {
  const text = 'TY  - JOUR\nTI  - A Title\nER  - \n@article{x, title={Y}}\n';
  assert.throws(() => parseListing(text, 'refs.bib'), { name: 'ImportError', message: 'looks like ris or bibtex; use --format to say which' });
  assert.equal(parseListing(text, 'refs.bib', 'ris').papers[0].title, 'A Title');
});

test('a text that looks only a little like a format fails instead of being read as one', () => {
  const notes = [
    'Notes from the meeting',
    'We talked about widgets and the way they fold when most joints are stiff, and about the plan for next year in some detail.',
    'Lunch', 'Coffee', 'Bus', 'Train', 'Hotel', 'Dinner',
  ].join('\n');
  assert.throws(() => parseListing(notes, 'notes.txt'), {
    name: 'ImportError',
    message: 'not clearly a listing: it looks a little like trending-feed, too little to read it as one; use --format if it is',
  });
});
