// Every test file that reads ../shared or drives chromium declares it through test/requirements.ts,
// so that a clone without them skips those tests with a reason instead of failing on a missing file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED, needsChromiumAt, needsShared } from '../requirements.ts';

const testRoot = path.resolve(import.meta.dirname, '..');

// A path ending in ../shared or a 'shared' path segment, /work/shared, or the `shared` reader of files.ts.
const READS_SHARED = /\.\.\/shared\b|['"]shared['"]|\/work\/shared\b|import\s*\{[^}]*\bshared\b[^}]*\}\s*from\s*['"][^'"]*\/files\.ts['"]/;
const DRIVES_CHROMIUM = /from\s*['"]playwright(-core)?['"]|\/usr\/bin\/chromium/;

/** What a test file's source needs from outside the repository and does not declare. */
function undeclaredNeeds(source: string): string[] {
  const undeclared: string[] = [];
  if (READS_SHARED.test(source) && !/\bneedsShared\(/.test(source)) undeclared.push('../shared');
  if (DRIVES_CHROMIUM.test(source) && !/\bneedsChromium\b/.test(source)) undeclared.push('chromium');
  return undeclared;
}

function testFiles(): string[] {
  return fs
    .readdirSync(testRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

/** Runs `declare` with PAPERSCOUT_NO_SKIP as given, whatever the environment of the test run. */
function withNoSkip<T>(value: string | undefined, declare: () => T): T {
  const saved = process.env.PAPERSCOUT_NO_SKIP;
  if (value === undefined) delete process.env.PAPERSCOUT_NO_SKIP;
  else process.env.PAPERSCOUT_NO_SKIP = value;
  try {
    return declare();
  } finally {
    if (saved === undefined) delete process.env.PAPERSCOUT_NO_SKIP;
    else process.env.PAPERSCOUT_NO_SKIP = saved;
  }
}

test('the scan recognises each way a test reaches ../shared or chromium, and its declaration', () => {
  const cases: [string, string[]][] = [
    ["const seeds = path.resolve(root, '../shared/seeds');", ['../shared']],
    ["const dir = path.resolve(here, '..', '..', '..', 'shared', 'seeds');", ['../shared']],
    ["import { fixture, shared } from './files.ts';", ['../shared']],
    ["import { shared } from '../importers/files.ts';", ['../shared']],
    ["readFileSync('/work/shared/seeds/000.txt');", ['../shared']],
    ["import { chromium } from 'playwright-core';", ['chromium']],
    ["launch({ executablePath: '/usr/bin/chromium' });", ['chromium']],
    ["import { shared } from './files.ts';\nconst skip = needsShared('seeds');", []],
    ["import { chromium } from 'playwright-core';\nimport { needsChromium } from '../requirements.ts';", []],
    // Words that merely contain "shared" are no use of the folder.
    ["import { sharedTerms } from '../../src/engine/score.ts';\nassert.ok(reasons[0].sharedTerms.length > 0);", []],
    ["import { fixture } from './files.ts'; // the shared helpers", []],
  ];
  for (const [source, expected] of cases) assert.deepEqual(undeclaredNeeds(source), expected, source);
});

test('every test file that reads ../shared or drives chromium declares it', () => {
  const sources = new Map(testFiles().map((file) => [file, fs.readFileSync(path.join(testRoot, file), 'utf8')]));
  const undeclared = [...sources].flatMap(([file, source]) => undeclaredNeeds(source).map((need) => `${file} uses ${need}`));
  assert.deepEqual(undeclared, [], 'declare it with { skip: needsShared(folder) } or { skip: needsChromium } from test/requirements.ts');
  // The scan still sees the files known to need them (it would pass vacuously if it saw none).
  const reading = [...sources].filter(([, source]) => READS_SHARED.test(source)).map(([file]) => file);
  for (const file of ['cli/cli.test.ts', 'actions/recommend.test.ts', 'importers/page-corpus.test.ts', 'importers/openreview.test.ts', 'library/library.test.ts']) {
    assert.ok(reading.includes(file), `${file} not seen reading ../shared`);
  }
  assert.ok(DRIVES_CHROMIUM.test(sources.get('web/browser.test.ts') ?? ''), 'web/browser.test.ts not seen driving chromium');
});

test('a missing requirement is one line naming it and where to get it; with PAPERSCOUT_NO_SKIP it is an error', () => {
  withNoSkip(undefined, () => {
    assert.equal(
      needsShared('no-such-folder', 'nor/this'),
      `needs ../shared/no-such-folder and ../shared/nor/this: the project's data folder, checked out beside this one (README, "Tests")`,
    );
    assert.equal(
      needsChromiumAt('/no/such/chromium'),
      'needs chromium at /no/such/chromium: apt-get install chromium, or set PAPERSCOUT_CHROMIUM to a chromium binary (README, "Tests")',
    );
  });
  withNoSkip('1', () => {
    assert.throws(() => needsShared('no-such-folder'), {
      message: `needs ../shared/no-such-folder: the project's data folder, checked out beside this one (README, "Tests") (PAPERSCOUT_NO_SKIP is set, so tests may not skip)`,
    });
    assert.throws(() => needsChromiumAt('/no/such/chromium'), {
      message: 'needs chromium at /no/such/chromium: apt-get install chromium, or set PAPERSCOUT_CHROMIUM to a chromium binary (README, "Tests") (PAPERSCOUT_NO_SKIP is set, so tests may not skip)',
    });
  });
});

test('what is at hand is no reason to skip', () => {
  withNoSkip('1', () => {
    assert.equal(needsShared(path.relative(SHARED, testRoot), path.relative(SHARED, import.meta.dirname)), false);
    assert.equal(needsChromiumAt(process.execPath), false);
  });
});
