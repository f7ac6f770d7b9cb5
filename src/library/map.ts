// The library map's store: points, regions and when it was laid out (see actions/library-map.ts).
import type { Db } from './database.ts';

export interface MapRegionRecord {
  id: number;
  x: number;
  y: number;
  keywords: string[];
}

export interface MapLayoutInfo {
  builtAt: string;
  seed: number;
  /** Papers laid out at that time; papers added since are placed by their neighbours. */
  papers: number;
}

/** Points as arrays by position: paper ids (ascending), x, y interleaved, and each one's region. */
export interface MapPoints {
  ids: Uint32Array;
  xy: Float32Array;
  regions: Uint16Array;
  placed: number;
}

/** What the map is coloured by, for each point in the order of `mapPoints`. */
export interface MapPointLabels {
  venues: (string | null)[];
  years: (number | null)[];
  /** The id of the first listing that holds the paper. */
  listings: (number | null)[];
}

export function mapLayoutInfo(db: Db): MapLayoutInfo | undefined {
  return db.prepare<[], MapLayoutInfo>('SELECT built_at AS builtAt, seed, papers FROM map_layout').get();
}

export function mapRegions(db: Db): MapRegionRecord[] {
  return db
    .prepare<[], { id: number; x: number; y: number; keywords: string }>('SELECT id, x, y, keywords FROM map_regions ORDER BY id')
    .all()
    .map((row) => ({ ...row, keywords: JSON.parse(row.keywords) as string[] }));
}

export function mapPoints(db: Db): MapPoints {
  return pointsOf(db.prepare<[], PointRow>('SELECT paper_id, x, y, region, placed FROM map_points ORDER BY paper_id').raw().all());
}

/** The points and what they are coloured by, in one pass over the map: what the front ends draw. */
export function labelledMapPoints(db: Db): { points: MapPoints; labels: MapPointLabels } {
  // Each column as one JSON array made by SQLite: a row object for each of 95,000 points cost
  // more than the query. CROSS JOIN keeps the papers as the outer loop, read in the order of
  // papers_map_labels, that is by id.
  const [ids, xs, ys, regions, placed, venues, years, listings] = db
    .prepare<[], string[]>(
      `SELECT json_group_array(m.paper_id), json_group_array(m.x), json_group_array(m.y), json_group_array(m.region),
         sum(m.placed), json_group_array(p.venue), json_group_array(p.year),
         json_group_array((SELECT min(a.listing_id) FROM appearances a WHERE a.paper_id = m.paper_id))
       FROM papers p INDEXED BY papers_map_labels CROSS JOIN map_points m ON m.paper_id = p.id`,
    )
    .raw()
    .get()!
    .map((column) => (typeof column === 'string' ? JSON.parse(column) : column));
  const points: MapPoints = { ids: Uint32Array.from(ids), xy: new Float32Array(2 * ids.length), regions: Uint16Array.from(regions), placed: placed ?? 0 };
  for (let i = 0; i < ids.length; i++) {
    points.xy[2 * i] = xs[i];
    points.xy[2 * i + 1] = ys[i];
  }
  return { points, labels: { venues, years, listings } };
}

/** A point as stored: paper id, x, y, region, placed (0 or 1). */
type PointRow = [number, number, number, number, number];

function pointsOf(rows: readonly PointRow[]): MapPoints {
  const points: MapPoints = { ids: new Uint32Array(rows.length), xy: new Float32Array(2 * rows.length), regions: new Uint16Array(rows.length), placed: 0 };
  for (let i = 0; i < rows.length; i++) {
    const [id, x, y, region, placed] = rows[i];
    points.ids[i] = id;
    points.xy[2 * i] = x;
    points.xy[2 * i + 1] = y;
    points.regions[i] = region;
    points.placed += placed;
  }
  return points;
}

/** Replaces the whole map (regions' ids are their positions in `regions`). */
export function replaceMap(db: Db, info: MapLayoutInfo, points: MapPoints, regions: readonly Omit<MapRegionRecord, 'id'>[]): void {
  db.prepare('DELETE FROM map_points').run();
  db.prepare('DELETE FROM map_regions').run();
  db.prepare('DELETE FROM map_layout').run();
  db.prepare('INSERT INTO map_layout (one, built_at, seed, papers) VALUES (1, ?, ?, ?)').run(info.builtAt, info.seed, info.papers);
  const region = db.prepare('INSERT INTO map_regions (id, x, y, keywords) VALUES (?, ?, ?, ?)');
  regions.forEach((r, id) => region.run(id, r.x, r.y, JSON.stringify(r.keywords)));
  insertPoints(db, points, 0);
}

/** Adds points placed after the map was laid out; points of papers since deleted are skipped. */
export function addMapPoints(db: Db, points: MapPoints): number {
  return insertPoints(db, points, 1);
}

function insertPoints(db: Db, points: MapPoints, placed: 0 | 1): number {
  const insert = db.prepare('INSERT OR REPLACE INTO map_points (paper_id, x, y, region, placed) SELECT id, ?, ?, ?, ? FROM papers WHERE id = ?');
  let added = 0;
  for (let i = 0; i < points.ids.length; i++) added += insert.run(points.xy[2 * i], points.xy[2 * i + 1], points.regions[i], placed, points.ids[i]).changes;
  return added;
}

/** The map as its readers draw it (actions/map-reading.ts), in their own encoding: the library only keeps it. */
export interface MapReadingRow {
  /** What map_version was when it was read. */
  version: number;
  info: string;
  points: Uint8Array;
}

/** Counts the changes to anything the map shows, by any connection (see the triggers of migrations.ts that count them). */
export function mapVersion(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT n FROM map_version').get()!.n;
}

/** The reading kept, if it is of the map as it is now. */
export function currentMapReading(db: Db): MapReadingRow | undefined {
  return db
    .prepare<[], MapReadingRow>('SELECT r.version, r.info, r.points FROM map_reading r JOIN map_version v ON v.n = r.version')
    .get();
}

/** Keeps a reading, unless one of a later version is kept already (two readers of one change may finish in either order). */
export function keepMapReading(db: Db, reading: MapReadingRow): void {
  db.prepare(
    `INSERT INTO map_reading (one, version, info, points) VALUES (1, ?, ?, ?)
     ON CONFLICT (one) DO UPDATE SET version = excluded.version, info = excluded.info, points = excluded.points
     WHERE excluded.version > map_reading.version`,
  ).run(reading.version, reading.info, reading.points);
}
