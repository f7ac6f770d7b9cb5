// A profile's digests: which papers arrived since the last one, and which were shown, so that
// no paper (nor another version of it) is shown to a profile twice.
import type { Db } from './database.ts';

export interface StoredDigest {
  id: number;
  profileId: number;
  createdAt: string;
  /** The papers considered had ids above this (null: from the first paper, or by date). */
  afterPaperId: number | null;
  /** The papers considered were first listed on or after this ISO date. */
  sinceDate: string | null;
  /** The largest paper id when it was made: the next digest starts after it. */
  lastPaperId: number;
  format: string;
  candidates: number;
  alreadyShown: number;
}

/** One paper a digest showed (rank set) or folded into another version of it (foldedInto set). */
export interface DigestPaperRow {
  paperId: number;
  rank: number | null;
  foldedInto: number | null;
  /** What the paper was shown with (score, match, reasons, topic), as the use case wrote it. */
  entry: string | null;
}

interface DigestRow {
  id: number;
  profile_id: number;
  created_at: string;
  after_paper_id: number | null;
  since_date: string | null;
  last_paper_id: number;
  format: string;
  candidates: number;
  already_shown: number;
}

const fromRow = (row: DigestRow): StoredDigest => ({
  id: row.id,
  profileId: row.profile_id,
  createdAt: row.created_at,
  afterPaperId: row.after_paper_id,
  sinceDate: row.since_date,
  lastPaperId: row.last_paper_id,
  format: row.format,
  candidates: row.candidates,
  alreadyShown: row.already_shown,
});

/** The profile's latest digests, newest first. */
export function latestDigests(db: Db, profileId: number, limit: number): StoredDigest[] {
  return db
    .prepare<[number, number], DigestRow>('SELECT * FROM digests WHERE profile_id = ? ORDER BY id DESC LIMIT ?')
    .all(profileId, limit)
    .map(fromRow);
}

export function digestPapers(db: Db, digestId: number): DigestPaperRow[] {
  return db
    .prepare<[number], { paper_id: number; rank: number | null; folded_into: number | null; entry: string | null }>(
      'SELECT paper_id, rank, folded_into, entry FROM digest_papers WHERE digest_id = ? ORDER BY rank IS NULL, rank, paper_id',
    )
    .all(digestId)
    .map((row) => ({ paperId: row.paper_id, rank: row.rank, foldedInto: row.folded_into, entry: row.entry }));
}

/** The largest paper id there is: a digest made now considers the papers up to it. */
export function lastPaperId(db: Db): number {
  return db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM papers').pluck().get()!;
}

/** Papers with ids in (after, upTo]: arrived after one digest and by the next. */
export function paperIdsBetween(db: Db, after: number, upTo: number): number[] {
  return db.prepare<[number, number], number>('SELECT id FROM papers WHERE id > ? AND id <= ? ORDER BY id').pluck().all(after, upTo);
}

/**
 * Papers up to `upTo` first listed on or after `date` (an ISO date or time): held by a listing
 * imported since, and by none imported before it.
 */
export function paperIdsListedSince(db: Db, date: string, upTo: number): number[] {
  return db
    .prepare<[string, number, string], number>(
      `SELECT DISTINCT a.paper_id FROM listings l JOIN appearances a ON a.listing_id = l.id
       WHERE l.imported_at >= ? AND a.paper_id <= ?
         AND NOT EXISTS (SELECT 1 FROM appearances b JOIN listings m ON m.id = b.listing_id WHERE b.paper_id = a.paper_id AND m.imported_at < ?)
       ORDER BY a.paper_id`,
    )
    .pluck()
    .all(date, upTo, date);
}

/** Of `paperIds`, those some earlier digest of the profile showed or folded. */
export function seenPaperIds(db: Db, profileId: number, paperIds: readonly number[]): Set<number> {
  return new Set(
    db
      .prepare<[number, string], number>(
        `SELECT DISTINCT dp.paper_id FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
         WHERE d.profile_id = ? AND dp.paper_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(profileId, JSON.stringify(paperIds)),
  );
}

export type NewDigest = Omit<StoredDigest, 'id'> & { papers: readonly DigestPaperRow[] };

/** Records a digest and what it showed; the caller holds the write lock. */
export function insertDigest(db: Db, digest: NewDigest): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO digests (profile_id, created_at, after_paper_id, since_date, last_paper_id, format, candidates, already_shown)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(digest.profileId, digest.createdAt, digest.afterPaperId, digest.sinceDate, digest.lastPaperId, digest.format, digest.candidates, digest.alreadyShown)
      .lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO digest_papers (digest_id, paper_id, rank, folded_into, entry) VALUES (?, ?, ?, ?, ?)');
  for (const paper of digest.papers) insert.run(id, paper.paperId, paper.rank, paper.foldedInto, paper.entry);
  return id;
}

/** Version links (possible_duplicates) with at least one end among `paperIds`, each pair once. */
export function versionPairs(db: Db, paperIds: readonly number[]): [number, number][] {
  return db
    .prepare<[string, string], { a: number; b: number }>(
      `SELECT paper_a AS a, paper_b AS b FROM possible_duplicates WHERE paper_a IN (SELECT value FROM json_each(?))
       UNION SELECT paper_a, paper_b FROM possible_duplicates WHERE paper_b IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(paperIds), JSON.stringify(paperIds))
    .map((row) => [row.a, row.b]);
}
