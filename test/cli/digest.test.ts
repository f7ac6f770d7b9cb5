// The digest and collections from the command line: files written whole or not at all, and one
// clear line for each mistake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { root, runCli } from './run-cli.ts';
import { writeFileAtomically } from '../../src/cli/out-file.ts';

const fixture = (name: string) => path.join(root, 'test/fixtures/digest', name);

let dir: string;
let db: string;
const paperscout = (...args: string[]) => runCli(db, ...args);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-cli-digest-'));
  db = path.join(dir, 'library.db');
  assert.equal(paperscout('profile', 'create', 'mara', '--from', fixture('mine.jsonl')).code, 0);
  assert.equal(paperscout('ingest', fixture('fetch-a.jsonl')).code, 0);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('digest --out replaces the file whole; a failed digest leaves it as it was', () => {
  const out = path.join(dir, 'mara.atom');
  fs.writeFileSync(out, 'yesterday');
  const bad = paperscout('digest', '--since', '2026-13-01', '--format', 'atom', '--out', out);
  assert.deepEqual([bad.code, bad.stderr], [1, 'paperscout: since must be "last" or an ISO date such as 2026-05-01 (or a date-time with its zone, 2026-05-01T08:00Z)\n']);
  assert.equal(fs.readFileSync(out, 'utf8'), 'yesterday');
  const preview = paperscout('digest', '--format', 'atom', '--out', out, '--dry-run', '--limit', '2');
  assert.equal(preview.code, 0, preview.stderr);
  assert.equal(preview.stderr, 'mara: 2 paper(s) of 7 new, written to ' + out + ' (a preview: nothing recorded)\n');
  const made = paperscout('digest', '--format', 'atom', '--out', out);
  assert.equal(made.stderr, `mara: 5 paper(s) of 7 new, written to ${out}\n`);
  const feed = fs.readFileSync(out, 'utf8');
  assert.equal(XMLValidator.validate(feed), true);
  assert.equal(feed.match(/<entry>/g)!.length, 5);
  assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('mara')), ['mara.atom']);
  // Nothing new since: an empty digest, and a folder that is not there is one clear error.
  const again = paperscout('digest');
  assert.equal(again.stdout, `# New papers for mara, ${new Date().toISOString().slice(0, 10)}\n\n0 papers for you of 0 papers arrived since the last digest.\n`);
  const nowhere = paperscout('digest', '--format', 'html', '--out', path.join(dir, 'missing', 'd.html'));
  assert.deepEqual([nowhere.code, nowhere.stderr], [1, `paperscout: cannot write ${path.join(dir, 'missing', 'd.html')}: ENOENT\n`]);
  assert.equal(paperscout('digest', '--profile', 'nobody').stderr, 'paperscout: no profile named "nobody" (see `paperscout profile list`)\n');
  assert.match(paperscout('digest', '--format', 'pdf').stderr, /^paperscout: unknown --format "pdf"; one of: md, html, atom\n$/);
});

test('writing a file that cannot take its place leaves no temporary file behind', () => {
  const target = path.join(dir, 'a-folder');
  fs.mkdirSync(target);
  assert.throws(() => writeFileAtomically(target, 'text'), /^Error: cannot write .*a-folder: (EISDIR|EEXIST|ENOTEMPTY|EPERM)$/);
  assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('a-folder')), ['a-folder']);
});

test('collection add, show, export, remove and delete; unknown papers and collections refused', () => {
  assert.equal(paperscout('collection', 'add', 'to read', '5', '3').stdout, 'to read: 2 paper(s) added, 2 in all\n');
  const out = path.join(dir, 'to-read.json');
  assert.equal(paperscout('collection', 'export', 'to read', '--format', 'csl-json', '--out', out).code, 0);
  assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')).map((item: { title: string }) => item.title), ['Tactile Feedback for Dexterous In-Hand Manipulation', 'On the Expressive Power of Graph Neural Networks']);
  const missing = paperscout('collection', 'add', 'to read', '3', '404');
  assert.deepEqual([missing.code, missing.stderr], [1, 'paperscout: no paper with id 404\n']);
  assert.equal(paperscout('collection', 'remove', 'to read', '5').stdout, 'to read: 1 paper(s) removed, 1 left\n');
  const plan = paperscout('collection', 'add', 'picks', '--from-plan', 'fetch-a');
  assert.equal(plan.stdout, 'picks: 5 paper(s) added, 5 in all\n', plan.stderr);
  assert.equal(paperscout('collection', 'add', 'picks', '3', '--from-plan', 'fetch-a').stderr, 'paperscout: give either paper ids or --from-plan LISTING\n');
  assert.equal(paperscout('collection', 'show', 'none').stderr, 'paperscout: no collection named "none"\n');
  assert.equal(paperscout('collection', 'export', 'to read', '--format', 'docx').stderr, 'paperscout: unknown --format "docx"; one of: bibtex, ris, csl-json\n');
  assert.equal(paperscout('collection', 'delete', 'to read').stdout, 'Deleted collection to read.\n');
  assert.equal(JSON.parse(paperscout('collection', 'list', '--json').stdout).map((c: { name: string }) => c.name).join(), 'picks');
});
