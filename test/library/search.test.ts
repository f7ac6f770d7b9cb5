// Search paths the library integration tests do not reach: counting only full pages, ranked ids
// alone, prefix highlighting over a page's rowid range, and filters applied to FTS matches.
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { ImportedPaper } from '../../src/types.ts';
import { Library } from '../../src/library/library.ts';
import type { Segment } from '../../src/types.ts';

const marked = (word: string) => `<${word}>`;
const withMarks = (runs: readonly Segment[]) => runs.map((run) => (run.match ? marked(run.text) : run.text)).join('');
// Distinct made-up words keep titles apart, so de-duplication never merges two of these papers.
const tag = (i: number) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;

let library: Library;

before(() => {
  library = Library.open(':memory:');
  const paper = (i: number, venue: string): ImportedPaper => ({
    title: `Spectral ${tag(i)} methods for ${i % 2 === 0 ? 'graphs' : 'meshes'}`,
    authors: [`Author ${tag(i)}`],
    abstract: `We study ${tag(i)} operators. Transformers and transfer learning appear in ${i % 3 === 0 ? 'this' : 'that'} abstract.`,
    venue,
    year: 2020 + (i % 2),
  });
  library.addListing({ parsed: { format: 'jsonl', meta: {}, papers: Array.from({ length: 30 }, (_, i) => paper(i, i < 20 ? 'ICLR' : 'NeurIPS')) }, fileName: 'a.jsonl', text: 'a' });
  library.addListing({
    parsed: {
      format: 'jsonl',
      meta: {},
      papers: [{ title: 'Transformers everywhere', authors: ['Ada Byron'], abstract: 'Nothing spectral here.', venue: 'ICML', year: 2021 }],
    },
    fileName: 'b.jsonl',
    text: 'b',
  });
});
after(() => library.close());

test('the total is exact whether the page is short, full, or past the end', () => {
  assert.equal(library.search('spectral', {}, { limit: 40 }).total, 31);
  const full = library.search('spectral', {}, { limit: 10 });
  assert.equal(full.hits.length, 10);
  assert.equal(full.total, 31);
  const last = library.search('spectral', {}, { limit: 10, offset: 30 });
  assert.deepEqual([last.hits.length, last.total], [1, 31]);
  const beyond = library.search('spectral', {}, { limit: 10, offset: 40 });
  assert.deepEqual([beyond.hits.length, beyond.total], [0, 31]);
  // Pages deeper than a remembered ranking are ranked on their own, past the end too.
  const long = library.search('spectral', {}, { limit: 250 });
  assert.deepEqual([long.hits.length, long.total], [31, 31]);
  const deep = library.search('spectral', {}, { limit: 10, offset: 300 });
  assert.deepEqual([deep.hits.length, deep.total], [0, 31]);
});

test('ranked ids are the ids of the hits, page by page, ties broken by id', () => {
  const all = library.searchIds('graphs', {}, { limit: 100 });
  assert.equal(all.length, 15);
  // Fifteen papers with the same title shape score alike; equal scores come out in id order.
  assert.deepEqual(all, [...all].sort((a, b) => a - b));
  for (const offset of [0, 10]) {
    const page = library.search('graphs', {}, { limit: 10, offset });
    assert.deepEqual(page.hits.map((hit) => hit.paper.id), all.slice(offset, offset + 10));
  }
  assert.deepEqual(library.searchIds('"*"'), []);
});

test('prefix queries mark every matching word of the page in titles and snippets', () => {
  const result = library.search('transf*', {}, { limit: 5 });
  assert.equal(result.total, 31);
  // The title match ranks first: title words weigh most.
  assert.deepEqual(result.hits[0].title, [{ text: 'Transformers', match: true }, { text: ' everywhere', match: false }]);
  for (const hit of result.hits.slice(1)) {
    assert.match(withMarks(hit.snippet), new RegExp(`${marked('Transformers')} and ${marked('transfer')} learning`));
  }
});

test('filters narrow the matches and the total', () => {
  const iclr = library.search('spectral', { venue: 'iclr' }, { limit: 5 });
  assert.equal(iclr.total, 20);
  assert.ok(iclr.hits.every((hit) => hit.paper.venue === 'ICLR'));
  assert.equal(library.search('spectral', { venue: 'NeurIPS', year: 2021 }).total, 5);
  assert.equal(library.search('transf*', { author: 'byron' }).total, 1);
  assert.deepEqual(library.searchIds('transf*', { venue: 'ICML' }), [library.search('everywhere').hits[0].paper.id]);
});

test('remembered rankings give the same pages, and are forgotten when any connection changes the library', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-rankings-'));
  const file = path.join(dir, 'library.db');
  const writer = Library.open(file);
  const reader = Library.open(file, { rankings: new Map() });
  try {
    const spectral = (i: number): ImportedPaper => ({ title: `Spectral ${tag(i)} sketches`, authors: [`Writer ${tag(i)}`], abstract: 'Spectral sketching.' });
    writer.addListing({ parsed: { format: 'jsonl', meta: {}, papers: Array.from({ length: 25 }, (_, i) => spectral(i)) }, fileName: 'a.jsonl', text: 'a' });
    const pages = (from: Library) => [0, 10, 20].map((offset) => from.search('spectral', {}, { limit: 10, offset }));
    const fresh = pages(writer);
    assert.deepEqual(pages(reader), fresh);
    assert.deepEqual(pages(reader), fresh);
    // Another connection commits: the reader must not answer from what it remembered.
    writer.addListing({ parsed: { format: 'jsonl', meta: {}, papers: [spectral(30)] }, fileName: 'b.jsonl', text: 'b' });
    assert.equal(reader.search('spectral').total, 26);
    // And so must its own writes.
    reader.addListing({ parsed: { format: 'jsonl', meta: {}, papers: [spectral(31)] }, fileName: 'c.jsonl', text: 'c' });
    assert.equal(reader.search('spectral').total, 27);
    assert.deepEqual(pages(reader), pages(writer));
  } finally {
    reader.close();
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a NUL in a term separates words, as the index cut them; no character makes a query fail', () => {
  // FTS5 stops reading a query at a NUL: passed on as is, every query holding one was a syntax error.
  assert.deepEqual(library.searchIds('spectral\0zqaa'), library.searchIds('"spectral zqaa"'));
  assert.equal(library.searchIds('spectral\0zqaa').length, 1);
  assert.equal(library.search('transf*', { author: 'ada\0byron' }).total, 1);
  const characters = [...Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)), '\uD800', '\uDFFF', '\uFEFF', '\uFFFF', '\u0301', '\u{1F600}', '\u{10FFFF}'];
  for (const character of characters) {
    for (const query of [character, `spectral${character}`, `"${character}`, `${character}*`, `"spectral ${character} methods"`]) {
      assert.doesNotThrow(() => library.search(query), `query ${JSON.stringify(query)}`);
      assert.doesNotThrow(() => library.search('spectral', { author: query }), `author ${JSON.stringify(query)}`);
    }
  }
});
