// Detection of the structured formats: each importer claims its own files clearly above every
// other importer, and claims none of the page-like texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatName } from '../../src/types.ts';
import type { Importer } from '../../src/importers/importer.ts';
import { paperlistsJsonImporter } from '../../src/importers/paperlists-json.ts';
import { openreviewSubmissionsImporter, openreviewArchiveImporter } from '../../src/importers/openreview.ts';
import { jsonlImporter } from '../../src/importers/jsonl.ts';
import { csvImporter } from '../../src/importers/csv.ts';
import { bibtexImporter } from '../../src/importers/bibtex.ts';
import { risImporter } from '../../src/importers/ris.ts';
import { arxivAtomImporter } from '../../src/importers/arxiv-atom.ts';
import { rssFeedImporter } from '../../src/importers/rss-feed.ts';
import { cslJsonImporter, cslYamlImporter } from '../../src/importers/csl.ts';
import { endnoteXmlImporter } from '../../src/importers/endnote-xml.ts';
import { webOfScienceImporter } from '../../src/importers/web-of-science.ts';
import { medlineImporter } from '../../src/importers/medline.ts';
import { semanticScholarImporter } from '../../src/importers/semantic-scholar.ts';
import { openreviewNotesImporter } from '../../src/importers/openreview-notes.ts';
import { hfDailyPapersImporter } from '../../src/importers/hf-daily-papers.ts';
import { miniconfCsvImporter } from '../../src/importers/miniconf-csv.ts';
import { markdownPageImporter } from '../../src/importers/markdown-page.ts';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';
import { fixture, fixtureNames, shared } from './files.ts';
import { needsShared } from '../requirements.ts';

const STRUCTURED: readonly Importer[] = [
  paperlistsJsonImporter, openreviewSubmissionsImporter, openreviewArchiveImporter, jsonlImporter, csvImporter,
  bibtexImporter, risImporter, arxivAtomImporter, cslJsonImporter, cslYamlImporter, endnoteXmlImporter,
  webOfScienceImporter, medlineImporter, semanticScholarImporter, openreviewNotesImporter, hfDailyPapersImporter,
  miniconfCsvImporter, markdownPageImporter, rssFeedImporter,
];
const ALL: readonly Importer[] = [...STRUCTURED, sessionPageImporter, trendingFeedImporter, abstractListImporter];

const FIXTURE_FORMATS: Record<string, FormatName> = {
  'arxiv-api-error.atom': 'arxiv-atom',
  'arxiv-no-results.atom': 'arxiv-atom',
  'arxiv-query.atom': 'arxiv-atom',
  'broken-entry.bib': 'bibtex',
  'csl-library.json': 'csl-json',
  'csl-library.yaml': 'csl-yaml',
  'dblp-versions.bib': 'bibtex',
  'endnote-library.xml': 'endnote-xml',
  'hand-kept.bib': 'bibtex',
  'hf-daily-papers.json': 'hf-daily-papers',
  'library-export.jsonl': 'jsonl',
  'mendeley-crlf.ris': 'ris',
  'miniconf-papers.csv': 'miniconf-csv',
  'miniconf-sitedata.csv': 'miniconf-csv',
  'no-er.ris': 'ris',
  'no-title.ris': 'ris',
  'openreview-notes-v2.json': 'openreview-notes',
  'pandoc-references.md': 'csl-yaml',
  'pubmed-citations.nbib': 'medline',
  'references.yaml': 'csl-yaml',
  'revconf2024.json': 'paperlists-json',
  's2-batch.json': 'semantic-scholar',
  's2-paper.json': 'semantic-scholar',
  's2-search-page.json': 'semantic-scholar',
  'session-capture.md': 'markdown-page',
  'short-titles.ris': 'ris',
  'spreadsheet.csv': 'csv',
  'testconf2021.json': 'paperlists-json',
  'trending-capture.md': 'markdown-page',
  'untitled-entry.bib': 'bibtex',
  'wos-export.txt': 'web-of-science',
  'wos-savedrecs.txt': 'web-of-science',
  'zotero-items.csl.json': 'csl-json',
  'zotero-library.bib': 'bibtex',
  '~Reviewer_Untitled1.jsonl': 'openreview-archive',
};

/**
 * Fixtures of formats that were stored as junk before they had importers (Web of Science and
 * CSL-YAML as trending feeds, CSL-JSON as paperlists, MiniConf's papers.csv as our CSV with each
 * author list one author): every other detector refuses them.
 */
const ONCE_MISREAD = ['csl-library.json', 'csl-library.yaml', 'miniconf-papers.csv', 'wos-export.txt'];

function assertClaimedBy(text: string, fileName: string, expected: FormatName): void {
  const scores = ALL.map((importer) => ({ format: importer.format, score: importer.detect(text, fileName) }));
  scores.sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scores;
  assert.equal(best.format, expected, `${fileName}: ${JSON.stringify(scores.slice(0, 3))}`);
  assert.ok(best.score >= 0.8, `${fileName}: ${expected} scores only ${best.score}`);
  assert.ok(runnerUp.score <= best.score - 0.4, `${fileName}: ${runnerUp.format} scores ${runnerUp.score}, close to ${best.score}`);
}

test('every structured fixture is claimed by its own importer, well above the others', () => {
  assert.deepEqual(fixtureNames(), Object.keys(FIXTURE_FORMATS).sort(), 'every fixture has an expected format');
  for (const [name, format] of Object.entries(FIXTURE_FORMATS)) assertClaimedBy(fixture(name), name, format);
});

test('detection does not depend on the file name', () => {
  for (const [name, format] of Object.entries(FIXTURE_FORMATS)) {
    if (format !== 'csv') assertClaimedBy(fixture(name), 'download.txt', format);
  }
});

test('real files: paperlists, OpenReview submissions and archives', { skip: needsShared('corpora/paperlists', 'benchmarks/reviewer-expertise') }, () => {
  assertClaimedBy(shared('corpora/paperlists/iclr/iclr2018.json'), 'iclr2018.json', 'paperlists-json');
  assertClaimedBy(shared('corpora/paperlists/siggraph/siggraph2010.json'), 'siggraph2010.json', 'paperlists-json');
  const dataset = 'benchmarks/reviewer-expertise/d_20_1/';
  assertClaimedBy(shared(`${dataset}submissions.json`), 'submissions.json', 'openreview-submissions');
  assertClaimedBy(shared(`${dataset}archives/~118242121.jsonl`), '~118242121.jsonl', 'openreview-archive');
});

test('our JSON Lines and OpenReview archives are told apart', () => {
  const ours = '{"title": "A", "authors": ["B"], "abstract": "mentions \\"content\\" in quotes"}\n';
  const theirs = '{"id": "x1", "content": {"title": "A", "authors": ["B"]}}\n';
  assertClaimedBy(ours, 'papers.jsonl', 'jsonl');
  assertClaimedBy(theirs, 'papers.jsonl', 'openreview-archive');
});

const PAGE_LIKE: Record<string, string> = {
  'session page': 'Poster Session 3\nHalle B\nSkip to yearly menu bar\nDeep Nets for Things\nAda Lovelace · Alan Turing\nWe propose deep nets.\n',
  'page quoting a citation': `Contact: ada@example.org\n${'A line of prose about papers.\n'.repeat(80)}Cite as: @inproceedings{x, title={Y}}\n`,
  'prose with tags and csv-ish commas': 'Title, authors and venue are listed below.\nThe <feed> of papers, TY - reading list\n',
  'a JSON array of numbers': '[1, 2, 3]',
};

function assertClaimedByNone(texts: Record<string, string>): void {
  for (const [name, text] of Object.entries(texts)) {
    for (const importer of STRUCTURED) {
      assert.ok(importer.detect(text, `${name}.txt`) <= 0.1, `${importer.format} claims ${name}`);
    }
  }
}

test('page-like texts are claimed by no structured importer', () => assertClaimedByNone(PAGE_LIKE));

test('the seed pages are claimed by no structured importer', { skip: needsShared('seeds') }, () => {
  const seeds = ['000_8057f38142860661.txt', '002_399c9b84d8821e2e.txt', '003_b2848bc482587e12.txt', '004_a76be71417d0ca4b.txt'];
  assertClaimedByNone(Object.fromEntries(seeds.map((seed) => [seed, shared(`seeds/${seed}`)])));
});

test('the formats once stored as junk are claimed by their own importers and refused by every other', () => {
  for (const name of ONCE_MISREAD) {
    for (const importer of ALL) {
      if (importer.format !== FIXTURE_FORMATS[name]) assert.equal(importer.detect(fixture(name), name), 0, `${importer.format} claims ${name}`);
    }
  }
});
