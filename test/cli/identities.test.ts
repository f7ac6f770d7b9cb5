// `profile create|add --author` when a name may be several people: the identities listed with
// what tells them apart, a non-zero exit asking to pick, and --identity picking.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, runCli } from './run-cli.ts';


let dir: string;
let db: string;

const paperscout = (...args: string[]) => runCli(db, ...args);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-identities-'));
  db = path.join(dir, 'library.db');
  assert.equal(paperscout('ingest', path.join(root, 'test/fixtures/identities/yong-liu.jsonl')).code, 0);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a name that may be several people is listed by identity, and nothing is added until one is picked', () => {
  const asked = paperscout('profile', 'create', 'yong', '--author', 'Yong Liu');
  assert.equal(asked.code, 1);
  assert.equal(asked.stdout, '');
  assert.equal(
    asked.stderr,
    [
      'paperscout: "Yong Liu" may be 3 people in the library (papers connected through shared co-authors are one): pick the ones that are you:',
      '  1. 3 paper(s); with Wei Chen (2), Li Na (2); ICML 2023, NeurIPS 2022, KDD 2021',
      '       Extreme Multi-label Classification with Label Trees',
      '       Negative Sampling for Extreme Classification',
      '       Label Embeddings at Scale',
      '  2. 2 paper(s); with Maria Garcia (2), John Smith (1); CoRL 2022, ICRA 2023',
      '       Terrain-Aware Locomotion from Proprioception',
      '       Legged Robots on Ice',
      '  3. 1 paper(s); no co-authors; COLT 2020',
      '       A Note on Convex Bandits',
      'paperscout: say which with --identity N (several: --identity 1,3); nothing was added',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(paperscout('profile', 'list').stdout, /yong/);

  const picked = paperscout('profile', 'create', 'yong', '--author', 'Yong Liu', '--identity', '1,3');
  assert.deepEqual([picked.code, picked.stdout], [0, 'yong: 4 paper(s) added from papers by Yong Liu (4 listed)\n']);
  // Adding by the name again: identity 2 holds none of the profile's papers, so it asks, marking what the profile has.
  const again = paperscout('profile', 'add', 'yong', '--author', 'LIU YONG');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^ {2}1\. 3 paper\(s\), 3 in the profile already; with Wei Chen/m);
  assert.match(again.stderr, /^ {2}2\. 2 paper\(s\); with Maria Garcia/m);
  const bad = paperscout('profile', 'add', 'yong', '--author', 'Yong Liu', '--identity', '2,x');
  assert.deepEqual([bad.code, bad.stderr], [1, 'paperscout: --identity takes the numbers of identities as listed, e.g. 2 or 1,3, not "2,x"\n']);
  const unknown = paperscout('profile', 'add', 'yong', '--author', 'Yong Liu', '--identity', '5');
  assert.deepEqual([unknown.code, unknown.stderr], [1, 'paperscout: "Yong Liu" has identities 1 to 3 in the library, not 5\n']);
  assert.match(paperscout('profile', 'show', 'yong').stdout, /^yong: 4 paper\(s\), 0 rating\(s\)/);
});
