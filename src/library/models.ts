// Cached engine models. A model is valid for the library contents it was built from,
// which its fingerprint records; the engine decides what a model is, the store only keeps it.
import type { Db } from './database.ts';

/**
 * A model is stored in parts of at most this many bytes: SQLite refuses a value over 1 GB
 * (SQLITE_MAX_LENGTH), and a part this size is written and read as fast as one blob.
 */
export const MODEL_PART_BYTES = 256 * 2 ** 20;

/** The stored model of this name and the fingerprint of the contents it was built from. */
export function getModel(db: Db, name: string): { fingerprint: string; data: Buffer } | undefined {
  // One snapshot: a model saved by another connection between the two reads would mix its parts with this one's.
  return db.transaction(() => {
    const model = db.prepare<[string], { fingerprint: string; data: Buffer }>('SELECT fingerprint, data FROM models WHERE name = ?').get(name);
    if (!model) return undefined;
    const rest = db.prepare<[string], { data: Buffer }>('SELECT data FROM model_parts WHERE name = ? ORDER BY part').all(name);
    return rest.length === 0 ? model : { fingerprint: model.fingerprint, data: Buffer.concat([model.data, ...rest.map((part) => part.data)]) };
  })();
}

export function putModel(db: Db, name: string, fingerprint: string, data: Buffer, partBytes = MODEL_PART_BYTES): void {
  // Deleted, not replaced, so that its old parts go with it (ON DELETE CASCADE).
  db.prepare('DELETE FROM models WHERE name = ?').run(name);
  db.prepare('INSERT INTO models (name, fingerprint, built_at, data) VALUES (?, ?, ?, ?)').run(
    name,
    fingerprint,
    new Date().toISOString(),
    data.subarray(0, partBytes),
  );
  const insertPart = db.prepare('INSERT INTO model_parts (name, part, data) VALUES (?, ?, ?)');
  for (let part = 1; part * partBytes < data.length; part++) {
    insertPart.run(name, part, data.subarray(part * partBytes, (part + 1) * partBytes));
  }
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
