// Cached engine models. A model is valid for the library contents it was built from,
// which its fingerprint records; the engine decides what a model is, the store only keeps it.
import type { Db } from './database.ts';

/** The stored model of this name and the fingerprint of the contents it was built from. */
export function getModel(db: Db, name: string): { fingerprint: string; data: Buffer } | undefined {
  return db.prepare<[string], { fingerprint: string; data: Buffer }>('SELECT fingerprint, data FROM models WHERE name = ?').get(name);
}

export function putModel(db: Db, name: string, fingerprint: string, data: Buffer): void {
  db.prepare('INSERT OR REPLACE INTO models (name, fingerprint, built_at, data) VALUES (?, ?, ?, ?)').run(
    name,
    fingerprint,
    new Date().toISOString(),
    data,
  );
}

/** How many papers a fingerprint counts. */
export function fingerprintPapers(fingerprint: string): number {
  return Number(fingerprint.split(':', 1)[0]) || 0;
}

/** Changes whenever papers are added or their text changes, so stale models are rebuilt. */
export function contentFingerprint(db: Db): string {
  const row = db
    .prepare<[], { n: number; maxId: number | null; listings: number }>(
      'SELECT count(*) AS n, max(id) AS maxId, (SELECT count(*) FROM listings) AS listings FROM papers',
    )
    .get()!;
  return `${row.n}:${row.maxId ?? 0}:${row.listings}`;
}
