import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportedPaper, Paper } from '../../src/types.ts';
import { exportJsonl } from '../../src/export/jsonl.ts';
import { exportCsv } from '../../src/export/csv.ts';
import { exportBibtex } from '../../src/export/bibtex.ts';
import { exportCslJson } from '../../src/export/csl-json.ts';
import { exportRis } from '../../src/export/ris.ts';
import { cslJsonImporter } from '../../src/importers/csl.ts';
import { risImporter } from '../../src/importers/ris.ts';
import { parseListing } from '../../src/importers/index.ts';
import { jsonlImporter } from '../../src/importers/jsonl.ts';
import { csvImporter } from '../../src/importers/csv.ts';
import { bibtexImporter } from '../../src/importers/bibtex.ts';
import { paperlistsJsonImporter } from '../../src/importers/paperlists-json.ts';
import { shared } from '../importers/files.ts';
import { needsShared } from '../requirements.ts';

/** A library paper as the store would return one for an imported paper. */
function asPaper(paper: ImportedPaper, id: number): Paper {
  return {
    id,
    title: paper.title,
    titleDerived: paper.titleDerived ?? false,
    authors: paper.authors,
    abstract: paper.abstract ?? null,
    venue: paper.venue ?? null,
    year: paper.year ?? null,
    session: paper.session ?? null,
    track: paper.track ?? null,
    status: paper.status ?? null,
    keywords: paper.keywords ?? [],
    urls: paper.urls ?? {},
    ids: paper.ids ?? {},
    listings: [{ listing: 'test', listingId: 1, position: id }],
  };
}

const TRICKY: Paper[] = [
  asPaper({
    title: 'Q&A at 50% off: C# and snake_case ~ x^2 <tags> {braces} back\\slash -- and \'\' and `` !` ?`',
    authors: ['Jan van der Berg', 'Hans Müller', 'John Smith Jr.', 'Ernst and Young', 'Smith, John', 'María García'],
    abstract: 'An abstract, with "quotes", a comma;\nand a line break.',
    venue: 'ICLR & Co',
    year: 2024,
    session: 'Poster Session 6',
    track: 'main',
    status: 'Poster',
    keywords: ['deep learning', 'nlp'],
    urls: { site: 'https://x.org/a_b%20c?q=1&r=2', pdf: 'https://x.org/p.pdf', github: 'https://github.com/a/b', project: 'https://p.org' },
    ids: { doi: '10.1000/x_y', arxiv: '2401.00001', openreview: 'AbC123' },
  }, 1),
  asPaper({ title: 'Pretrained models are general…', titleDerived: true, authors: [] }, 2),
  asPaper({ title: 'Über die Schätzung', authors: ['Zoë Ökonom'], year: 2024 }, 3),
  asPaper({ title: 'Über die Schätzung, Teil 2', authors: ['Zoë Ökonom'], year: 2024 }, 4),
];

test('JSON Lines export: one record per line in schema order, without library-only fields', () => {
  const text = exportJsonl(TRICKY.slice(1, 3));
  assert.equal(text, [
    '{"title":"Pretrained models are general…","titleDerived":true,"authors":[],"abstract":null,"venue":null,"year":null,"session":null,"track":null,"status":null,"keywords":[],"urls":{},"ids":{}}',
    '{"title":"Über die Schätzung","titleDerived":false,"authors":["Zoë Ökonom"],"abstract":null,"venue":null,"year":2024,"session":null,"track":null,"status":null,"keywords":[],"urls":{},"ids":{}}',
    '',
  ].join('\n'));
  assert.equal(exportJsonl([]), '');
});

test('CSV export: header, lists joined with "; ", urls and ids as columns', () => {
  const text = exportCsv(TRICKY.slice(0, 2));
  const lines = text.split('\n');
  assert.equal(lines[0], 'title,titleDerived,authors,abstract,venue,year,session,track,status,keywords,site,pdf,github,project,arxiv,doi,openreview');
  assert.equal(lines[1].slice(0, 60), 'Q&A at 50% off: C# and snake_case ~ x^2 <tags> {braces} back');
  assert.ok(text.includes(',"Jan van der Berg; Hans Müller; John Smith Jr.; Ernst and Young; Smith, John; María García",'));
  assert.ok(text.endsWith(',2024,Poster Session 6,main,Poster,deep learning; nlp,https://x.org/a_b%20c?q=1&r=2,https://x.org/p.pdf,https://github.com/a/b,https://p.org,2401.00001,10.1000/x_y,AbC123\nPretrained models are general…,true,,,,,,,,,,,,,,,\n'));
});

/** What importing an exported paper must give back. */
function imported(paper: Paper): ImportedPaper {
  const expected: ImportedPaper = { title: paper.title, authors: paper.authors };
  if (paper.titleDerived) expected.titleDerived = true;
  for (const field of ['abstract', 'venue', 'session', 'track', 'status'] as const) {
    const value = paper[field];
    if (value) expected[field] = value;
  }
  if (paper.year !== null) expected.year = paper.year;
  if (paper.keywords.length) expected.keywords = paper.keywords;
  if (Object.keys(paper.urls).length) expected.urls = paper.urls;
  if (Object.keys(paper.ids).length) expected.ids = paper.ids;
  return expected;
}

test('round trips: export jsonl or csv, import, same fields', () => {
  const fromJsonl = jsonlImporter.parse(exportJsonl(TRICKY), 'export.jsonl');
  assert.deepEqual(fromJsonl.papers, TRICKY.map(imported));
  const fromCsv = csvImporter.parse(exportCsv(TRICKY), 'export.csv');
  assert.deepEqual(fromCsv.papers, TRICKY.map(imported));
});

test('BibTeX export: escaped text, double-braced title, stable unique keys', () => {
  const text = exportBibtex(TRICKY);
  assert.equal(text.split('\n\n')[0], [
    '@inproceedings{berg2024qa,',
    '  title = {{Q\\&A at 50\\% off: C\\# and snake\\_case \\textasciitilde{} x\\textasciicircum{}2 \\textless{}tags\\textgreater{} \\textbraceleft{}braces\\textbraceright{} back\\textbackslash{}slash -{}- and \'{}\' and `{}` !{}` ?{}`}},',
    '  author = {Jan van der Berg and Hans Müller and John Smith Jr. and {Ernst and Young} and {Smith, John} and María García},',
    '  booktitle = {ICLR \\& Co},',
    '  year = {2024},',
    '  doi = {10.1000/x_y},',
    '  url = {https://x.org/a_b%20c?q=1&r=2},',
    '  eprint = {2401.00001},',
    '  archiveprefix = {arXiv},',
    '  keywords = {deep learning, nlp},',
    '  abstract = {An abstract, with "quotes", a comma;\nand a line break.},',
    '}',
  ].join('\n'));
  assert.deepEqual([...text.matchAll(/^@(\w+)\{([^,]+),/gm)].map((m) => `${m[1]} ${m[2]}`), [
    'inproceedings berg2024qa',
    'misc anonpretrained',
    'misc okonom2024uber',
    'misc okonom2024ubera',
  ]);
  assert.equal(exportBibtex(TRICKY), text, 'the same papers get the same keys');
});

test('BibTeX round trip: title, authors, year, venue and DOI come back', () => {
  const back = bibtexImporter.parse(exportBibtex(TRICKY), 'export.bib').papers;
  const fields = (p: { title: string; authors: string[]; year?: number | null; venue?: string | null; ids?: { doi?: string } }) => ({
    title: p.title, authors: p.authors, year: p.year ?? undefined, venue: p.venue ?? undefined, doi: p.ids?.doi,
  });
  assert.deepEqual(back.map(fields), TRICKY.map(fields));
  assert.equal(back[0].abstract, 'An abstract, with "quotes", a comma; and a line break.');
  assert.deepEqual(back[0].ids, { doi: '10.1000/x_y', arxiv: '2401.00001' });
});

test('BibTeX round trip over real venues (LaTeX math in titles reads back as Unicode)', { skip: needsShared('corpora/paperlists') }, () => {
  // 250 papers a venue and no abstracts (not among the fields compared): the BibTeX parser's
  // LaTeX conversion takes ~1 ms per entry and ~5 ms per abstract, too slow for all of them.
  const papers = ['iclr/iclr2018.json', 'siggraph/siggraph2010.json', 'nips/nips2018.json']
    .flatMap((path) => paperlistsJsonImporter.parse(shared(`corpora/paperlists/${path}`), path.split('/')[1]).papers.slice(0, 250))
    .map((paper, index) => asPaper({ ...paper, abstract: undefined }, index + 1));
  const back = bibtexImporter.parse(exportBibtex(papers), 'venues.bib').papers;
  assert.equal(back.length, 633);
  const mismatched = back.filter((paper, i) => {
    const original = papers[i];
    return paper.year !== original.year || paper.venue !== original.venue || paper.ids?.doi !== original.ids.doi ||
      JSON.stringify(paper.authors) !== JSON.stringify(original.authors) || (!original.title.includes('$') && paper.title !== original.title);
  });
  assert.deepEqual(mismatched.map((p) => p.title), []);
  const ell1 = back.find((p) => p.title.endsWith('-regression with Heavy-tailed Distributions'));
  assert.equal(ell1?.title, 'ℓ₁-regression with Heavy-tailed Distributions');
});

/** The fields every export format carries and must read back. */
const cited = (p: { title: string; authors: string[]; year?: number | null; venue?: string | null; abstract?: string | null; keywords?: string[]; ids?: { doi?: string; arxiv?: string } }) => ({
  title: p.title, authors: p.authors, year: p.year ?? undefined, venue: p.venue ?? undefined, doi: p.ids?.doi, arxiv: p.ids?.arxiv,
  abstract: p.abstract?.replace(/\s+/g, ' ') ?? undefined, keywords: p.keywords?.length ? p.keywords : undefined,
});

test('CSL-JSON export: names split into family, given, particle and suffix, or kept literal; ids are citation keys', () => {
  const items = JSON.parse(exportCslJson(TRICKY.slice(0, 3))) as Record<string, unknown>[];
  assert.deepEqual(items[0], {
    id: 'berg2024qa',
    type: 'paper-conference',
    title: TRICKY[0].title,
    author: [
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Müller', given: 'Hans' },
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { family: 'Young', given: 'Ernst', 'non-dropping-particle': 'and' },
      { literal: 'Smith, John' },
      { family: 'García', given: 'María' },
    ],
    issued: { 'date-parts': [[2024]] },
    'container-title': 'ICLR & Co',
    abstract: 'An abstract, with "quotes", a comma;\nand a line break.',
    keyword: 'deep learning, nlp',
    DOI: '10.1000/x_y',
    URL: 'https://x.org/a_b%20c?q=1&r=2',
    note: 'arXiv: 2401.00001',
  });
  assert.deepEqual(items[1], { id: 'anonpretrained', type: 'article', title: 'Pretrained models are general…', author: [] });
  assert.equal(exportCslJson([]), '[]\n');
});

test('CSL-JSON round trip: titles, authors, years, venues, DOIs, arXiv ids, abstracts and keywords come back', () => {
  const text = exportCslJson(TRICKY);
  const back = cslJsonImporter.parse(text, 'export.json').papers;
  assert.deepEqual(back.map(cited), TRICKY.map(cited));
  assert.equal(parseListing(text, 'export.json').format, 'csl-json');
});

test('RIS export: CRLF lines, `Family, Given` names, one line per value, arXiv page as a link', () => {
  const text = exportRis(TRICKY.slice(0, 2));
  assert.equal(text, [
    'TY  - CONF',
    'ID  - berg2024qa',
    `TI  - ${TRICKY[0].title}`,
    'AU  - van der Berg, Jan',
    'AU  - Müller, Hans',
    'AU  - Smith, John, Jr.',
    'AU  - and Young, Ernst',
    'AU  - Smith, John',
    'AU  - García, María',
    'PY  - 2024',
    'T2  - ICLR & Co',
    'AB  - An abstract, with "quotes", a comma; and a line break.',
    'KW  - deep learning',
    'KW  - nlp',
    'DO  - 10.1000/x_y',
    'UR  - https://x.org/a_b%20c?q=1&r=2',
    'L1  - https://x.org/p.pdf',
    'UR  - https://arxiv.org/abs/2401.00001',
    'ER  - ',
    '',
    'TY  - GEN',
    'ID  - anonpretrained',
    'TI  - Pretrained models are general…',
    'ER  - ',
    '',
  ].join('\r\n'));
});

test('RIS round trip: the same fields come back, but a name written with a comma reads back as `Given Family`', () => {
  const text = exportRis(TRICKY);
  const back = risImporter.parse(text, 'export.ris').papers;
  const expected = TRICKY.map(cited).map((paper) => ({ ...paper, authors: paper.authors.map((name) => (name === 'Smith, John' ? 'John Smith' : name)) }));
  assert.deepEqual(back.map(cited), expected);
  assert.deepEqual(back[0].urls, { site: 'https://x.org/a_b%20c?q=1&r=2', pdf: 'https://x.org/p.pdf' });
  assert.equal(parseListing(text, 'export.ris').format, 'ris');
});
