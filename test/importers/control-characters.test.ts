// Control characters in listings are dropped at the importer boundary, whatever produced them:
// raw bytes, JSON escapes, or HTML and XML character references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../src/importers/index.ts';

test('C0 controls but tab and newline, DEL and C1 controls are removed; CR and CRLF become newlines', () => {
  const raw = 'title,authors,abstract\r\n"Raw \u0002marks\u0003 and \u001b[31mcolour\u007f",Ann\u0085 Author,"one\r\ntwo\rthree\tfour\nfive\f"\r\n';
  assert.deepEqual(parseListing(raw, 'papers.csv').papers, [
    { title: 'Raw marks and [31mcolour', authors: ['Ann Author'], abstract: 'one\ntwo\nthree\tfour\nfive' },
  ]);
  const escaped = '{"title": "Escaped \\u0002marks\\u0003\\u0000", "authors": [], "keywords": ["a\\u009fb"], "urls": {"site": "https://x.org/\\u0007"}}\n';
  assert.deepEqual(parseListing(escaped, 'papers.jsonl').papers, [{ title: 'Escaped marks', authors: [], keywords: ['ab'], urls: { site: 'https://x.org/' } }]);
});

test('pages (their character references too), BibTeX and Atom feeds are cleaned the same way', () => {
  const page = '<html><body><p>Abstract: We study &#2;marked&#3; text in pages and show that it is cleaned before storage.</p></body></html>';
  assert.equal(parseListing(page, 'page.html').papers[0].abstract, 'We study marked text in pages and show that it is cleaned before storage.');
  const bib = '@article{k,\n  title = {Tab\tkept, bell\u0007 dropped},\n  author = {Ann Author}\n}\n';
  assert.equal(parseListing(bib, 'refs.bib').papers[0].title, 'Tab kept, bell dropped');
  const feed = '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><title>A</title><summary>marks\u0002 forged\u0003</summary></entry>\n</feed>\n';
  assert.equal(parseListing(feed, 'query.atom').papers[0].abstract, 'marks forged');
});

test('the binary check still sees the raw text', () => {
  assert.throws(() => parseListing('{"title": "A\u0000", "authors": []}\n', 'x.jsonl'), { message: 'file is binary (contains NUL bytes), not a listing' });
});

test('U+FFFD in a text is stored with a warning saying where the first one is', () => {
  const listing = parseListing('{"title": "A", "authors": []}\n{"title": "Sch\uFFFDlkopf and Sch\uFFFDlkopf", "authors": []}\n', 'x.jsonl');
  assert.equal(listing.papers[1].title, 'Sch\uFFFDlkopf and Sch\uFFFDlkopf');
  assert.deepEqual(listing.warnings, [
    'the text holds 2 U+FFFD replacement character(s), the first at line 2, column 15: characters lost when it was decoded with the wrong encoding',
  ]);
  assert.equal(parseListing('{"title": "A", "authors": []}\n', 'x.jsonl').warnings, undefined);
});
