import type { Listing } from '../types.ts';
import type { Db } from './database.ts';

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
