// bench:scale-data's recombination (bench/scale-corpus.ts) on a corpus of two small venues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeScaleCorpus } from '../../bench/scale-corpus.ts';

const source = path.resolve(import.meta.dirname, '../fixtures/scale-corpus');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-corpus-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

interface Written {
  id: string;
  title: string;
  author?: string;
  abstract?: string;
  [field: string]: unknown;
}

/** The corpus's files (relative names) with their records, in name order. */
function readCorpus(dir: string): Map<string, Written[]> {
  const files = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json')).sort();
  return new Map(files.map((file) => [file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Written[]]));
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const [file, entries] of readCorpus(dir)) hash.update(file).update(JSON.stringify(entries));
  return hash.digest('hex');
}

const sourceOf = (venue: string) => JSON.parse(fs.readFileSync(path.join(source, venue, `${venue}${venue === 'alpha' ? 2020 : 2019}.json`), 'utf8')) as Written[];
const wordsOf = (texts: (string | undefined)[]) => new Set(texts.flatMap((text) => text?.split(/\s+/) ?? []));

test('the same seed writes the same bytes, another seed other papers', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((name) => path.join(scratch, name));
  writeScaleCorpus(source, a, 300, 7);
  writeScaleCorpus(source, b, 300, 7);
  writeScaleCorpus(source, c, 300, 8);
  assert.equal(digest(a), digest(b));
  assert.notEqual(digest(a), digest(c));
});

test('rounds over the source files, years going back, until N papers', () => {
  const out = path.join(scratch, 'rounds');
  const report = writeScaleCorpus(source, out, 20, 1);
  assert.deepEqual(report, { papers: 20, files: 5, relisted: report.relisted, versions: report.versions });
  const corpus = readCorpus(out);
  assert.deepEqual(
    [...corpus].map(([file, entries]) => [file, entries.length]),
    [
      [path.join('r00', 'alpha2020.json'), 5],
      [path.join('r00', 'beta2019.json'), 3],
      [path.join('r01', 'alpha2019.json'), 5],
      [path.join('r01', 'beta2018.json'), 3],
      [path.join('r02', 'alpha2018.json'), 4],
    ],
  );
  assert.deepEqual([...corpus.values()].flat().map((entry) => entry.id), Array.from({ length: 20 }, (_, i) => `s1-${i}`));
});

test('papers are recombined within their venue, with no identifiers', () => {
  const out = path.join(scratch, 'venues');
  writeScaleCorpus(source, out, 400, 3);
  for (const [file, entries] of readCorpus(out)) {
    const venue = file.includes('alpha') ? 'alpha' : 'beta';
    const real = sourceOf(venue).filter((entry) => entry.title);
    const titleWords = wordsOf(real.map((entry) => entry.title));
    const names = new Set(real.flatMap((entry) => entry.author?.split('; ') ?? []));
    const textWords = new Set(real.flatMap((entry) => entry.abstract?.match(/[A-Za-z]+/g) ?? []));
    for (const entry of entries) {
      // A duplicate (listed again, or a version) may come from the other venue's earlier listings.
      if (![...entry.title.split(' ')].every((word) => titleWords.has(word))) continue;
      assert.equal(entry.doi, undefined);
      assert.equal(entry.arxiv, undefined);
      for (const name of entry.author?.split('; ') ?? []) assert.ok(names.has(name), `${name} is no ${venue} author`);
      const drawn = entry.abstract?.split(/(?<=\.) /) ?? [];
      // As many sentences as some real abstract of the venue; words swapped for the venue's own.
      assert.ok(drawn.length === 0 || real.some((r) => r.abstract?.split(/(?<=\.) /).length === drawn.length));
      for (const word of drawn.join(' ').match(/[A-Za-z]+/g) ?? []) assert.ok(textWords.has(word), `${word} is not of ${venue}`);
    }
  }
});

test('duplicates are the stated ones: papers listed again unchanged, and versions', () => {
  const out = path.join(scratch, 'duplicates');
  const report = writeScaleCorpus(source, out, 4000, 5);
  const entries = [...readCorpus(out).values()].flat();
  const seen = new Set<string>();
  let again = 0;
  for (const entry of entries) {
    const key = JSON.stringify({ ...entry, id: undefined });
    if (seen.has(key)) again++;
    seen.add(key);
  }
  // 1% of 4,000 slots each, give or take the draw.
  assert.ok(report.relisted >= 25 && report.relisted <= 55, `relisted ${report.relisted}`);
  assert.ok(report.versions >= 25 && report.versions <= 55, `versions ${report.versions}`);
  // Eight real papers recombine into few distinct ones; a relisted paper is always an exact repeat.
  assert.ok(again >= report.relisted);
});

test('bad input fails with the folder or the number named', () => {
  assert.throws(() => writeScaleCorpus(source, path.join(scratch, 'zero'), 0, 1), /--papers must be a positive whole number, got 0/);
  const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
  assert.throws(() => writeScaleCorpus(empty, path.join(scratch, 'none'), 10, 1), new RegExp(`${empty}: no paperlists files`));
  assert.equal(fs.existsSync(path.join(scratch, 'none')), false);
});
