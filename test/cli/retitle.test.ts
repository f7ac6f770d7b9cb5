// `profile retitle`: the researcher's title for one of their papers, shown by `profile show` and
// named by reasons, until `--reset`; a paper not theirs, or no title, is one clear error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, runCli } from './run-cli.ts';

let dir: string;
let db: string;
const paperscout = (...args: string[]) => runCli(db, ...args);

/** In a library of the poster session, Mara's first paper (demo/my-papers.bib) is paper 25. */
const READER = 25;
const LIBRARY_TITLE = 'How Much Does the Reader Matter? Revisiting Reader Architectures in Retrieve-then-Read Question Answering';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-retitle-'));
  db = path.join(dir, 'library.db');
  assert.equal(paperscout('ingest', path.join(root, 'demo', 'poster-session.txt')).code, 0);
  assert.equal(paperscout('profile', 'create', 'Mara', '--from', path.join(root, 'demo', 'my-papers.bib')).code, 0);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The titles reasons give the reader paper, over the whole session's ranking. */
function reasonTitles(): Set<string> {
  const run = paperscout('recommend', '--profile', 'Mara', '--limit', '30', '--json');
  assert.equal(run.code, 0, run.stderr);
  const reasons = JSON.parse(run.stdout).recommendations.flatMap((r: { reasons: { paperId?: number; title?: string }[] }) => r.reasons);
  return new Set(reasons.filter((reason: { paperId?: number }) => reason.paperId === READER).map((reason: { title: string }) => reason.title));
}

test('a retitled paper is shown and named in reasons by its new title, and --reset gives back the library title', () => {
  const run = paperscout('profile', 'retitle', 'Mara', String(READER), '  Which   reader?  ');
  assert.deepEqual([run.code, run.stdout, run.stderr], [0, `Mara: [${READER}] is now named Which reader?\n`, '']);
  assert.match(paperscout('profile', 'show', 'Mara').stdout, new RegExp(`\\n${READER}  Which reader\\?  `));
  assert.deepEqual(reasonTitles(), new Set(['Which reader?']));

  const reset = paperscout('profile', 'retitle', 'Mara', String(READER), '--reset');
  assert.deepEqual([reset.code, reset.stdout], [0, `Mara: [${READER}] is now named ${LIBRARY_TITLE.slice(0, 89)}… (its title in the library)\n`]);
  assert.deepEqual(reasonTitles(), new Set([LIBRARY_TITLE]));
});

test('retitle refuses a paper not the profile\'s, an unknown profile, an empty title, and a title with --reset', () => {
  const refusals: [string[], string][] = [
    [['Mara', '1', 'x'], "paperscout: paper 1 is not one of the profile's own papers\n"],
    [['Nobody', String(READER), 'x'], 'paperscout: no profile named "Nobody" (see `paperscout profile list`)\n'],
    [['Mara', String(READER), ' '], 'paperscout: a title cannot be empty\n'],
    [['Mara', String(READER)], 'paperscout: give the new title, or --reset to use the title in the library again\n'],
    [['Mara', String(READER), 'x', '--reset'], 'paperscout: give the new title, or --reset to use the title in the library again\n'],
  ];
  for (const [args, message] of refusals) {
    const run = paperscout('profile', 'retitle', ...args);
    assert.deepEqual([run.code, run.stdout, run.stderr], [1, '', message], args.join(' '));
  }
  assert.doesNotMatch(paperscout('profile', 'show', 'Mara').stdout, /\bx\b/);
});
