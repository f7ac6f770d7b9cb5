import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { digest, latestDigests, type Digest } from '../../src/actions/digest.ts';
import { InputError, NotFoundError } from '../../src/actions/errors.ts';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/digest', name);

let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-digest-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A library with the profile `mara` made of mine.jsonl (a paper on graph networks, one on robot grasping). */
async function libraryWithProfile(name: string): Promise<Library> {
  const library = Library.open(path.join(dir, `${name}.db`));
  const mine = await ingestPaths(library, [fixture('mine.jsonl')]);
  library.createProfile('mara');
  library.addListingsToProfile(library.profile('mara')!, mine.outcomes.map((o) => o.listing.id));
  return library;
}

const titles = (made: Digest) => made.entries.map((entry) => entry.paper.title);
const idOf = (library: Library, title: string) => library.papers().papers.find((paper) => paper.title === title)!.id;

test('a second fetch overlapping the first: only the new papers, each once, versions folded', async () => {
  const library = await libraryWithProfile('loop');
  await ingestPaths(library, [fixture('fetch-a.jsonl')]);
  const first = digest(library, 'mara');
  assert.equal(first.id, 1);
  assert.deepEqual(new Set(titles(first)), new Set([
    'On the Expressive Power of Graph Neural Networks',
    'Oversmoothing in Deep Graph Convolutional Networks',
    'Tactile Feedback for Dexterous In-Hand Manipulation',
    'Neural Machine Translation for Low-Resource Languages',
    'Scalable Variational Inference for Bayesian Hierarchical Models',
  ]));
  // The profile's own two papers arrived too, and are not recommended.
  assert.deepEqual([first.candidates, first.alreadyShown, first.lastPaperId, first.afterPaperId], [7, 0, 7, undefined]);
  assert.deepEqual(first.entries.map((entry) => entry.rank), [1, 2, 3, 4, 5]);
  // Two topics (graphs, grasping): the entries come by topic, each group in rank order.
  assert.equal(first.groups.length, 2);
  assert.deepEqual(first.groups.flatMap((group) => group.entries).length, 5);
  for (const group of first.groups) {
    assert.ok(group.topic);
    assert.ok(group.entries.every((entry) => entry.topic?.key === group.topic!.key));
  }
  assert.equal(first.entries[0].paper.title, 'On the Expressive Power of Graph Neural Networks');
  assert.equal(first.entries[0].reasons[0].kind, 'yours');
  assert.equal(first.entries[0].reasons[0].title, 'Message Passing Graph Neural Networks for Molecular Property Prediction');

  // fetch-b: two papers of fetch-a again (merged), four new works, an arXiv version of a paper
  // already shown, and two versions of one new work.
  const report = await ingestPaths(library, [fixture('fetch-b.jsonl')]);
  assert.deepEqual([report.outcomes[0].newPapers, report.outcomes[0].mergedPapers, report.outcomes[0].versionLinks], [6, 2, 2]);
  const second = digest(library, 'mara');
  assert.deepEqual(new Set(titles(second).slice(0, 2)), new Set(['Scalable Node Classification on Large Graphs by Neighbour Sampling', 'Sim-to-Real Transfer of Grasping Skills with Domain Randomization']));
  assert.equal(second.entries.length, 4);
  assert.ok(titles(second).includes('Back-Translation at Scale for Machine Translation'));
  const hmc = second.entries.find((entry) => /Hamiltonian/.test(entry.paper.title))!;
  const versions = [idOf(library, 'Hamiltonian Monte Carlo with Adaptive Step Sizes'), idOf(library, 'Step-Size Adaptation for Hamiltonian Samplers, Revisited')];
  assert.deepEqual([hmc.paper.id, ...hmc.versions].sort((a, b) => a - b), versions);
  assert.ok(!titles(second).includes('How Expressive Are Message Passing Networks?'));
  assert.deepEqual([second.candidates, second.alreadyShown, second.afterPaperId, second.lastPaperId], [6, 1, 7, 13]);

  const third = digest(library, 'mara');
  assert.deepEqual([third.candidates, third.entries.length, third.groups.length], [0, 0, 0]);

  // As recorded: what was shown, in its order, with its reasons.
  const [latest, previous] = latestDigests(library, 'mara', 2);
  assert.deepEqual([latest.id, previous.id], [3, 2]);
  assert.deepEqual(previous.entries, second.entries.map((entry) => ({ ...entry, paper: library.paper(entry.paper.id)! })));
  assert.equal(previous.alreadyShown, 1);
  library.close();
});

test('a preview records nothing; papers shown are never shown again, even to --since a date', async () => {
  const library = await libraryWithProfile('preview');
  await ingestPaths(library, [fixture('fetch-a.jsonl')]);
  const preview = digest(library, 'mara', { limit: 2, record: false });
  assert.equal(preview.id, undefined);
  assert.deepEqual(digest(library, 'mara', { limit: 2, record: false }).entries, preview.entries);
  assert.deepEqual(latestDigests(library, 'mara'), []);
  const shown = digest(library, 'mara', { limit: 2 });
  assert.deepEqual(titles(shown), titles(preview));
  // The papers not shown arrived before this digest: the next digest starts after them…
  assert.equal(digest(library, 'mara', { record: false }).candidates, 0);
  // …and asking for everything listed since a date brings them, and not the two shown.
  const since = digest(library, 'mara', { since: '2000-01-01', record: false });
  assert.deepEqual([since.candidates, since.alreadyShown, since.entries.length, since.sinceDate], [7, 2, 3, '2000-01-01T00:00:00.000Z']);
  assert.ok(since.entries.every((entry) => !titles(shown).includes(entry.paper.title)));
  // A date after every listing: nothing.
  assert.equal(digest(library, 'mara', { since: '2999-01-01T00:00Z', record: false }).candidates, 0);
  library.close();
});

test('bad input: an unknown profile, a date that is none, a limit under 1; nothing is recorded', async () => {
  const library = await libraryWithProfile('errors');
  assert.throws(() => digest(library, 'nobody'), (error) => error instanceof NotFoundError && error.message === 'no profile named "nobody"');
  for (const since of ['2026-02-30', 'yesterday', '2026-05-01T10:00', '']) {
    assert.throws(() => digest(library, 'mara', { since }), (error) => error instanceof InputError && error.about === 'since', since);
  }
  assert.throws(() => digest(library, 'mara', { limit: 0 }), (error) => error instanceof InputError && error.about === 'limit');
  assert.throws(() => latestDigests(library, 'nobody'), NotFoundError);
  assert.deepEqual(latestDigests(library, 'mara'), []);
  library.close();
});
