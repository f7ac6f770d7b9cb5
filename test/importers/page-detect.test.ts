// Format detection among the listing-page formats, and against the structured formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Importer } from '../../src/importers/importer.ts';
import { htmlToText } from '../../src/importers/html.ts';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';
import { fixture, fixtureNames } from './files.ts';
import { needsShared } from '../requirements.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pagesDir = path.join(here, '..', 'fixtures', 'pages');
const seedsDir = path.resolve(here, '..', '..', '..', 'shared', 'seeds');
const PAGE_IMPORTERS = [sessionPageImporter, trendingFeedImporter, abstractListImporter];

function assertWins(text: string, name: string, winner: Importer) {
  const scores = PAGE_IMPORTERS.map((importer) => importer.detect(text, name));
  const own = scores[PAGE_IMPORTERS.indexOf(winner)];
  const others = Math.max(...scores.filter((_, index) => PAGE_IMPORTERS[index] !== winner));
  assert.ok(own >= 0.6 && own - others >= 0.4, `${name}: ${winner.format} ${own} vs others ${others}`);
}

const kindOf = (name: string) =>
  name.startsWith('session') || /^00[24]_/.test(name) ? sessionPageImporter : name.startsWith('trending') || name.startsWith('003_') ? trendingFeedImporter : abstractListImporter;

test('each page kind scores well above the other two on its own text', () => {
  // Named, so that a folder emptied by mistake fails instead of passing with nothing compared.
  assert.deepEqual(readdirSync(pagesDir).sort(), [
    'abstract-list.html',
    'abstract-list.txt',
    'session-blank-crlf.txt',
    'session-compact.html',
    'session-compact.txt',
    'trending-feed.html',
    'trending-feed.txt',
  ]);
  for (const name of readdirSync(pagesDir)) {
    const raw = readFileSync(path.join(pagesDir, name), 'utf8');
    assertWins(name.endsWith('.html') ? htmlToText(raw) : raw, name, kindOf(name));
  }
});

test('each seed page scores well above the other two kinds', { skip: needsShared('seeds') }, () => {
  const seeds = readdirSync(seedsDir).filter((file) => /^00\d_.*\.txt$/.test(file));
  assert.equal(seeds.length, 5);
  for (const name of seeds) {
    assertWins(readFileSync(path.join(seedsDir, name), 'utf8'), name, kindOf(name));
  }
});

const OTHER_FORMATS: Record<string, string> = {
  bibtex: '@inproceedings{smith2020,\n  title = {Robust Learning, Revisited},\n  author = {Smith, John and Doe, Jane},\n  abstract = {We study robust learning. It works well in practice on many benchmarks, as we show.},\n  year = {2020}\n}\n',
  ris: 'TY  - JOUR\nTI  - Robust Learning, Revisited\nAU  - Smith, John\nAB  - We study robust learning. It works well in practice on many benchmarks, as we show.\nPY  - 2020\nER  - \n',
  json: '[\n  {\n    "title": "Robust Learning, Revisited",\n    "abstract": "We study robust learning. It works well in practice on many benchmarks, as we show, and more text follows here to make the line long enough to look like an abstract in a page.",\n    "author": "John Smith; Jane Doe"\n  }\n]\n',
  jsonl: '{"title":"Robust Learning","authors":["John Smith"],"abstract":"We study robust learning. It works well."}\n{"title":"Second","authors":[],"abstract":"Another abstract sentence that is long enough."}\n',
  csv: 'title,authors,abstract\n"Robust Learning, Revisited","John Smith; Jane Doe","We study robust learning. It works well in practice on many benchmarks, as we show."\nSecond Paper,Jane Doe,Short.\n',
  atom: '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>Robust Learning</title>\n<summary>We study robust learning. It works well in practice on many benchmarks, as we show.</summary>\n</entry>\n</feed>\n',
  openreview: '{"abc123": {"id": "abc123", "content": {"title": "Robust Learning", "abstract": "We study robust learning. It works well."}}}',
};

test('the page formats score near 0 on structured formats', () => {
  for (const [format, text] of Object.entries(OTHER_FORMATS)) {
    for (const importer of PAGE_IMPORTERS) assert.ok(importer.detect(text, `x.${format}`) < 0.05, `${importer.format} on ${format}`);
  }
  // The other importers' fixtures, whatever they hold when the test runs (structured-detect.test.ts names them).
  const names = fixtureNames();
  assert.ok(names.length >= 10, `only ${names.length} fixtures`);
  for (const name of names) {
    const text = fixture(name);
    for (const importer of PAGE_IMPORTERS) assert.ok(importer.detect(text, name) < 0.05, `${importer.format} on ${name}`);
  }
});

test('empty and chrome-only text scores 0', () => {
  for (const importer of PAGE_IMPORTERS) {
    assert.equal(importer.detect('', 'x.txt'), 0);
    assert.equal(importer.detect('Skip to yearly menu bar Skip to main content\nChat is not available.\n', 'x.txt') <= 0.3, true);
  }
});
