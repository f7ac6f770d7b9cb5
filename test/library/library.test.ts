import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { exportJsonl } from '../../src/export/jsonl.ts';
import { needsShared } from '../requirements.ts';

const shared = path.resolve(import.meta.dirname, '../../../shared');
const seeds = path.join(shared, 'seeds');
const seed = (prefix: string) => path.join(seeds, fs.readdirSync(seeds).find((name) => name.startsWith(prefix))!);
const paperlists = (venue: string, year: number) => path.join(shared, 'corpora/paperlists', venue, `${venue}${year}.json`);
// The tests up to the bad files build on one library, ingested from these in turn.
const skip = needsShared('seeds', 'corpora/paperlists');

let dir: string;
let library: Library;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-library-'));
  library = Library.open(path.join(dir, 'library.db'));
});
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('ingesting the seeds stores every listing with its papers, metadata and positions', { skip }, async () => {
  const report = await ingestPaths(library, ['000', '001', '002', '003', '004'].map(seed));
  assert.deepEqual(report.failures, []);
  assert.deepEqual(
    report.outcomes.map((o) => [o.listing.format, o.listing.paperCount]),
    [
      ['abstract-list', 10],
      ['abstract-list', 10],
      ['session-page', 281],
      ['trending-feed', 335],
      ['session-page', 78],
    ],
  );
  const session = library.listing(path.basename(seed('002')))!;
  assert.equal(session.session, 'Poster Session 6');
  assert.equal(session.room, 'Halle B');
  const { total, papers } = library.papers({ listing: session.name });
  assert.equal(total, 281);
  assert.equal(papers.filter((p) => p.abstract === null).length, 2);
  assert.equal(papers[0].title, 'Real3D-Portrait: One-shot Realistic 3D Talking Portrait Synthesis');
  assert.equal(papers[0].authors.length, 14);
  assert.equal(papers[0].authors[13], 'Zhou Zhao');
  assert.deepEqual(papers[0].listings, [{ listing: session.name, listingId: session.id, position: 1 }]);
  assert.equal(papers[1].title, 'BatchPrompt: Accomplish more with less');
});

test('ingesting the same file again adds nothing and says so', { skip }, async () => {
  const before = library.stats();
  const report = await ingestPaths(library, [seed('002')]);
  assert.equal(report.outcomes.length, 1);
  assert.equal(report.outcomes[0].added, false);
  assert.equal(report.outcomes[0].newPapers, 0);
  const after = library.stats();
  assert.equal(after.papers, before.papers);
  assert.equal(after.listings, before.listings);
});

test('the last abstract of 000 and its 002 poster are linked as versions, both ways', { skip }, () => {
  const [poster] = library.search('"Two-stage LLM Fine-tuning with Less Specialization"').hits.map((h) => h.paper);
  assert.equal(poster.title, 'Two-stage LLM Fine-tuning with Less Specialization and More Generalization');
  const versions = library.possibleDuplicates(poster.id);
  assert.equal(versions.length, 1);
  const earlier = versions[0].paper;
  assert.equal(earlier.titleDerived, true);
  assert.match(earlier.abstract!, /^Pretrained large language models \(LLMs\) are strong in-context learners/);
  assert.equal(earlier.listings[0].listing, path.basename(seed('000')));
  assert.equal(earlier.listings[0].position, 10);
  assert.ok(versions[0].similarity > 0.25 && versions[0].similarity < 0.9, `similarity ${versions[0].similarity}`);
  assert.deepEqual(
    library.possibleDuplicates(earlier.id).map((v) => v.paper.id),
    [poster.id],
  );
});

test('the same papers from another source are merged, keeping both provenances', { skip }, async () => {
  const session = library.listing(path.basename(seed('002')))!;
  const exported = exportJsonl(library.papers({ listing: session.name }, { limit: 5 }).papers);
  const file = path.join(dir, 'reexport.jsonl');
  fs.writeFileSync(file, exported);
  const before = library.stats().papers;
  const [outcome] = (await ingestPaths(library, [file])).outcomes;
  assert.equal(outcome.newPapers, 0);
  assert.equal(outcome.mergedPapers, 5);
  assert.equal(library.stats().papers, before);
  const first = library.papers({ listing: 'reexport.jsonl' }).papers[0];
  assert.deepEqual(
    first.listings.map((l) => [l.listing, l.position]),
    [
      [session.name, 1],
      ['reexport.jsonl', 1],
    ],
  );
});

test('identifiers merge renamed papers; equal titles with disjoint authors stay apart', { skip }, async () => {
  const file = path.join(dir, 'ids.bib');
  fs.writeFileSync(
    file,
    `@article{a, title={Sparse Widgets for Everyone}, author={Lovelace, Ada}, year={2021}, eprint={2101.00001}, archivePrefix={arXiv}}
@article{c, title={QANet: Combining Local Convolution with Global Self-Attention for Reading Comprehension}, author={Turing, Alan}, year={2018}}
`,
  );
  const renamed = path.join(dir, 'ids-renamed.bib');
  fs.writeFileSync(
    renamed,
    `@article{b, title={Sparse Widgets for Everyone, Extended}, author={Lovelace, Ada}, year={2022}, journal={J. Widgets}, eprint={2101.00001}, archivePrefix={arXiv}}\n`,
  );
  await ingestPaths(library, [paperlists('iclr', 2018)]);
  const [outcome, renamedOutcome] = (await ingestPaths(library, [file, renamed])).outcomes;
  assert.deepEqual([outcome.newPapers, outcome.mergedPapers], [2, 0]);
  assert.deepEqual([renamedOutcome.newPapers, renamedOutcome.mergedPapers], [0, 1]);
  const qanet = library.search('QANet Combining Local Convolution').hits.map((h) => h.paper);
  assert.equal(qanet.length, 2);
  assert.deepEqual(qanet.map((p) => p.authors[0]).sort(), ['Adams Wei Yu', 'Alan Turing']);
});

test('the full-text index follows merges and stays consistent with the papers', { skip }, async () => {
  const file = path.join(dir, 'abstract-arrives.bib');
  fs.writeFileSync(
    file,
    `@article{x, title={Sparse Widgets for Everyone}, author={Lovelace, Ada}, eprint={2101.00001}, archivePrefix={arXiv},
  abstract={We fold quokka manifolds into widgets.}}
@article{y, title={Quokka Widgets Revisited}, author={Hopper, Grace}, abstract={Quokka widgets, twice.}}
`,
  );
  const keywords = path.join(dir, 'keywords-arrive.bib');
  fs.writeFileSync(keywords, `@article{z, title={Quokka Widgets Revisited}, author={Hopper, Grace}, keywords={marsupials}}\n`);
  const outcomes = (await ingestPaths(library, [file, keywords])).outcomes;
  assert.deepEqual(outcomes.map((outcome) => [outcome.newPapers, outcome.mergedPapers]), [[1, 1], [0, 1]]);
  const titles = (query: string) => library.search(query).hits.map((hit) => hit.paper.title).sort();
  assert.deepEqual(titles('quokka'), ['Quokka Widgets Revisited', 'Sparse Widgets for Everyone']);
  assert.deepEqual(titles('marsupials'), ['Quokka Widgets Revisited']);
  // FTS5 compares every indexed term with the papers' text and throws on any difference.
  library.db.prepare(`INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)`).run();
});

test('paperlists files keep venue, year, authors, links and ids', { skip }, () => {
  const [qanet] = library.search('QANet', { venue: 'iclr', year: 2018 }).hits.map((h) => h.paper);
  assert.equal(qanet.title, 'QANet: Combining Local Convolution with Global Self-Attention for Reading Comprehension');
  assert.equal(qanet.venue, 'ICLR');
  assert.equal(qanet.year, 2018);
  assert.deepEqual(qanet.authors, ['Adams Wei Yu', 'David Dohan', 'Minh-Thang Luong', 'Rui Zhao', 'Kai Chen', 'Mohammad Norouzi', 'Quoc V. Le']);
  assert.equal(qanet.ids.openreview, 'B14TlG-RW');
  // The three placeholder records ("withdrawn" by "withdrawn", "Withdrawn" twice) are skipped.
  assert.equal(library.listing('iclr2018.json')!.paperCount, 992);
  assert.equal(library.papers({ listing: 'iclr2018.json' }).total, 992);
});

test('search: phrases, prefixes, filters, snippets, and hostile queries', { skip }, () => {
  const phrase = library.search('"format specialization"');
  assert.equal(phrase.total, 2);
  assert.ok(phrase.hits.every((hit) => hit.snippet.some((run) => run.match && run.text === 'format specialization')));
  const prefix = library.search('specializ*');
  assert.ok(prefix.total > phrase.total);
  assert.equal(library.search('QANet', { venue: 'ICLR', year: 2017 }).total, 0);
  const byNorouzi = library.search('reading comprehension', { author: 'Norouzi' }).hits.map((hit) => hit.paper);
  assert.ok(byNorouzi.some((paper) => paper.title.startsWith('QANet')));
  assert.ok(byNorouzi.every((paper) => paper.authors.some((name) => name.includes('Norouzi'))));
  assert.equal(library.search('reading comprehension', { author: 'norouzi mohammad' }).total, 1);
  for (const hostile of ['"', 'NEAR(a b)', 'title:x', '*', 'a AND', '(', "'; DROP TABLE papers; --", '^x', '-x', '{title}: x', '\u0000']) {
    assert.doesNotThrow(() => library.search(hostile), hostile);
  }
  assert.equal(library.search('   ').total, 0);
  const page2 = library.search('learning', {}, { limit: 5, offset: 5 });
  assert.equal(page2.hits.length, 5);
  assert.notEqual(page2.hits[0].paper.id, library.search('learning', {}, { limit: 5 }).hits[0].paper.id);
});

test('bad files fail one by one with file and place named, nothing written, the rest ingested', async () => {
  const bad = path.join(dir, 'bad');
  fs.mkdirSync(bad);
  fs.writeFileSync(path.join(bad, 'a-empty.txt'), '');
  fs.writeFileSync(path.join(bad, 'b-binary.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0xff]));
  fs.writeFileSync(path.join(bad, 'c-truncated.json'), '[{"title": "A", "author": "B"}, {"title": "C", "auth');
  fs.writeFileSync(path.join(bad, 'd-broken.bib'), '@article{ok, title={Fine}, author={A, B}}\n@article{bad, title={Broken, author={C, D}\n');
  fs.writeFileSync(path.join(bad, 'i-broken.bib'), '@article{bad, title={Broken, author={C, D}\n');
  fs.writeFileSync(path.join(bad, 'e-unknown.txt'), 'just a line of prose.\nand another one.\n');
  fs.writeFileSync(
    path.join(bad, 'h-readme.md'),
    '# Notes\n\nThese are my reading notes for the conference, written over several evenings in the hotel.\n\n## Plan\n\nVisit the poster sessions on Tuesday and Wednesday, then the workshops on Friday morning.\n\n| day | what |\n|---|---|\n| Tue | posters |\n',
  );
  fs.writeFileSync(path.join(bad, 'f-good.jsonl'), '{"title": "A Good Paper About Widgets", "authors": ["Ada Lovelace"]}\n');
  const oversized = path.join(bad, 'g-huge.json');
  fs.closeSync(fs.openSync(oversized, 'w'));
  fs.truncateSync(oversized, 65 * 1024 * 1024);
  const before = library.stats();
  const report = await ingestPaths(library, [bad, path.join(dir, 'missing.txt')]);
  assert.deepEqual(
    report.outcomes.map((o) => path.basename(o.file)),
    ['d-broken.bib', 'f-good.jsonl'],
  );
  // One broken entry of two is skipped and named; the file goes in without it.
  assert.deepEqual(report.outcomes[0].skipped.map((skip) => [skip.entry, skip.key, skip.line]), [[2, 'bad', 2]]);
  const failures = Object.fromEntries(report.failures.map((f) => [path.basename(f.file), f]));
  assert.deepEqual(Object.keys(failures).sort(), ['a-empty.txt', 'b-binary.pdf', 'c-truncated.json', 'e-unknown.txt', 'g-huge.json', 'h-readme.md', 'i-broken.bib', 'missing.txt']);
  assert.match(failures['a-empty.txt'].message, /empty/);
  assert.match(failures['b-binary.pdf'].message, /binary/);
  assert.match(failures['c-truncated.json'].message, /truncated/);
  assert.match(failures['c-truncated.json'].location!, /^line 1, column \d+$/);
  assert.match(failures['i-broken.bib'].location!, /entry 1 \(bad\)/);
  assert.match(failures['e-unknown.txt'].message, /unknown format/);
  assert.match(failures['h-readme.md'].message, /unknown format/);
  assert.match(failures['g-huge.json'].message, /65\.0 MiB, over the 64 MiB limit/);
  assert.match(failures['missing.txt'].message, /no such file/);
  const after = library.stats();
  assert.equal(after.listings, before.listings + 2);
  assert.equal(after.papers, before.papers + 2);
});
