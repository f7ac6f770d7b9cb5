// bench:importers — ingests the files and folders named on the command line into a temporary
// library, one file at a time, and prints for each file the format detected, its records, the
// papers stored, the entries skipped, the warnings and the time; the problems follow the table.
//   npm run bench:importers -- DIR_OR_FILE…
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../src/library/library.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { expandPaths } from '../src/library/files.ts';
import { describeSkip } from '../src/importers/records.ts';
import { table } from '../src/cli/format.ts';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run bench:importers -- DIR_OR_FILE…');
  process.exit(2);
}

const { files, errors } = expandPaths(paths);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-bench-importers-'));
const library = Library.open(path.join(dir, 'library.db'));
const rows: (string | number)[][] = [];
const problems: string[] = errors.map((error) => `${error.file}: ${error.message}`);
try {
  for (const file of files) {
    const started = process.hrtime.bigint();
    const report = await ingestPaths(library, [file]);
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    const name = path.relative(process.cwd(), file) || file;
    const [outcome] = report.outcomes;
    if (!outcome) {
      const [failure] = report.failures;
      rows.push([name, 'failed', '', '', '', '', ms]);
      problems.push(`${name}: failed: ${failure.location ? `${failure.location}: ` : ''}${failure.message}`);
      continue;
    }
    const papers = outcome.listing.paperCount;
    rows.push([name, outcome.listing.format, papers + outcome.skipped.length, papers, outcome.skipped.length, outcome.warnings.length, ms]);
    for (const skip of outcome.skipped) problems.push(`${name}: ${describeSkip(skip)}`);
    for (const warning of outcome.warnings) problems.push(`${name}: warning: ${warning}`);
  }
} finally {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(table(['file', 'format', 'records', 'papers', 'skipped', 'warnings', 'ms'], rows));
const stored = rows.reduce((sum, row) => sum + (typeof row[3] === 'number' ? row[3] : 0), 0);
const failed = rows.filter((row) => row[1] === 'failed').length;
console.log(`\n${files.length} file(s), ${failed} failed; ${stored.toLocaleString('en')} papers stored`);
if (problems.length) console.log(`\n${problems.join('\n')}`);
