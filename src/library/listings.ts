// Listings as stored: read, found by what a person calls them, relabelled and removed.
import type { Listing, ListingMeta } from '../types.ts';
import type { Db } from './database.ts';
import { deletePapers } from './papers.ts';

/**
 * The name of a listing that came with none (pasted text): what the page says it is, e.g.
 * `ICLR 2024 · Poster Session 9 · Halle B`, when it names its venue or session.
 */
export function nameFromPage(meta: ListingMeta): string {
  const venue = [meta.venue, meta.year].filter(Boolean).join(' ');
  if (!venue && !meta.session) return 'pasted listing';
  return [venue, meta.session, meta.room].filter(Boolean).join(' · ');
}

interface ListingRow {
  id: number;
  name: string;
  format: string;
  imported_at: string;
  venue: string | null;
  year: number | null;
  session: string | null;
  room: string | null;
  starts_at: string | null;
  ends_at: string | null;
  paper_count: number;
}

const COLUMNS = 'id, name, format, imported_at, venue, year, session, room, starts_at, ends_at, paper_count';

function toListing(row: ListingRow): Listing {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    importedAt: row.imported_at,
    venue: row.venue,
    year: row.year,
    session: row.session,
    room: row.room,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    paperCount: row.paper_count,
  };
}

export function getListing(db: Db, id: number): Listing | undefined {
  const row = db.prepare<[number], ListingRow>(`SELECT ${COLUMNS} FROM listings WHERE id = ?`).get(id);
  return row && toListing(row);
}

export function findListingByName(db: Db, name: string): Listing | undefined {
  const row = db.prepare<[string], ListingRow>(`SELECT ${COLUMNS} FROM listings WHERE name = ?`).get(name);
  return row && toListing(row);
}

export function allListings(db: Db): Listing[] {
  return db.prepare<[], ListingRow>(`SELECT ${COLUMNS} FROM listings ORDER BY id`).all().map(toListing);
}

export function findListingByHash(db: Db, hash: string): Listing | undefined {
  const row = db.prepare<[string], ListingRow>(`SELECT ${COLUMNS} FROM listings WHERE content_hash = ?`).get(hash);
  return row && toListing(row);
}

/** Listings whose name starts with `prefix`, case aside, oldest first. */
export function listingsNamedLike(db: Db, prefix: string): Listing[] {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.prepare<[string], ListingRow>(`SELECT ${COLUMNS} FROM listings WHERE name LIKE ? ESCAPE '\\' ORDER BY id`).all(pattern).map(toListing);
}

/** What a listing is called and labelled; each field given is changed, `null` clears it. */
export interface ListingChanges {
  name?: string;
  venue?: string | null;
  year?: number | null;
  session?: string | null;
  room?: string | null;
}

/** For each paper label changed, how many of the listing's papers took the new value. */
export type Relabelled = Partial<Record<'venue' | 'year' | 'session', number>>;

/**
 * Changes a listing's name and labels. Papers carry venue, year and session too (they are what
 * `--venue` and `--session` filter on): each of the listing's papers that carries the listing's
 * old value, or none, takes the new one; a paper with a value of its own keeps it.
 */
export function changeListing(db: Db, listing: Listing, changes: ListingChanges): Relabelled {
  const relabelled: Relabelled = {};
  const columns = { name: 'name', venue: 'venue', year: 'year', session: 'session', room: 'room' } as const;
  for (const field of Object.keys(columns) as (keyof typeof columns)[]) {
    const value = changes[field];
    if (value === undefined) continue;
    db.prepare(`UPDATE listings SET ${columns[field]} = ? WHERE id = ?`).run(value, listing.id);
    if (field === 'venue' || field === 'year' || field === 'session') {
      relabelled[field] = db
        .prepare(
          `UPDATE papers SET ${field} = @value WHERE id IN (SELECT paper_id FROM appearances WHERE listing_id = @listing)
           AND (${field} IS NULL OR ${field} IS @old) AND ${field} IS NOT @value`,
        )
        .run({ value, old: listing[field], listing: listing.id }).changes;
    }
  }
  return relabelled;
}

/** What removing a listing does: the papers it holds, those no other listing holds, and what they take with them. */
export interface ListingRemoval {
  listing: Listing;
  /** Distinct papers the listing holds. */
  papers: number;
  /** Of them, the papers no other listing holds: they are deleted with it. */
  deleted: number;
  /** Per profile, how many of its own papers and of its ratings are among the deleted. */
  profiles: { profile: string; papers: number; ratings: number }[];
}

/** What removing the listing does (Library.removeListing), changing nothing; with the ids of the papers it deletes. */
export function listingRemoval(db: Db, listing: Listing): ListingRemoval & { deletedIds: number[] } {
  const deletedIds = db
    .prepare<[number], number>(
      `SELECT DISTINCT a.paper_id FROM appearances a WHERE a.listing_id = ?
       AND NOT EXISTS (SELECT 1 FROM appearances b WHERE b.paper_id = a.paper_id AND b.listing_id <> a.listing_id) ORDER BY a.paper_id`,
    )
    .pluck()
    .all(listing.id);
  const papers = db.prepare<[number], number>('SELECT count(DISTINCT paper_id) FROM appearances WHERE listing_id = ?').pluck().get(listing.id)!;
  const profiles = db
    .prepare<[string], { profile: string; papers: number; ratings: number }>(
      `WITH gone(id) AS (SELECT value FROM json_each(?))
       SELECT p.name AS profile,
         (SELECT count(*) FROM profile_papers pp WHERE pp.profile_id = p.id AND pp.paper_id IN (SELECT id FROM gone)) AS papers,
         (SELECT count(*) FROM ratings r WHERE r.profile_id = p.id AND r.paper_id IN (SELECT id FROM gone)) AS ratings
       FROM profiles p ORDER BY p.name`,
    )
    .all(JSON.stringify(deletedIds))
    .filter((row) => row.papers > 0 || row.ratings > 0);
  return { listing, papers, deleted: deletedIds.length, profiles, deletedIds };
}

/** Removes a listing, and the papers no other listing holds (see listingRemoval); the caller holds the write lock. */
export function removeListing(db: Db, listing: Listing): ListingRemoval {
  const { deletedIds, ...removal } = listingRemoval(db, listing);
  db.prepare('DELETE FROM listings WHERE id = ?').run(listing.id);
  deletePapers(db, deletedIds);
  return removal;
}
