// bench:ingest — ingests all of ../shared/corpora/paperlists into a fresh library and prints
// throughput, database size and peak memory. The library is kept for the other benchmarks.
// Its peer, measured in the same run, is the storage floor: the rows the ingest stored, written
// again into a fresh library of the same schema with nothing else to do.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Library } from '../src/library/library.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { artifactsDir, paperlistsDir, paperlistsLibrary } from './paths.ts';
import { table } from '../src/cli/format.ts';

// `--db FILE` builds elsewhere, e.g. while other benchmarks use the shared library.
const dbFlag = process.argv.indexOf('--db');
const target = dbFlag > 0 ? process.argv[dbFlag + 1] : paperlistsLibrary;
fs.mkdirSync(artifactsDir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });

const started = process.hrtime.bigint();
const library = Library.open(target);
const report = await ingestPaths(library, [paperlistsDir]);
library.db.pragma('wal_checkpoint(TRUNCATE)');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const stats = library.stats();
library.close();

const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
const floorSeconds = storageFloor(target, path.join(path.dirname(target), 'storage-floor.db'));

const papersRead = report.outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0);
console.log(
  table(
    ['measure', 'value'],
    [
      ['files ingested', report.outcomes.length],
      ['files failed', report.failures.length],
      ['papers read', papersRead],
      ['papers stored (after de-duplication)', stats.papers],
      ['possible-duplicate links', stats.possibleDuplicates],
      ['time (s)', Number(seconds.toFixed(2))],
      ['papers/s (read, end to end)', Math.round(papersRead / seconds)],
      ['database size (MiB)', Number((stats.bytes / 1048576).toFixed(1))],
      ['peak RSS (MiB)', peakRss],
      ['storage floor: time (s)', Number(floorSeconds.toFixed(2))],
      ['storage floor: papers/s (read)', Math.round(papersRead / floorSeconds)],
    ],
  ),
);
console.log(
  '\nstorage floor: every row the ingest stored (listings, papers, authors, appearances, version links), already parsed and\n' +
    'de-duplicated, inserted into a fresh library with one prepared statement per table, then indexed for full-text search with\n' +
    'one INSERT … SELECT (FTS5 allowed 64 MiB of terms in memory), in one transaction, and checkpointed: what any ingest into\n' +
    'this schema pays on its one writer before reading, parsing, de-duplicating or comparing a single paper.',
);
for (const failure of report.failures) console.error(`failed: ${failure.file}: ${failure.message}`);

/** Seconds to write the rows of library `from` into a new library `to` at the least cost SQLite allows. */
function storageFloor(from: string, to: string): number {
  const source = new Database(from, { readonly: true });
  const tables = ['listings', 'papers', 'paper_authors', 'appearances', 'possible_duplicates'].map((name) => ({
    name,
    rows: source.prepare(`SELECT * FROM ${name}`).raw().all() as unknown[][],
  }));
  source.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  const library = Library.open(to);
  const db = library.db;
  // The page cache the ingest itself uses for a batch (src/actions/ingest.ts), and FTS5 holding up to
  // 64 MiB of new terms in memory before it writes a segment: fewer segments to merge, 20% less
  // indexing time. (The ingest gains nothing from it: each file's savepoint writes them out.)
  db.pragma('cache_size = -262144');
  db.exec(`INSERT INTO papers_fts (papers_fts, rank) VALUES ('hashsize', ${64 * 1024 * 1024})`);
  const started = process.hrtime.bigint();
  db.transaction(() => {
    for (const { name, rows } of tables) {
      if (rows.length === 0) continue;
      const insert = db.prepare(`INSERT INTO ${name} VALUES (${rows[0].map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
    }
    db.exec('INSERT INTO papers_fts (rowid, title, authors, abstract, keywords) SELECT id, title, authors, abstract, keywords FROM papers');
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  library.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  return seconds;
}
