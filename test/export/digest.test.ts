import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Paper } from '../../src/types.ts';
import type { Digest, DigestEntry } from '../../src/actions/digest.ts';
import { digestMarkdown } from '../../src/export/digest-markdown.ts';
import { digestHtml } from '../../src/export/digest-html.ts';
import { digestAtom } from '../../src/export/digest-atom.ts';

const HOSTILE_TITLE = `<script>alert('t')</script> "quoted" & 'single' ]]> <!-- x --> \u{1F9EA}\uD800 done`;
const HOSTILE_AUTHOR = `<img src=x onerror="alert(1)"> Eve`;

function paper(id: number, title: string, extra: Partial<Paper> = {}): Paper {
  return { id, title, titleDerived: false, authors: ['Ada Lovelace'], abstract: null, venue: 'TestConf', year: 2025, session: null, track: null, status: null, keywords: [], urls: {}, ids: {}, listings: [], ...extra };
}

function entry(rank: number, p: Paper, topic?: { key: string; name: string }, versions: number[] = []): DigestEntry {
  return {
    paper: p,
    rank,
    score: 3.2,
    match: { percentile: 99.5, strength: 'strong' },
    reasons: [{ paperId: 1, title: 'My <b>own</b> paper', kind: 'yours', similarity: 2.1, sharedTerms: ['graph', 'node'] }],
    ...(topic ? { topic } : {}),
    versions,
  };
}

const hostile = paper(40, HOSTILE_TITLE, {
  authors: [HOSTILE_AUTHOR, 'Bob'],
  abstract: 'An abstract with </summary><script>alert(2)</script>',
  urls: { site: "javascript:alert('site')", pdf: 'https://example.org/p.pdf?a=1&b="2"', github: 'data:text/html,<script>alert(3)</script>' },
});

const digest = (entries: DigestEntry[], groups: Digest['groups']): Digest => ({
  id: 3,
  profile: 'mara <x>',
  createdAt: '2026-05-02T06:00:00.000Z',
  afterPaperId: 10,
  lastPaperId: 60,
  candidates: 12,
  alreadyShown: 1,
  entries,
  groups,
});

test('Markdown: a heading per topic, each paper with its authors, match, reasons and links, markup escaped', () => {
  const graphs = { key: 't1', name: 'graph networks' };
  const first = entry(1, paper(41, 'Graph *Rewiring*', { ids: { arxiv: '2405.01234' } }), graphs, [44]);
  const second = entry(2, paper(42, 'Grasping'), { key: 't2', name: 'robots' });
  assert.equal(
    digestMarkdown(digest([first, second], [{ topic: graphs, entries: [first] }, { topic: { key: 't2', name: 'robots' }, entries: [second] }])),
    [
      '# New papers for mara \\<x\\>, 2026-05-02',
      '',
      '2 papers for you of 12 papers arrived since the last digest; 1 paper (or a version of it) shown before.',
      '',
      '## graph networks',
      '',
      '1. **Graph \\*Rewiring\\***',
      '   Ada Lovelace',
      '   TestConf 2025 · strong match · 2 versions',
      '   - close to your paper “My \\<b\\>own\\</b\\> paper”: graph, node',
      '   [arXiv](<https://arxiv.org/abs/2405.01234>)',
      '',
      '## robots',
      '',
      '1. **Grasping**',
      '   Ada Lovelace',
      '   TestConf 2025 · strong match',
      '   - close to your paper “My \\<b\\>own\\</b\\> paper”: graph, node',
      '   [arXiv](<https://arxiv.org/search/?query=Grasping&searchtype=title>) · [OpenReview](<https://openreview.net/search?term=Grasping>) · [Semantic Scholar](<https://www.semanticscholar.org/search?q=Grasping>) · [Google Scholar](<https://scholar.google.com/scholar?q=Grasping>)',
      '',
    ].join('\n'),
  );
});

test('HTML: one self-contained page, no script, nothing to fetch, hostile strings shown as text', () => {
  const one = entry(1, hostile);
  const html = digestHtml(digest([one], [{ entries: [one] }]));
  const root = parse(html);
  const tags = new Set(root.querySelectorAll('*').map((element) => element.tagName.toLowerCase()));
  assert.deepEqual([...tags].sort(), ['a', 'body', 'div', 'h1', 'head', 'html', 'li', 'meta', 'p', 'title', 'ul']);
  const attributes = new Set(root.querySelectorAll('*').flatMap((element) => Object.keys(element.attributes)));
  assert.deepEqual([...attributes].sort(), ['charset', 'content', 'href', 'lang', 'name', 'style']);
  // Links only to web addresses: the javascript: and data: ones of the listing are not links.
  assert.deepEqual(root.querySelectorAll('a').map((a) => a.getAttribute('href')), ['https://example.org/p.pdf?a=1&b=%222%22']);
  assert.doesNotMatch(html, /<script|javascript:|data:text|<img|<b>/i);
  const [summary, title, authors] = root.querySelectorAll('p').map((p) => p.text);
  assert.equal(summary, '1 paper for you of 12 papers arrived since the last digest; 1 paper (or a version of it) shown before.');
  assert.equal(title, `1. ${HOSTILE_TITLE}`);
  assert.equal(authors, `${HOSTILE_AUTHOR}, Bob`);
  assert.equal(root.querySelector('title')!.text, 'New papers for mara <x>, 2026-05-02');
});

test('Atom: well-formed, ids stable per profile and paper, entries linked, hostile strings kept as text', () => {
  const one = entry(1, hostile, { key: 't1', name: 'graphs & <nets>' });
  const two = entry(2, paper(41, 'Plain', { ids: { doi: '10.1234/x' } }));
  const options = { profile: 'mara', scope: '/home/mara/library.db', updatedWhenEmpty: '2026-01-01T00:00:00.000Z', selfUrl: 'http://127.0.0.1:8080/feeds/mara.atom' };
  const xml = digestAtom([digest([one, two], [{ entries: [one, two] }])], options);
  assert.equal(XMLValidator.validate(xml), true);
  const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['entry', 'link', 'author'].includes(name) }).parse(xml).feed;
  assert.equal(feed.xmlns, 'http://www.w3.org/2005/Atom');
  assert.equal(feed.updated, '2026-05-02T06:00:00.000Z');
  assert.equal(feed.link[0].href, options.selfUrl);
  assert.equal(feed.entry.length, 2);
  const [first, second] = feed.entry;
  // The lone surrogate cannot be in XML at all; everything else is kept.
  assert.equal(first.title['#text'], HOSTILE_TITLE.replace('\uD800', ''));
  assert.deepEqual(first.author.map((a: { name: string }) => a.name), [HOSTILE_AUTHOR, 'Bob']);
  assert.deepEqual(first.link.map((l: { rel: string; href: string }) => [l.rel, l.href]), [['alternate', 'https://example.org/p.pdf?a=1&b=%222%22']]);
  assert.equal(first.category.label, 'graphs & <nets>');
  assert.match(first.summary['#text'], /<\/summary><script>alert\(2\)<\/script>$/);
  assert.deepEqual(second.link.map((l: { href: string }) => l.href), ['https://doi.org/10.1234/x']);
  assert.match(first.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // The same paper for the same profile is the same entry in a later feed; another profile's is another.
  const again = digestAtom([digest([one], [{ entries: [one] }])], options);
  assert.ok(again.includes(`<id>${first.id}</id>`));
  assert.ok(!digestAtom([digest([one], [{ entries: [one] }])], { ...options, profile: 'ben' }).includes(`<id>${first.id}</id>`));
  // No digest yet: a valid feed without entries.
  const empty = digestAtom([], options);
  assert.equal(XMLValidator.validate(empty), true);
  assert.match(empty, /<updated>2026-01-01T00:00:00.000Z<\/updated>/);
  assert.doesNotMatch(empty, /<entry>/);
});
