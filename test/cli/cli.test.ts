import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { needsShared } from '../requirements.ts';

const root = path.resolve(import.meta.dirname, '../..');
const seeds = path.resolve(root, '../shared/seeds');
const seed = (prefix: string) => path.join(seeds, fs.readdirSync(seeds).find((name) => name.startsWith(prefix))!);
const skip = needsShared('seeds');

let dir: string;
let db: string;

function paperscout(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    // A command that hangs (as `ingest` once did on symlink loops) fails its test instead.
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-'));
  db = path.join(dir, 'library.db');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('ingest reports each file, names the bad one with its line, and exits non-zero', { skip }, () => {
  const bad = path.join(dir, 'broken.json');
  fs.writeFileSync(bad, '[\n  {"title": "A", "author": "B"},\n  {"title": \n');
  const run = paperscout(['--db', db, 'ingest', seed('000'), bad, seed('002')]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /000_8057f38142860661\.txt\s+abstract-list\s+10\s+10\s+0\s+0\s+added/);
  assert.match(run.stdout, /002_399c9b84d8821e2e\.txt\s+session-page\s+281\s+281\s+0\s+1\s+added/);
  assert.ok(run.stderr.includes(`error: ${bad}:line 4, column 1: truncated JSON`), run.stderr);
  assert.match(run.stderr, /2 listing\(s\) added, 0 already present, 1 failed/);

  const again = paperscout(['--db', db, 'ingest', seed('000')]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already in library, nothing added/);
});

test('PAPERSCOUT_DB names the library when --db is absent', { skip }, () => {
  const run = paperscout(['listings', '--json'], { PAPERSCOUT_DB: db });
  assert.equal(run.code, 0);
  const listings = JSON.parse(run.stdout);
  assert.deepEqual(
    listings.map((l: { name: string; paperCount: number }) => [l.name, l.paperCount]),
    [
      ['000_8057f38142860661.txt', 10],
      ['002_399c9b84d8821e2e.txt', 281],
    ],
  );
});

test('search --json prints documented papers with score and highlighted snippet', { skip }, () => {
  const run = paperscout(['--db', db, 'search', '"format specialization"', '--json']);
  assert.equal(run.code, 0);
  const hits = JSON.parse(run.stdout);
  assert.equal(hits.length, 2);
  assert.deepEqual(Object.keys(hits[0]).sort(), [
    'abstract', 'authors', 'highlightedTitle', 'id', 'ids', 'keywords', 'listings', 'score', 'session', 'snippet', 'status', 'title', 'titleDerived', 'track', 'urls', 'venue', 'year',
  ]);
  assert.ok(hits.every((hit: { snippet: string }) => hit.snippet.includes('**format specialization**')));
  assert.ok(hits[0].score >= hits[1].score);
});

test('show names the other version; an unknown id is one clear error', { skip }, () => {
  const [poster] = JSON.parse(paperscout(['--db', db, 'search', 'Two-stage LLM Fine-tuning', '--json']).stdout);
  const shown = paperscout(['--db', db, 'show', String(poster.id)]);
  assert.equal(shown.code, 0);
  assert.match(shown.stdout, /Possibly another version of:\n {2}\[\d+\] Pretrained large language models \(LLMs\) are strong in-context learners/);
  const missing = paperscout(['--db', db, 'show', '999999']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim(), 'paperscout: no paper with id 999999');
});

test('export jsonl then ingest into a new library round-trips every field', { skip }, () => {
  const exported = paperscout(['--db', db, 'export', '--format', 'jsonl', '--listing', '002_399c9b84d8821e2e.txt']);
  assert.equal(exported.code, 0);
  const file = path.join(dir, 'session.jsonl');
  fs.writeFileSync(file, exported.stdout);
  const other = path.join(dir, 'other.db');
  assert.equal(paperscout(['--db', other, 'ingest', file]).code, 0);
  const strip = (papers: Record<string, unknown>[]) => papers.map(({ id: _id, listings: _listings, ...rest }) => rest);
  const original = JSON.parse(paperscout(['--db', db, 'list', '--listing', '002_399c9b84d8821e2e.txt', '--json']).stdout);
  const copy = JSON.parse(paperscout(['--db', other, 'list', '--listing', 'session.jsonl', '--json']).stdout);
  assert.equal(copy.length, 281);
  assert.deepEqual(strip(copy), strip(original));
});

test('--version prints the version in package.json and nothing else', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const run = paperscout(['--version']);
  assert.deepEqual([run.code, run.stdout, run.stderr], [0, `${version}\n`, '']);
});

test('bad arguments are refused with a reason', () => {
  const run = paperscout(['--db', db, 'export', '--format', 'docx']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /unknown --format "docx"; one of: jsonl, csv, bibtex, csl-json, ris/);
  const limit = paperscout(['--db', db, 'search', 'x', '--limit', '0']);
  assert.equal(limit.code, 1);
  assert.match(limit.stderr, /--limit must be a whole number of at least 1/);
});

test('profile from 000, recommend for the 002 session: own poster apart as yours, JSON best first with reasons', { skip }, () => {
  const created = paperscout(['--db', db, 'profile', 'create', 'me', '--from', seed('000')]);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /^me: 0 paper\(s\) added from 1 file\(s\) \(10 listed\)|^me: 10 paper\(s\) added/);
  const human = paperscout(['--db', db, 'recommend', '--listing', '002_399c9b84d8821e2e.txt', '--limit', '3']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Yours \(your own work, another version of it, not recommended\):\n {3}\[\d+\] Two-stage LLM Fine-tuning with Less Specialization and More Generalization/);
  assert.match(human.stdout, / {2}1\. \[\d+\] .+\n.+\n {5}topic: .+\n {5}\+ close to your paper \[\d+\] /);
  const json = JSON.parse(paperscout(['--db', db, 'recommend', '--listing', '002_399c9b84d8821e2e.txt', '--limit', '5', '--json']).stdout);
  const list: { id: number; score: number; reasons: { kind: string }[]; title: string; topic: string }[] = json.recommendations;
  assert.equal(list.length, 5);
  assert.ok(list.every((r) => typeof r.score === 'number' && r.reasons.length > 0 && r.reasons[0].kind === 'yours' && r.title));
  assert.deepEqual(json.yours.map((own: { title: string }) => own.title.slice(0, 13)), ['Two-stage LLM']);
  assert.ok(list.every((r) => !r.title.startsWith('Two-stage LLM')));
  // Each topic's papers come best first; the topics take turns.
  for (const topic of new Set(list.map((r) => r.topic))) {
    const scores = list.filter((r) => r.topic === topic).map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  }
  assert.ok(json.topics.length > 1);

  const rated = paperscout(['--db', db, 'rate', String(list[0].id), 'down']);
  assert.equal(rated.code, 0);
  const after = JSON.parse(paperscout(['--db', db, 'recommend', '--listing', '002_399c9b84d8821e2e.txt', '--limit', '5', '--json']).stdout);
  assert.ok(after.recommendations.every((r: { id: number }) => r.id !== list[0].id));
});

test('similar --text: each reason is about "your text", with no paper number', () => {
  const small = path.join(dir, 'poster-session.db');
  assert.equal(paperscout(['--db', small, 'ingest', path.join(root, 'demo/poster-session.txt')]).code, 0);
  const run = paperscout(['--db', small, 'similar', '--text', 'Passages cached offline.', '--limit', '1']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^ {2}1\. \[\d+\] Compressing Retrieved Context with Learned Soft Summaries {2}19\.526 \(strong\)\n.+\n {5}\+ close to your text: passages, cached, offline\n$/);
});

test('a profile that finds no papers is not created; an unknown profile is a clear error', () => {
  const none = paperscout(['--db', db, 'profile', 'create', 'nobody', '--author', 'Zq Xw']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no papers by "Zq Xw" in the library/);
  assert.doesNotMatch(paperscout(['--db', db, 'profile', 'list']).stdout, /nobody/);
  const unknown = paperscout(['--db', db, 'recommend', '--profile', 'ghost']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no profile named "ghost"/);
});

test('output into a reader that stopped (search | head) ends quietly with exit 0', async () => {
  const search = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--db', db, 'search', 'learning', '--limit', '50'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Closed before the command writes anything: every write it makes meets EPIPE.
  search.stdout.destroy();
  let stderr = '';
  search.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => search.on('exit', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('ingest goes on past files its parsers choke on: one line each, naming the file and the place', () => {
  const hostileDb = path.join(dir, 'hostile.db');
  const atom = path.join(dir, 'entity.atom');
  fs.writeFileSync(atom, '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv</title>\n<entry><title>&xxe;</title></entry></feed>\n');
  const deep = path.join(dir, 'deep.jsonl');
  fs.writeFileSync(deep, `{"title": "Deep", "authors": [], "year": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`);
  const good = path.join(dir, 'good.jsonl');
  fs.writeFileSync(good, '{"title": "A Good Paper About Widgets", "authors": ["Ada Lovelace"]}\n');
  const run = paperscout(['--db', hostileDb, 'ingest', atom, deep, good]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /good\.jsonl\s+jsonl\s+1\s+1\s+0\s+0\s+added/);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `error: ${atom}:line 2, column 1: invalid XML: External entities are not supported`,
    `error: ${deep}:line 1: field "year" must be a whole number or null, found an array nested over 1,000 deep`,
    '1 listing(s) added, 0 already present, 2 failed; 1 paper',
  ]);
});

test('ingest refuses text that is not UTF-8, saying what it looks like, and reads it with --encoding', () => {
  const encodedDb = path.join(dir, 'encodings.db');
  const records = '[\n {"title": "Kernel methods", "track": "main", "status": "Poster",\n  "author": "Bernhard Schölkopf;Alexander Smola"}\n]\n';
  const latin1 = path.join(dir, 'latin2020.json');
  fs.writeFileSync(latin1, Buffer.from(records, 'latin1'));
  const refused = paperscout(['--db', encodedDb, 'ingest', latin1]);
  assert.equal(refused.code, 1);
  assert.ok(refused.stderr.includes(`error: ${latin1}:line 3, column 26: not UTF-8: looks like Latin-1 (or Windows-1252); use --encoding latin1\n`), refused.stderr);
  const read = paperscout(['--db', encodedDb, 'ingest', '--encoding', 'latin1', latin1]);
  assert.equal(read.code, 0, read.stderr);
  const utf16 = path.join(dir, 'utf16conf2021.json');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(records.replace('Kernel', 'Kernel two-sample'), 'utf16le')]));
  assert.equal(paperscout(['--db', encodedDb, 'ingest', utf16]).code, 0);
  const papers = JSON.parse(paperscout(['--db', encodedDb, 'list', '--json']).stdout);
  assert.deepEqual(papers.map((paper: { title: string; authors: string[] }) => [paper.title, paper.authors[0]]), [
    ['Kernel methods', 'Bernhard Schölkopf'],
    ['Kernel two-sample methods', 'Bernhard Schölkopf'],
  ]);
  const unknown = paperscout(['--db', encodedDb, 'ingest', '--encoding', 'klingon', latin1]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown --encoding "klingon": name a WHATWG encoding label/);
  const profile = paperscout(['--db', encodedDb, 'profile', 'create', 'bernhard', '--from', latin1, '--encoding', 'latin1']);
  assert.equal(profile.code, 0, profile.stderr);
});

test('ingest of a folder with symlink loops ends, warns about each loop by its path, and succeeds', () => {
  const loopsDb = path.join(dir, 'loops.db');
  const top = path.join(dir, 'loops');
  fs.mkdirSync(path.join(top, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(top, 'sub', 'papers.jsonl'), '{"title": "Looping Through Folders", "authors": ["Ann Author"]}\n');
  fs.symlinkSync('..', path.join(top, 'sub', 'up'));
  fs.symlinkSync('.', path.join(top, 'sub', 'here'));
  const run = paperscout(['--db', loopsDb, 'ingest', top]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /papers\.jsonl\s+jsonl\s+1\s+1\s+0\s+0\s+added/);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `warning: ${path.join(top, 'sub', 'here')}: symlink loop: leads back to ${path.join(top, 'sub')}, not followed`,
    `warning: ${path.join(top, 'sub', 'up')}: symlink loop: leads back to ${top}, not followed`,
    '1 listing(s) added, 0 already present, 0 failed; 1 paper',
  ]);
});

test('ingest skips the entries that cannot become papers, naming each, and --strict fails the file instead', () => {
  const skipsDb = path.join(dir, 'skips.db');
  const bib = path.join(root, 'test/fixtures/formats/hand-kept.bib');
  const ris = path.join(root, 'test/fixtures/formats/short-titles.ris');
  const run = paperscout(['--db', skipsDb, 'ingest', bib, ris]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /hand-kept\.bib\s+bibtex\s+6\s+6\s+0\s+0\s+added/);
  const lines = run.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    `warning: ${bib}: entry 2 (tub-history), line 78: the title is the TeX macro \\TUB, which the file does not define; kept as its name`,
    `warning: ${bib}:entry 6 (talks-1995), line 104: skipped: @set entry has no title and no abstract`,
    `warning: ${bib}:entry 7 (exporter-broken), line 108: skipped: broken BibTeX entry: Unterminated brace-value "An exporter forgot {" at line 119, column 1 in "article"`,
    `warning: ${ris}:entry 3, line 15: skipped: placeholder record (title "NA"), not a paper`,
    '2 listing(s) added, 0 already present, 0 failed; 8 papers, 3 entries skipped (see above)',
  ]);

  const strictDb = path.join(dir, 'strict.db');
  const strict = paperscout(['--db', strictDb, 'ingest', '--strict', bib, path.join(root, 'test/fixtures/formats/dblp-versions.bib')]);
  assert.equal(strict.code, 1);
  assert.deepEqual(strict.stderr.trim().split('\n'), [
    `error: ${bib}:entry 6 (talks-1995), line 104: @set entry has no title and no abstract (--strict: 2 entries would be skipped, so the file is refused)`,
    '1 listing(s) added, 0 already present, 1 failed; 5 papers',
  ]);
});
