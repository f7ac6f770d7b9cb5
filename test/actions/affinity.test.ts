import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readExpertiseInputs, runAffinity } from '../../src/actions/affinity.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'expertise');
const submissions = path.join(fixture, 'submissions.json');
const archives = path.join(fixture, 'archives');
const REVIEWERS = ['~Alice_Graph1', '~Bob_Robot1', '~Carol_Lang1', '~Dan_Empty1'];
const PAPERS = ['sub-gnn', 'sub-robot', 'sub-mt', 'sub-bayes'];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-affinity-'));

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

test('unreadable inputs are clear errors', () => {
  assert.throws(() => readExpertiseInputs(path.join(fixture, 'missing.json'), archives), /cannot read .*missing\.json/);
  assert.throws(() => readExpertiseInputs(submissions, path.join(fixture, 'nowhere')), /cannot read archives folder/);
  const bad = path.join(tmp, 'bad');
  fs.mkdirSync(bad, { recursive: true });
  fs.writeFileSync(path.join(bad, '~X.jsonl'), '{"id": "x", "content": {"title": "ok"}}\nnot json\n');
  assert.throws(() => readExpertiseInputs(submissions, bad), /~X\.jsonl:line 2, column 2: invalid JSON/);
});
