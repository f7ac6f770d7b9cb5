// Collections: reading lists kept by name, each paper once, in the order it was added.
import type { Db } from './database.ts';

export interface CollectionSummary {
  name: string;
  createdAt: string;
  note: string | null;
  papers: number;
}

interface CollectionRow {
  id: number;
  name: string;
  created_at: string;
  note: string | null;
  papers: number;
}

const SUMMARY = `SELECT c.id, c.name, c.created_at, c.note, (SELECT count(*) FROM collection_papers cp WHERE cp.collection_id = c.id) AS papers FROM collections c`;

const summaryOf = (row: CollectionRow): CollectionSummary => ({ name: row.name, createdAt: row.created_at, note: row.note, papers: row.papers });

export function allCollections(db: Db): CollectionSummary[] {
  return db.prepare<[], CollectionRow>(`${SUMMARY} ORDER BY c.name`).all().map(summaryOf);
}

function collectionRow(db: Db, name: string): CollectionRow | undefined {
  return db.prepare<[string], CollectionRow>(`${SUMMARY} WHERE c.name = ?`).get(name);
}

export function getCollection(db: Db, name: string): CollectionSummary | undefined {
  const row = collectionRow(db, name);
  return row && summaryOf(row);
}

/** The collection's id, made if there is none of that name; `note`, when given, replaces its note. */
function ensureCollection(db: Db, name: string, now: string, note: string | undefined): number {
  db.prepare('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)').run(name, now);
  if (note !== undefined) db.prepare('UPDATE collections SET note = ? WHERE name = ?').run(note || null, name);
  return collectionRow(db, name)!.id;
}

/** Adds papers at the end, in the order given, making the collection if needed; returns how many were not in it yet. */
export function addCollectionPapers(db: Db, name: string, paperIds: readonly number[], now: string, note?: string): number {
  const id = ensureCollection(db, name, now, note);
  let next = db.prepare<[number], number>('SELECT coalesce(max(position), 0) FROM collection_papers WHERE collection_id = ?').pluck().get(id)!;
  const insert = db.prepare('INSERT OR IGNORE INTO collection_papers (collection_id, paper_id, added_at, position) VALUES (?, ?, ?, ?)');
  let added = 0;
  for (const paperId of paperIds) {
    const changes = insert.run(id, paperId, now, next + 1).changes;
    next += changes;
    added += changes;
  }
  return added;
}

/** Removes papers; returns how many were in it. */
export function removeCollectionPapers(db: Db, name: string, paperIds: readonly number[]): number {
  return db
    .prepare<[string, string]>(
      'DELETE FROM collection_papers WHERE collection_id = (SELECT id FROM collections WHERE name = ?) AND paper_id IN (SELECT value FROM json_each(?))',
    )
    .run(name, JSON.stringify(paperIds)).changes;
}

/** The collection's paper ids in its order. */
export function collectionPaperIds(db: Db, name: string): number[] {
  return db
    .prepare<[string], number>(
      'SELECT cp.paper_id FROM collection_papers cp JOIN collections c ON c.id = cp.collection_id WHERE c.name = ? ORDER BY cp.position',
    )
    .pluck()
    .all(name);
}

export function deleteCollection(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM collections WHERE name = ?').run(name).changes > 0;
}
