// Listings from the command line: --listing takes a name, its start, an id or the file; `listing
// edit` renames and relabels; `listing remove` says plainly which papers go; `recommend --json`
// carries the researcher's own work as `yours`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, runCli } from './run-cli.ts';

const demo = (name: string) => path.join(root, 'demo', name);

let dir: string;
let db: string;

const paperscout = (...args: string[]) => runCli(db, ...args);

const json = (...args: string[]) => {
  const run = paperscout(...args, '--json');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
};

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-listings-'));
  db = path.join(dir, 'library.db');
  assert.equal(paperscout('ingest', demo('poster-session.txt'), demo('trending.html')).code, 0);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('--listing takes the start of a name, an id or the file, wherever the file lies', () => {
  assert.equal(json('list', '--listing', 'poster').length, 24);
  assert.equal(json('list', '--listing', '2').length, 8);
  const copy = path.join(dir, 'saved-again.html');
  fs.copyFileSync(demo('trending.html'), copy);
  const exported = paperscout('export', '--format', 'jsonl', '--listing', copy);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout.trimEnd().split('\n').length, 8);
  assert.deepEqual(json('search', 'rewiring', '--listing', 'trend').map((hit: { title: string }) => hit.title), ['Beyond Oversquashing: Curvature-Guided Edge Rewiring for Long-Range Graph Neural Networks']);
  const missing = paperscout('list', '--listing', 'nope');
  assert.deepEqual([missing.code, missing.stderr], [1, 'paperscout: no listing named "nope" (see `paperscout listings`)\n']);
});

test('listing edit renames and relabels, and its papers follow', () => {
  const run = paperscout('listing', 'edit', 'poster', '--name', 'iclr-posters', '--venue', 'ICLR', '--year', '2024');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'Listing 1 is "iclr-posters": venue ICLR, year 2024, session Poster Session 3, room Hall C.\n  24 of its papers took the new venue.\n  24 of its papers took the new year.\n');
  assert.equal(json('list', '--listing', 'iclr').filter((paper: { venue: string; year: number }) => paper.venue === 'ICLR' && paper.year === 2024).length, 24);
  const taken = paperscout('listing', 'edit', 'iclr', '--name', 'trending.html');
  assert.deepEqual([taken.code, taken.stderr], [1, 'paperscout: a listing named "trending.html" exists already\n']);
  const nothing = paperscout('listing', 'edit', 'iclr');
  assert.deepEqual([nothing.code, nothing.stderr], [1, 'paperscout: nothing to change: give a new name, venue, year, session or room\n']);
});

test("recommend --json: the ranking and the researcher's own work, apart, in one object", () => {
  assert.equal(paperscout('profile', 'create', 'mara', '--from', demo('my-papers.bib')).code, 0);
  const result = json('recommend', '--listing', 'iclr', '--limit', '3');
  assert.deepEqual(Object.keys(result), ['recommendations', 'yours', 'topics']);
  assert.equal(result.recommendations.length, 3);
  assert.ok(result.recommendations.every((item: { score: number; reasons: unknown[]; listings: unknown[] }) => typeof item.score === 'number' && item.reasons.length > 0 && item.listings.length > 0));
  assert.deepEqual(
    result.yours.map((own: { title: string; ownPaperId: number }) => [own.title, typeof own.ownPaperId]),
    [['Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval', 'number']],
  );
});

test('listing remove says which papers go with it and which stay, and a dry run changes nothing', () => {
  const [rated] = json('list', '--listing', 'iclr').filter((paper: { listings: unknown[] }) => paper.listings.length === 1);
  assert.equal(paperscout('rate', String(rated.id), 'up').code, 0);
  const dry = paperscout('listing', 'remove', 'iclr', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(
    dry.stdout,
    [
      'Removing listing 1 "iclr-posters" (24 paper(s)) would:',
      '  delete the 21 paper(s) in no other listing, with their ratings and their places in profiles;',
      '  keep the 3 paper(s) also in other listings;',
      '  take from profile mara: 1 of its ratings;',
      'Nothing was changed: run it again without --dry-run to remove the listing.',
      '',
    ].join('\n'),
  );
  assert.equal(json('listings').length, 3);
  const removed = paperscout('listing', 'remove', '1');
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(
    removed.stdout,
    [
      'Removed listing 1 "iclr-posters" (24 paper(s)).',
      '  21 paper(s) were in no other listing: deleted from the library, with their ratings and their places in profiles.',
      '  3 paper(s) are also in other listings: they stay.',
      '  Lost by profile mara: 1 of its ratings.',
      '',
    ].join('\n'),
  );
  assert.deepEqual(json('listings').map((listing: { name: string }) => listing.name), ['trending.html', 'my-papers.bib']);
  assert.equal(json('stats').papers, 8 + 5);
  assert.equal(paperscout('show', String(rated.id)).code, 1);
});
