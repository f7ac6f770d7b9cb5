// The storage floor of an ingest (bench:ingest, bench:scale): the rows an ingest stored, written
// again into a fresh library of the same schema with nothing else to do.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Library } from '../src/library/library.ts';

export const STORAGE_FLOOR =
  'every row the ingest stored (listings, papers, authors, appearances, version links), already parsed and\n' +
  'de-duplicated, inserted into a fresh library with one prepared statement per table, then indexed for full-text search with\n' +
  'one INSERT … SELECT (FTS5 allowed 64 MiB of terms in memory), in one transaction, and checkpointed: what any ingest into\n' +
  'this schema pays on its one writer before reading, parsing, de-duplicating or comparing a single paper.';

/** Seconds to write the rows of library `from` into a new library `to` at the least cost SQLite allows. */
export function storageFloor(from: string, to: string): number {
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
