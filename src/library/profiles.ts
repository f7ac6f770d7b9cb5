// Profiles: which library papers are a researcher's own, and which they rated.
import type { Profile } from '../types.ts';
import type { Db } from './database.ts';
import { authorKey } from './identity.ts';

export type ProfilePaperSource = 'file' | 'author';

export function createProfile(db: Db, name: string): number {
  return Number(db.prepare('INSERT INTO profiles (name, created_at) VALUES (?, ?)').run(name, new Date().toISOString()).lastInsertRowid);
}

export function deleteProfile(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM profiles WHERE name = ?').run(name).changes > 0;
}

export function getProfile(db: Db, name: string): Profile | undefined {
  const row = db.prepare<[string], { id: number; name: string; created_at: string }>('SELECT id, name, created_at FROM profiles WHERE name = ?').get(name);
  if (!row) return undefined;
  const paperIds = db
    .prepare<[number], { paper_id: number }>('SELECT paper_id FROM profile_papers WHERE profile_id = ? ORDER BY paper_id')
    .all(row.id)
    .map((r) => r.paper_id);
  const ratings: Record<number, 1 | -1> = {};
  for (const r of db.prepare<[number], { paper_id: number; rating: 1 | -1 }>('SELECT paper_id, rating FROM ratings WHERE profile_id = ? ORDER BY rated_at').all(row.id)) {
    ratings[r.paper_id] = r.rating;
  }
  return { id: row.id, name: row.name, createdAt: row.created_at, paperIds, ratings };
}

export function profileNames(db: Db): string[] {
  return db.prepare<[], { name: string }>('SELECT name FROM profiles ORDER BY name').all().map((r) => r.name);
}

/** Adds papers to a profile; returns how many were not in it yet. */
export function addProfilePapers(db: Db, profileId: number, paperIds: readonly number[], source: ProfilePaperSource): number {
  const insert = db.prepare('INSERT OR IGNORE INTO profile_papers (profile_id, paper_id, source) VALUES (?, ?, ?)');
  return paperIds.reduce((added, id) => added + insert.run(profileId, id, source).changes, 0);
}

export function rate(db: Db, profileId: number, paperId: number, rating: 1 | -1 | 0): void {
  if (rating === 0) {
    db.prepare('DELETE FROM ratings WHERE profile_id = ? AND paper_id = ?').run(profileId, paperId);
    return;
  }
  db.prepare('INSERT OR REPLACE INTO ratings (profile_id, paper_id, rating, rated_at) VALUES (?, ?, ?, ?)').run(
    profileId,
    paperId,
    rating,
    new Date().toISOString(),
  );
}

export function paperIdsOfListing(db: Db, listingId: number): number[] {
  return db
    .prepare<[number], { paper_id: number }>('SELECT DISTINCT paper_id FROM appearances WHERE listing_id = ?')
    .all(listingId)
    .map((r) => r.paper_id);
}

/** Papers linked as possible versions of any of `paperIds`. */
export function versionsOf(db: Db, paperIds: readonly number[]): Map<number, number> {
  const rows = db
    .prepare<[string, string], { mine: number; other: number }>(
      `SELECT paper_a AS mine, paper_b AS other FROM possible_duplicates WHERE paper_a IN (SELECT value FROM json_each(?))
       UNION SELECT paper_b AS mine, paper_a AS other FROM possible_duplicates WHERE paper_b IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(paperIds), JSON.stringify(paperIds));
  return new Map(rows.map((r) => [r.other, r.mine]));
}

/** Author names whose key has a word starting with each word of `prefix`, most prolific first. */
export function authorsLike(db: Db, prefix: string, limit: number): { name: string; papers: number }[] {
  const words = authorKey(prefix).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const conditions = words.map(() => "(' ' || name_key) LIKE ?").join(' AND ');
  return db
    .prepare<unknown[], { name: string; papers: number }>(
      `SELECT min(name) AS name, count(*) AS papers FROM paper_authors WHERE ${conditions}
       GROUP BY name_key ORDER BY papers DESC, name LIMIT ?`,
    )
    .all(...words.map((word) => `% ${word}%`), limit);
}
