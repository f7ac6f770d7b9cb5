import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { idsDiffer } from '../../src/library/identity.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/formats');

function withLibrary(run: (library: Library, dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-identity-'));
    const library = Library.open(path.join(dir, 'library.db'));
    try {
      await run(library, dir);
    } finally {
      library.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('idsDiffer: an identifier of the same kind that differs, and only that', () => {
  assert.equal(idsDiffer({ doi: '10.1/a' }, { doi: '10.1/b' }), true);
  assert.equal(idsDiffer({ doi: '10.1/a', arxiv: '2101.00001' }, { arxiv: '2101.00001', doi: '10.1/b' }), true);
  assert.equal(idsDiffer({ doi: '10.1/a' }, { arxiv: '2101.00001' }), false);
  assert.equal(idsDiffer({ openreview: 'x' }, { openreview: 'x' }), false);
  assert.equal(idsDiffer({}, { openreview: 'x' }), false);
});

test('a DBLP list keeps every entry in order, versions of one work linked, different DOIs apart', withLibrary(async (library) => {
  const [outcome] = (await ingestPaths(library, [path.join(fixtures, 'dblp-versions.bib')])).outcomes;
  assert.equal(outcome.listing.paperCount, 5);
  assert.deepEqual([outcome.newPapers, outcome.mergedPapers], [5, 0]);
  const { papers, total } = library.papers({ listing: 'dblp-versions.bib' });
  assert.equal(total, 5);
  assert.deepEqual(
    papers.map((paper) => [paper.title, paper.year, paper.ids.doi ?? paper.ids.arxiv, paper.listings[0].position]),
    [
      ['Sparse Widget Folding', 2023, '10.5555/jwr.2023.0042', 1],
      ['Sparse Widget Folding', 2022, '10.5555/wconf.2022.17', 2],
      ['Sparse Widget Folding', 2022, '2201.00042', 3],
      ['Widgets', 2021, '10.5555/wconf.2021.3', 4],
      ['Widgets', 2021, '10.5555/jwr.2021.0007', 5],
    ],
  );
  const [journal, conference, preprint, widgets, otherWidgets] = papers;
  // Each later version is linked to the first of the list: both stay shown.
  const links = (id: number) => library.possibleDuplicates(id).map((link) => [link.paper.id, link.similarity]);
  assert.deepEqual(links(journal.id), [[conference.id, 1], [preprint.id, 1]]);
  assert.deepEqual(links(widgets.id), [[otherWidgets.id, 1]]);
  assert.equal(outcome.versionLinks, 3);
}));

test('the same DOI from another listing still merges; a different one does not', withLibrary(async (library, dir) => {
  await ingestPaths(library, [path.join(fixtures, 'dblp-versions.bib')]);
  const other = path.join(dir, 'other.jsonl');
  fs.writeFileSync(
    other,
    [
      '{"title": "Sparse widget folding", "authors": ["A. Lovelace"], "ids": {"doi": "10.5555/wconf.2022.17"}, "abstract": "We fold widgets."}',
      '{"title": "Widgets", "authors": ["Ada Lovelace"], "ids": {"doi": "10.5555/other.1"}}',
    ].join('\n'),
  );
  const [outcome] = (await ingestPaths(library, [other])).outcomes;
  assert.deepEqual([outcome.newPapers, outcome.mergedPapers], [1, 1]);
  const merged = library.papers({ listing: 'dblp-versions.bib' }).papers[1];
  assert.equal(merged.abstract, 'We fold widgets.');
}));

test('the same identifier twice in a listing is one paper at both positions', withLibrary(async (library, dir) => {
  const file = path.join(dir, 'twice.jsonl');
  fs.writeFileSync(
    file,
    [
      '{"title": "Numbat Foraging", "authors": ["Bo Reed"], "ids": {"arxiv": "2401.00002"}}',
      '{"title": "Quokka Gaits", "authors": ["Ada Quill"]}',
      '{"title": "Numbat Foraging", "authors": ["Bo Reed"], "ids": {"arxiv": "2401.00002"}, "abstract": "Termite mounds."}',
    ].join('\n'),
  );
  const [outcome] = (await ingestPaths(library, [file])).outcomes;
  assert.deepEqual([outcome.listing.paperCount, outcome.newPapers, outcome.mergedPapers], [3, 2, 1]);
  const [numbat] = library.papers({ listing: 'twice.jsonl' }).papers;
  assert.equal(numbat.abstract, 'Termite mounds.');
  assert.deepEqual(numbat.listings.map((where) => where.position), [1, 3]);
}));
