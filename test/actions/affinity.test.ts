import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readExpertiseInputs, runAffinity, type AffinityRun } from '../../src/actions/affinity.ts';
import { libraryEvidence } from '../../src/engine/affinity-v2.ts';
import { FeatureIndex } from '../../src/engine/feature-index.ts';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { libraryFeatures } from '../../src/actions/library-features.ts';
import { loadBackground } from '../../src/engine/background.ts';
import { BackgroundMissingError } from '../../src/engine/errors.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'expertise');
const submissions = path.join(fixture, 'submissions.json');
const archives = path.join(fixture, 'archives');
const REVIEWERS = ['~Alice_Graph1', '~Bob_Robot1', '~Carol_Lang1', '~Dan_Empty1'];
const PAPERS = ['sub-gnn', 'sub-robot', 'sub-mt', 'sub-bayes'];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-affinity-'));

/** Runs the action into a CSV in tmp; returns 'paper reviewer' -> score. */
function scoresOf(name: string, engine?: AffinityRun['engine']): Map<string, number> {
  const out = path.join(tmp, `${name}.csv`);
  runAffinity({ submissions, archives, out, engine });
  return new Map(fs.readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => {
    const [paper, reviewer, score] = line.split(',');
    return [`${paper} ${reviewer}`, Number(score)];
  }));
}
const ON_TOPIC: [string, string][] = [['~Alice_Graph1', 'sub-gnn'], ['~Bob_Robot1', 'sub-robot'], ['~Carol_Lang1', 'sub-mt']];

test('inputs: note ids as paper ids, archive file names (with ~) as reviewer ids, a blank archive as no papers', () => {
  const inputs = readExpertiseInputs(submissions, archives);
  assert.deepEqual(inputs.submissions.map((s) => s.id), PAPERS);
  assert.deepEqual(inputs.reviewers.map((r) => r.id), REVIEWERS);
  assert.deepEqual(inputs.reviewers.map((r) => r.publications.length), [2, 2, 1, 0]);
});

test('CSV output: one paperId,reviewerId,score line for every pair, and each reviewer prefers their topic', () => {
  const out = path.join(tmp, 'scores.csv');
  assert.equal(runAffinity({ submissions, archives, out }), 16);
  const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 16);
  const scores = new Map<string, number>();
  for (const line of lines) {
    const [paper, reviewer, score, ...rest] = line.split(',');
    assert.equal(rest.length, 0);
    assert.match(score, /^-?\d+(\.\d+)?(e-?\d+)?$/);
    scores.set(`${paper} ${reviewer}`, Number(score));
  }
  for (const paper of PAPERS) for (const reviewer of REVIEWERS) assert.ok(scores.has(`${paper} ${reviewer}`), `${paper} ${reviewer}`);
  const best = (reviewer: string) => PAPERS.reduce((a, b) => (scores.get(`${a} ${reviewer}`)! >= scores.get(`${b} ${reviewer}`)! ? a : b));
  assert.equal(best('~Alice_Graph1'), 'sub-gnn');
  assert.equal(best('~Bob_Robot1'), 'sub-robot');
  assert.equal(best('~Carol_Lang1'), 'sub-mt');
  assert.deepEqual(PAPERS.map((p) => scores.get(`${p} ~Dan_Empty1`)), [0, 0, 0, 0]);
});

test('JSON output when --out ends in .json: {reviewerId: {paperId: score}}, same scores as CSV', () => {
  const json = path.join(tmp, 'scores.json');
  const csv = path.join(tmp, 'again.csv');
  runAffinity({ submissions, archives, out: json });
  runAffinity({ submissions, archives, out: csv });
  const nested = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, Record<string, number>>;
  assert.deepEqual(Object.keys(nested), REVIEWERS);
  for (const line of fs.readFileSync(csv, 'utf8').trimEnd().split('\n')) {
    const [paper, reviewer, score] = line.split(',');
    assert.equal(nested[reviewer][paper], Number(score));
  }
});

test('v2 by default: scores are z-scores against the background sample, on-topic far out, the rest near 0', () => {
  const scores = scoresOf('default');
  for (const [reviewer, paper] of ON_TOPIC) {
    assert.ok(scores.get(`${paper} ${reviewer}`)! > 5, `${paper} ${reviewer}: ${scores.get(`${paper} ${reviewer}`)}`);
    for (const other of PAPERS.filter((p) => p !== paper)) assert.ok(Math.abs(scores.get(`${other} ${reviewer}`)!) < 2, `${other} ${reviewer}`);
  }
  // v1's scores are similarities, never below 0; a z-score of an unrelated paper is below the background's mean about half the time.
  assert.ok([...scores.values()].some((score) => score < 0));
  assert.deepEqual(scores, scoresOf('explicit-v2', { name: 'v2', background: loadBackground() }));
});

test("v2 with a library: z-scored against the library's reference sample", () => {
  const background = loadBackground();
  const { submissions: papers } = readExpertiseInputs(submissions, archives);
  // A library of the four submissions: its reference sample is all four, so each reviewer's four
  // scores average 0 (within the rounding of the index's int8 vectors, against the submissions' own).
  const index = new FeatureIndex(background.dense);
  index.add(papers.map((paper, i) => ({ ...paper, id: i + 1 })));
  const scores = scoresOf('library', { name: 'v2', background, library: libraryEvidence(index, background) });
  for (const [reviewer, paper] of ON_TOPIC) {
    const mean = PAPERS.reduce((sum, p) => sum + scores.get(`${p} ${reviewer}`)!, 0) / PAPERS.length;
    assert.ok(Math.abs(mean) < 1e-3, `${reviewer}: mean ${mean}`);
    assert.equal(PAPERS.reduce((a, b) => (scores.get(`${a} ${reviewer}`)! >= scores.get(`${b} ${reviewer}`)! ? a : b)), paper);
  }
});

test("--db: the library's own feature index is the evidence, scoring as the same papers indexed directly", async () => {
  const background = loadBackground();
  const { submissions: papers } = readExpertiseInputs(submissions, archives);
  const library = Library.open(path.join(tmp, 'evidence.db'));
  try {
    await ingestPaths(library, [submissions]);
    const direct = new FeatureIndex(background.dense);
    direct.add(papers.map((paper, i) => ({ ...paper, id: i + 1 })));
    assert.deepEqual(
      scoresOf('from-library', { name: 'v2', background, library: libraryEvidence(libraryFeatures(library), background) }),
      scoresOf('direct', { name: 'v2', background, library: libraryEvidence(direct, background) }),
    );
  } finally {
    library.close();
  }
});

test('--engine v1 still scores with the previous engine (for the benchmark table)', () => {
  const v1 = scoresOf('v1', { name: 'v1' });
  assert.ok([...v1.values()].every((score) => score >= 0));
  for (const [reviewer, paper] of ON_TOPIC) assert.ok(v1.get(`${paper} ${reviewer}`)! > 1, `${paper} ${reviewer}`);
  const out = path.join(tmp, 'cli-v1.csv');
  const cli = (engine: string) => spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../src/cli/main.ts'),
    'affinity', '--submissions', submissions, '--archives', archives, '--out', out, '--engine', engine], { encoding: 'utf8' });
  const run = cli('v1');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.readFileSync(out, 'utf8'), fs.readFileSync(path.join(tmp, 'v1.csv'), 'utf8'));
  const wrong = cli('v3');
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /argument 'v3' is invalid. Allowed choices are v2, v1/);
});

test('a missing background model is one clear error', () => {
  const missing = path.join(tmp, 'no-such-background.bin');
  assert.throws(() => loadBackground(missing), (error) => error instanceof BackgroundMissingError && error.message === `no background model at ${missing}: the package is incomplete (in a checkout, run npm run build:background)`);
});

test('unreadable inputs are clear errors', () => {
  assert.throws(() => readExpertiseInputs(path.join(fixture, 'missing.json'), archives), /cannot read .*missing\.json/);
  assert.throws(() => readExpertiseInputs(submissions, path.join(fixture, 'nowhere')), /cannot read archives folder/);
  const bad = path.join(tmp, 'bad');
  fs.mkdirSync(bad, { recursive: true });
  fs.writeFileSync(path.join(bad, '~X.jsonl'), '{"id": "x", "content": {"title": "ok"}}\nnot json\n');
  assert.throws(() => readExpertiseInputs(submissions, bad), /~X\.jsonl:entry 2, line 2: invalid JSON/);
});
