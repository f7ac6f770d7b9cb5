// Reading the library map as the front ends draw it, apart from laying it out
// (library-map.ts): the server's map thread imports only this, and the store, so that a cold
// first visit of the map page does not wait for the layout's engine to load. A reading is kept
// in the library until the map changes, so a server started again reads one row.
import { decodeMapPoints, encodeMapPoints, NONE, type MapPointArrays } from '../map-points.ts';
import type { PaperStore } from '../library/store.ts';
import type { MapPoints, MapRegionRecord } from '../library/map.ts';

export interface MapSummary {
  papers: number;
  regions: number;
  /** Of the papers, those placed since it was laid out. */
  placed: number;
  builtAt: string;
}

export function mapSummary(library: PaperStore, points: MapPoints = library.mapPoints()): MapSummary | undefined {
  const info = library.mapLayoutInfo();
  if (!info) return undefined;
  return { papers: points.ids.length, regions: library.mapRegions().length, placed: points.placed, builtAt: info.builtAt };
}

export interface LibraryMap {
  summary: MapSummary | undefined;
  regions: MapRegionRecord[];
  /** What the points' venue and listing numbers index. */
  venues: string[];
  listings: { id: number; name: string }[];
  points: MapPointArrays;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

/** The map as the front ends draw it: points with what they are coloured by, regions, and the tables the numbers index. */
export function libraryMap(library: PaperStore): LibraryMap {
  const { points: stored, labels } = library.labelledMapPoints();
  const n = stored.ids.length;
  const venues = [...new Set(labels.venues.filter((v): v is string => v !== null))].sort();
  const venueIndex = new Map(venues.map((v, i) => [v, i]));
  const listings = library.listings().map((l) => ({ id: l.id, name: l.name }));
  const listingIndex = new Map(listings.map((l, i) => [l.id, i]));
  const points: MapPointArrays = {
    ids: stored.ids,
    x: new Float32Array(n),
    y: new Float32Array(n),
    region: stored.regions,
    venue: new Uint16Array(n),
    year: new Uint16Array(n),
    listing: new Uint16Array(n),
  };
  const bounds = n > 0 ? { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity } : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  // Plain loops: the server reads this on its first map request, and mapping functions over 95,000 points cost a tenth of a second.
  for (let i = 0; i < n; i++) {
    const x = stored.xy[2 * i];
    const y = stored.xy[2 * i + 1];
    const venue = labels.venues[i];
    const listing = labels.listings[i];
    points.x[i] = x;
    points.y[i] = y;
    points.venue[i] = venue === null ? NONE : venueIndex.get(venue)!;
    points.year[i] = labels.years[i] ?? 0;
    points.listing[i] = listing === null ? NONE : (listingIndex.get(listing) ?? NONE);
    if (x < bounds.minX) bounds.minX = x;
    if (x > bounds.maxX) bounds.maxX = x;
    if (y < bounds.minY) bounds.minY = y;
    if (y > bounds.maxY) bounds.maxY = y;
  }
  return { summary: mapSummary(library, stored), regions: library.mapRegions(), venues, listings, points, bounds };
}

/** The map with its points encoded as GET /api/map/points sends them (src/map-points.ts), and the map version it shows. */
export interface EncodedLibraryMap {
  version: number;
  map: LibraryMap;
  /** `map.points` are views of it. */
  body: ArrayBuffer;
}

/**
 * The map as `libraryMap` reads it, from the reading the library keeps while it is current;
 * otherwise read on one snapshot and kept for the next reader. Reading afresh is a join over
 * every paper: a second on a server just started, at 95,000 papers.
 */
export function encodedLibraryMap(library: PaperStore): EncodedLibraryMap {
  const found = library.snapshot(() => {
    const kept = library.currentMapReading();
    return kept ? { kept } : { version: library.mapVersion(), map: libraryMap(library) };
  });
  if (found.kept) {
    const { version, info, points } = found.kept;
    const body = points.buffer.slice(points.byteOffset, points.byteOffset + points.byteLength) as ArrayBuffer;
    return { version, map: { ...(JSON.parse(info) as Omit<LibraryMap, 'points'>), points: decodeMapPoints(body) }, body };
  }
  const { version, map } = found;
  const body = encodeMapPoints(map.points);
  const info: Omit<LibraryMap, 'points'> = { summary: map.summary, regions: map.regions, venues: map.venues, listings: map.listings, bounds: map.bounds };
  library.keepMapReading({ version, info: JSON.stringify(info), points: new Uint8Array(body) });
  return { version, map: { ...info, points: decodeMapPoints(body) }, body };
}
