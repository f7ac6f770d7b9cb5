// Sources: where `paperscout fetch` gets papers, and what each fetch of them last did.
import type { FetchStatus, Source, SourceKind, SourceParams, Validators } from '../types.ts';
import type { Db } from './database.ts';

interface SourceRow {
  id: number;
  name: string;
  kind: string;
  params: string;
  created_at: string;
  fetched_at: string | null;
  status: string | null;
  message: string | null;
  listing_id: number | null;
}

/** What one fetch of a source did, to record on it. */
export interface FetchRecord {
  fetchedAt: string;
  status: FetchStatus;
  message: string;
  /** The validators each URL answered with; absent on a failure, which keeps the earlier ones. */
  validators?: Record<string, Validators>;
  listingId?: number;
}

const COLUMNS = 'id, name, kind, params, created_at, fetched_at, status, message, listing_id';

function fromRow(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SourceKind,
    params: JSON.parse(row.params) as SourceParams,
    createdAt: row.created_at,
    lastFetchedAt: row.fetched_at,
    lastStatus: row.status as FetchStatus | null,
    lastMessage: row.message,
    lastListingId: row.listing_id,
  };
}

export function allSources(db: Db): Source[] {
  return db.prepare<[], SourceRow>(`SELECT ${COLUMNS} FROM sources ORDER BY name`).all().map(fromRow);
}

export function getSource(db: Db, name: string): Source | undefined {
  const row = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE name = ?`).get(name);
  return row && fromRow(row);
}

/** Adds a source; false when one of that name exists. */
export function addSource(db: Db, name: string, kind: SourceKind, params: SourceParams, createdAt: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO sources (name, kind, params, created_at) VALUES (?, ?, ?, ?)').run(name, kind, JSON.stringify(params), createdAt).changes > 0;
}

export function removeSource(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM sources WHERE name = ?').run(name).changes > 0;
}

export function sourceValidators(db: Db, name: string): Record<string, Validators> {
  const row = db.prepare<[string], { validators: string }>('SELECT validators FROM sources WHERE name = ?').get(name);
  return row ? (JSON.parse(row.validators) as Record<string, Validators>) : {};
}

export function recordFetch(db: Db, name: string, record: FetchRecord): void {
  db.prepare(
    `UPDATE sources SET fetched_at = @fetchedAt, status = @status, message = @message,
       validators = coalesce(@validators, validators), listing_id = coalesce(@listingId, listing_id)
     WHERE name = @name`,
  ).run({
    name,
    fetchedAt: record.fetchedAt,
    status: record.status,
    message: record.message,
    validators: record.validators ? JSON.stringify(record.validators) : null,
    listingId: record.listingId ?? null,
  });
}
