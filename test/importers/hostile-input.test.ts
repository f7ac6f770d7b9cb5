// Malformed and hostile files: every failure is an ImportError naming the place, whatever the
// parser library threw, and values from the file are named by type and size, never printed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../src/importers/index.ts';
import { describeValue } from '../../src/importers/untrusted.ts';

const DEEP = 100_000;
/** Deep enough to overflow the stack of a recursive walk (the HTML one did at about 5,000). */
const DEEP_MARKUP = 20_000;
const deepArray = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
const atom = (body: string, prolog = '') =>
  `<?xml version="1.0"?>\n${prolog}<feed xmlns="http://www.w3.org/2005/Atom">\n<title>arXiv query</title>\n${body}\n</feed>\n`;

test('values are shown whole only when short; otherwise by type and size', () => {
  assert.equal(describeValue('2020'), '"2020"');
  assert.equal(describeValue(12.5), '12.5');
  assert.equal(describeValue(null), 'null');
  assert.equal(describeValue(['A', []]), '["A",[]]');
  assert.equal(describeValue('x'.repeat(81)), 'a string of 81 bytes');
  assert.equal(describeValue('é'.repeat(1_050_000)), 'a string of 2.1 MB');
  assert.equal(describeValue('x'.repeat(25_000)), 'a string of 25.0 kB');
  assert.equal(describeValue(Array(5000).fill('u')), 'an array of 5,000 items');
  assert.equal(describeValue([Array(100).fill(1)]), 'an array of 1 item');
  assert.equal(describeValue({ a: 'x'.repeat(100) }), 'an object with 1 key');
  assert.equal(describeValue(JSON.parse(deepArray)), 'an array nested over 1,000 deep');
  assert.equal(describeValue(JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)), 'an object nested over 1,000 deep');
});

test('an Atom feed with a DOCTYPE external entity fails at the DOCTYPE, as the file\'s failure', () => {
  const feed = atom('<entry><title>&xxe;</title></entry>', '<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n');
  assert.throws(() => parseListing(feed, 'query.atom'), {
    name: 'ImportError',
    message: 'invalid XML: External entities are not supported',
    location: 'line 2, column 1',
  });
  const parameter = atom('<entry><title>x</title></entry>', '\n<!DOCTYPE feed [<!ENTITY % p SYSTEM "http://example.org/x.dtd"> %p;]>\n');
  assert.throws(() => parseListing(parameter, 'query.atom'), { name: 'ImportError', location: 'line 3, column 1' });
});

test('an Atom feed nested 20,000 deep fails where it passes the parser\'s limit; cut short, it names a few open elements', () => {
  const deep = atom(`<entry><title>x</title>${'<a>'.repeat(DEEP_MARKUP)}${'</a>'.repeat(DEEP_MARKUP)}</entry>`);
  // <feed> and <entry> are two levels; the 99th <a> is the 101st.
  const at = deep.indexOf('<a>') + 98 * '<a>'.length;
  assert.throws(() => parseListing(deep, 'deep.atom'), {
    name: 'ImportError',
    message: 'elements nested over 100 deep',
    location: `line 4, column ${at - deep.lastIndexOf('\n', at)}`,
  });
  const cut = atom(`<entry><title>x</title>${'<a>'.repeat(DEEP_MARKUP)}`).slice(0, -'\n</feed>\n'.length);
  assert.throws(() => parseListing(cut, 'cut.atom'), {
    name: 'ImportError',
    message: 'truncated XML: the file ends inside <feed>, <entry>, <a>, … 19,996 more, <a>, <a>, <a>',
  });
});

test('a parser library\'s message that quotes the file is cut short', () => {
  const name = `n${'x'.repeat(5000)}`;
  const error = (() => {
    try {
      parseListing(atom(`<entry><title>x</title><${name}></${name}x></entry>`), 'bad.atom');
    } catch (caught) {
      return caught as Error;
    }
    return assert.fail('the feed parsed');
  })();
  assert.equal(error.name, 'ImportError');
  assert.ok(error.message.length <= 'invalid XML: '.length + 160, `${error.message.length} characters`);
  assert.match(error.message, /^invalid XML: Expected closing tag 'nxxx.*…$/);
});

test('a JSON Lines record holding a value 100,000 deep is skipped at its line, the value described', () => {
  const text = `{"title": "A", "authors": []}\n{"title": "B", "authors": [], "year": ${deepArray}}\n`;
  assert.deepEqual(parseListing(text, 'deep.jsonl').skipped, [
    { entry: 2, line: 2, reason: 'field "year" must be a whole number or null, found an array nested over 1,000 deep' },
  ]);
  assert.throws(() => parseListing(`{"title": "A", "authors": ${deepArray}}\n`, 'deep.jsonl'), {
    message: 'field "authors" must be an array of strings, found an array nested over 1,000 deep',
    location: 'line 1',
  });
  assert.deepEqual(parseListing(`{"title": "A", "authors": []}\n"${'x'.repeat(2_100_000)}"\n`, 'long.jsonl', 'jsonl').skipped, [
    { entry: 2, line: 2, reason: 'expected a paper record (a JSON object), found a string of 2.1 MB' },
  ]);
});

test('other importers describe what they found instead of quoting it', () => {
  const record = '{"title": "A", "author": "B", "track": "main", "status": "Poster"}';
  assert.deepEqual(parseListing(`[${record},\n "${'y'.repeat(300)}"]`, 'conf2020.json').skipped, [
    { entry: 2, line: 2, reason: 'expected a paper record (an object), found a string of 300 bytes' },
  ]);
  assert.throws(() => parseListing(`Title,Author,${'x'.repeat(5000)}\nA,B,C\n`, 'list.csv', 'csv'), {
    message: 'missing required column(s): authors (header has: Title, Author, a string of 5,000 bytes)',
    location: 'line 1',
  });
  const key = 'k'.repeat(500);
  assert.deepEqual(parseListing(`{"short": {"id": "a", "content": {"title": "T"}},\n"${key}": {"id": "b", "content": {}}}`, 'submissions.json', 'openreview-submissions').skipped, [
    { entry: 2, line: 2, reason: 'note has no title and no abstract', placeholder: true },
  ]);
  assert.throws(() => parseListing(`{"short": {"id": "a", "content": {}}}`, 'submissions.json', 'openreview-submissions'), {
    location: 'entry 1 (short), line 1',
  });
  assert.throws(() => parseListing(`@article{${key},\n  author = {A B}\n}\n`, 'refs.bib'), {
    message: '@article entry has no title and no abstract',
    location: 'entry 1, line 1',
  });
});

test('an HTML page nested 20,000 deep is read like any other page', () => {
  const abstract = 'We study a problem in depth and show that it works on several benchmarks.';
  const page = `<html><body>${'<div>'.repeat(DEEP_MARKUP)}<p>Abstract: ${abstract}</p>${'</div>'.repeat(DEEP_MARKUP)}</body></html>`;
  const listing = parseListing(page, 'page.html');
  assert.equal(listing.format, 'abstract-list');
  assert.deepEqual(listing.papers.map((paper) => paper.abstract), [abstract]);
});
