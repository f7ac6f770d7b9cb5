// What bench:faults asks of a library file after a crash or a race: SQLite's and FTS5's own
// checks, listings whole, and a digest of everything an ingest stores, to compare two libraries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database, { SqliteError } from 'better-sqlite3';

export interface Totals {
  listings: number;
  papers: number;
  appearances: number;
  possibleDuplicates: number;
}

export interface LibraryCheck {
  /** `ok`, or the first of SQLite's complaints. */
  integrity: string;
  /** `ok`, or FTS5's error: the index disagrees with itself or with the papers table. */
  fts: string;
  /** Listings whose stored appearances are not as many as their paper_count: half-written listings. */
  partialListings: number;
  totals: Totals;
}

/**
 * The rows an ingest writes, in a fixed order, with the columns whose values depend on when it
 * ran left out (a listing's imported_at). Ids are kept: ingesting the same files in the same
 * order gives every paper and listing the same id, and comparing them also compares every link
 * between rows (appearances, authors, version links) exactly.
 */
const CONTENT: Record<string, string> = {
  listings:
    'SELECT id, name, content_hash, format, from_html, venue, year, session, room, starts_at, ends_at, paper_count FROM listings ORDER BY id',
  papers:
    'SELECT id, title, title_key, title_derived, authors, abstract, keywords, venue, year, session, track, status, urls, arxiv, doi, openreview, hex(minhash) FROM papers ORDER BY id',
  paper_authors: 'SELECT name_key, paper_id, name FROM paper_authors ORDER BY name_key, paper_id',
  appearances: 'SELECT listing_id, position, paper_id, source_id FROM appearances ORDER BY listing_id, position',
  possible_duplicates: 'SELECT paper_a, paper_b, similarity FROM possible_duplicates ORDER BY paper_a, paper_b',
};

export type Digest = Record<keyof typeof CONTENT, string>;

/** Opens read-write: after a crash, the first connection replays the write-ahead log. */
function open(file: string): Database.Database {
  return new Database(file, { fileMustExist: true });
}

export function checkLibrary(file: string): LibraryCheck {
  const db = open(file);
  try {
    const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    let fts = 'ok';
    try {
      // With rank 1 FTS5 also compares the index with the papers table it indexes; without, a
      // paper stored but never indexed (or indexed with other text) would pass.
      db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
    } catch (error) {
      fts = (error as Error).message;
    }
    const { partial } = db
      .prepare('SELECT count(*) AS partial FROM listings WHERE paper_count != (SELECT count(*) FROM appearances WHERE listing_id = listings.id)')
      .get() as { partial: number };
    return { integrity: problems.map((row) => row.integrity_check).join('; '), fts, partialListings: partial, totals: totals(db) };
  } finally {
    db.close();
  }
}

function totals(db: Database.Database): Totals {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { listings: count('listings'), papers: count('papers'), appearances: count('appearances'), possibleDuplicates: count('possible_duplicates') };
}

export function libraryTotals(file: string): Totals {
  const db = open(file);
  try {
    return totals(db);
  } finally {
    db.close();
  }
}

/**
 * How many papers another process has committed so far (papers are only ever added, so the
 * highest id); undefined while the library has no file or no tables yet.
 */
export function papersCommitted(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT max(id) AS id FROM papers').get() as { id: number | null }).id ?? 0;
  } catch (error) {
    if (error instanceof SqliteError) return undefined;
    throw error;
  } finally {
    db?.close();
  }
}

export function digestLibrary(file: string): Digest {
  const db = open(file);
  try {
    return Object.fromEntries(
      Object.entries(CONTENT).map(([table, sql]) => {
        const hash = crypto.createHash('sha256');
        // One JSON array per row: a value can never run into the next one's.
        for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row)).update('\n');
        return [table, hash.digest('hex')];
      }),
    ) as Digest;
  } finally {
    db.close();
  }
}

/** The tables whose content differs between two digests. */
export function differingTables(a: Digest, b: Digest): string[] {
  return Object.keys(a).filter((table) => a[table] !== b[table]);
}
