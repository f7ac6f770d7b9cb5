// Hostile files in the formats added for issue 15: each fails as an ImportError naming the
// place (or skips the record), quickly, instead of overflowing the stack or running for minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../src/importers/index.ts';

const DEEP = 100_000;
const heading = '## [A Paper](https://x.org/a)\n\nWe study a problem in enough words to read as an abstract of a paper.\n\n';

test('Markdown quotes or lists nested past 100 levels fail at their line (marked would overflow the stack, or take minutes)', () => {
  const quotes = `${heading}${'>'.repeat(20_000)} deep\n`;
  assert.throws(() => parseListing(quotes, 'x.md', 'markdown-page'), { name: 'ImportError', message: 'quotes or lists nested over 100 deep', location: 'line 5' });
  const lists = `${heading}${Array.from({ length: 2000 }, (_, level) => `${' '.repeat(level * 2)}- item`).join('\n')}\n`;
  assert.throws(() => parseListing(lists, 'x.md', 'markdown-page'), { message: 'quotes or lists nested over 100 deep', location: 'line 105' });
  assert.throws(() => parseListing(`${heading}${'- '.repeat(20_000)}x\n`, 'x.md', 'markdown-page'), { location: 'line 5' });
  const fifty = `${heading}${'> '.repeat(50)}quoted deep, but within the limit\n`;
  assert.equal(parseListing(fifty, 'x.md', 'markdown-page').papers.length, 1);
});

test('a CSL date nested 100,000 deep reads as no year; one nested twice is still read', () => {
  const text = `[{"title": "A", "issued": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}, {"title": "B", "issued": {"date-parts": [[{"date-parts": [[2020]]}]]}}]`;
  assert.deepEqual(parseListing(text, 'x.json', 'csl-json').papers, [{ title: 'A', authors: [] }, { title: 'B', authors: [], year: 2020 }]);
});

test('CSL-YAML nested 100,000 deep fails as invalid YAML at its place', () => {
  const text = `references:\n- title: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`;
  assert.throws(() => parseListing(text, 'x.yaml', 'csl-yaml'), { name: 'ImportError', message: 'invalid YAML: Maximum call stack size exceeded', location: /^line 2, column \d+$/ });
});

test('EndNote XML: external entities fail at the DOCTYPE, deep nesting where it passes the limit', () => {
  const xxe = '<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xml><records><record><titles><title>&xxe;</title></titles></record></records></xml>';
  assert.throws(() => parseListing(xxe, 'x.xml'), { name: 'ImportError', message: 'invalid XML: External entities are not supported', location: 'line 2, column 1' });
  const deep = `<xml><records><record><titles><title>x</title></titles>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</record></records></xml>`;
  assert.throws(() => parseListing(deep, 'x.xml', 'endnote-xml'), { message: 'elements nested over 100 deep', location: 'line 1, column 347' });
});

test('API JSON: a title 100,000 deep skips its record, described rather than printed', () => {
  const text = `[{"paperId": "a", "title": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}, {"paperId": "b", "title": "B"}, {"paperId": "c", "title": "C"}]`;
  const listing = parseListing(text, 'x.json');
  assert.equal(listing.format, 'semantic-scholar');
  assert.deepEqual(listing.papers.map((paper) => paper.title), ['B', 'C']);
  assert.deepEqual(listing.skipped, [{ entry: 1, key: 'a', line: 1, reason: 'paper has no "title" and no abstract', placeholder: true }]);
});
