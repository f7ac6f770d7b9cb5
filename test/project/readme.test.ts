// The README's shell examples, run as a reader would copy them: every `paperscout` line of its
// ```sh blocks, in order, on a fresh library, from a folder where demo/ and test/fixtures/ are at
// hand. Each must exit 0, and what it writes (standard output with --json, files named by `>` or
// --out) must parse as its format. `paperscout` is the built CLI, as `npm run -s paperscout --` runs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { bibtexImporter } from '../../src/importers/bibtex.ts';
import { risImporter } from '../../src/importers/ris.ts';
import { XMLValidator } from 'fast-xml-parser';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** Lines of the ```sh blocks that are not run, and why. */
const NOT_RUN: [RegExp, string][] = [
  [/^npm (start|test)\b/, 'runs the whole demo or suite'],
  [/^npm run bench:/, 'benchmarks read the corpora beside the checkout and take minutes'],
  [/^paperscout serve\b/, 'serves until Ctrl+C (test/server starts the server)'],
  [/^paperscout fetch\b/, 'fetches from the network (test/cli/fetch.test.ts fetches from a replaying server)'],
];

function shellLines(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((block) => block[1].split('\n').filter((line) => line.trim()));
}

/** Throws unless `text` is a well-formed file of the format its name ends in. */
function assertParses(file: string, text: string): void {
  const extension = path.extname(file);
  if (extension === '.json') JSON.parse(text);
  else if (extension === '.jsonl') assert.ok(text.trimEnd().split('\n').map((line) => JSON.parse(line)).length > 0);
  else if (extension === '.csv') assert.ok(parseCsv(text).length > 0);
  else if (extension === '.bib') {
    // BibTeX reads text outside entries as a comment: anything before the first entry is a stray line.
    assert.ok(text.startsWith('@'), `${file} starts with ${JSON.stringify(text.slice(0, 40))}`);
    assert.ok(bibtexImporter.parse(text, file).papers.length > 0);
  } else if (extension === '.html') assert.ok(text.startsWith('<!DOCTYPE html>'), file);
  else if (extension === '.atom') assert.equal(XMLValidator.validate(text), true, file);
  else if (extension === '.ris') assert.ok(risImporter.parse(text, file).papers.length > 0, file);
  else if (extension === '.svg') assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>\n$/);
  else if (extension === '.png') assert.equal(text.slice(1, 4), 'PNG', `${file} is not a PNG`);
  else assert.fail(`no check for ${file}`);
}

let dir: string;
let bin: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-readme-'));
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'paperscout'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'bin/paperscout.js')}" "$@"\n`, { mode: 0o755 });
  // The examples name demo/ and test/fixtures/ relative to a checkout; what they write lands here.
  fs.mkdirSync(path.join(dir, 'work'));
  for (const folder of ['demo', 'test']) fs.symlinkSync(path.join(root, folder), path.join(dir, 'work', folder));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = () => ({ ...process.env, PATH: `${bin}:${process.env.PATH}`, PAPERSCOUT_DB: path.join(dir, 'library.db'), NO_COLOR: '1' });

test('every shell example of the README runs and what it writes parses', () => {
  const lines = shellLines(readme);
  const run = lines.filter((line) => !NOT_RUN.some(([pattern]) => pattern.test(line)));
  const unknown = run.filter((line) => !line.startsWith('paperscout '));
  assert.deepEqual(unknown, [], 'a ```sh line the test neither runs nor lists in NOT_RUN');
  assert.ok(run.length >= 15, `only ${run.length} examples found`);
  for (const line of run) {
    const result = spawnSync('sh', ['-c', line], { cwd: path.join(dir, 'work'), env: env(), encoding: 'utf8' });
    assert.equal(result.status, 0, `${line}\n${result.stderr}`);
    const written = [...line.matchAll(/(?:>|--out)\s+(\S+)/g)].map((match) => match[1]);
    if (written.length === 0) assert.notEqual(result.stdout, '', `${line} printed nothing`);
    if (/\s--json\b/.test(line)) {
      const value = JSON.parse(result.stdout);
      if (Array.isArray(value)) assert.ok(value.length > 0, `${line} printed an empty list`);
    }
    for (const file of written) assertParses(file, fs.readFileSync(path.join(dir, 'work', file), 'utf8'));
  }
});

test('the way the README runs the CLI from a checkout prints only the command\'s output', () => {
  const [, command] = readme.match(/`(npm run -s paperscout --) ARGS`/) ?? [];
  assert.ok(command, 'the README names how to run the CLI from a checkout');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const result = spawnSync('sh', ['-c', `${command} --version`], { cwd: root, env: env(), encoding: 'utf8' });
  assert.deepEqual([result.status, result.stdout], [0, `${version}\n`], result.stderr);
});
