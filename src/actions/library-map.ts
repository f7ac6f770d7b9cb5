// The library map: every paper of the feature index laid out in 2-D (engine/map-layout.ts),
// the map cut into regions named by their key words, kept in the library. Papers added later
// are placed by their neighbours without laying out the map again, until they outnumber the
// papers it was laid out with.
import type { Profile, TextDoc } from '../types.ts';
import type { RecommendResult } from './recommend.ts';
import type { PaperStore } from '../library/store.ts';
import type { MapPoints, MapRegionRecord } from '../library/map.ts';
import type { FeatureIndex } from '../engine/feature-index.ts';
import { clusters2d, gridCells, MapBuild } from '../engine/map-layout.ts';
import { topicKeywords } from '../engine/topics.ts';
import { backgroundWithEvidence } from '../engine/background.ts';
import { DEFAULT_V2 } from '../engine/language-model.ts';
import { docFields, surfaceOf, writtenForms } from '../engine/text.ts';
import { libraryFeatures, shippedBackground, updateLibraryFeatures, type Progress } from './library-features.ts';
import { InputError } from './errors.ts';
import { mapSummary, type MapSummary } from './map-reading.ts';

/** The same library always gives the same map. */
export const MAP_SEED = 1;
/** Key words per region. */
const REGION_KEYWORDS = 3;
/** Papers of a region its key words are found from: enough to name it, few enough to read their texts. */
const REGION_SAMPLE = 200;
/** Points k-means sees to find the regions; every point then joins the closest centre. */
const REGION_POINTS = 10_000;
/** A map needs this many papers. */
export const MAP_MIN_PAPERS = 3;

/** About √n / 3 regions, at most 36: a few for a small library, a screenful of labels for a large one. */
export const regionCount = (papers: number) => Math.min(36, Math.max(1, Math.round(Math.sqrt(papers) / 3)));

/** The papers of the index that a map is laid out for: its live rows, in the order of their paper ids. */
function rowsById(index: FeatureIndex): Uint32Array {
  return index.liveRows().sort((a, b) => index.ids[a] - index.ids[b]);
}

/** Each point's closest of `centres` (x, y interleaved). */
function closestCentre(xy: Float32Array, centres: Float32Array): Uint16Array {
  const out = new Uint16Array(xy.length / 2);
  for (let i = 0; i < out.length; i++) {
    let best = Infinity;
    for (let c = 0; c < centres.length / 2; c++) {
      const distance = (xy[2 * i] - centres[2 * c]) ** 2 + (xy[2 * i + 1] - centres[2 * c + 1]) ** 2;
      if (distance < best) [best, out[i]] = [distance, c];
    }
  }
  return out;
}

/** Regions of the laid-out points: k-means of an even sample, each named by its papers' key words. */
function findRegions(library: PaperStore, index: FeatureIndex, rows: Uint32Array, xy: Float32Array): { regions: Omit<MapRegionRecord, 'id'>[]; regionOf: Uint16Array } {
  const stride = Math.max(1, Math.ceil(rows.length / REGION_POINTS));
  const sample = new Float32Array(2 * Math.ceil(rows.length / stride));
  for (let i = 0, s = 0; i < rows.length; i += stride, s++) sample.set(xy.subarray(2 * i, 2 * i + 2), 2 * s);
  const sampleCluster = clusters2d(sample, regionCount(rows.length), MAP_SEED);
  const count = Math.max(...sampleCluster) + 1;
  const centres = new Float32Array(2 * count);
  const sizes = new Float64Array(count);
  sampleCluster.forEach((c, s) => {
    centres[2 * c] += sample[2 * s];
    centres[2 * c + 1] += sample[2 * s + 1];
    sizes[c]++;
  });
  for (let c = 0; c < count; c++) [centres[2 * c], centres[2 * c + 1]] = [centres[2 * c] / sizes[c], centres[2 * c + 1] / sizes[c]];
  const regionOf = closestCentre(xy, centres);
  const statistics = backgroundWithEvidence(shippedBackground().model, [index]);
  const members: number[][] = Array.from({ length: count }, () => []);
  regionOf.forEach((region, i) => members[region].push(i));
  const regions = members.map((positions, c) => {
    const step = Math.max(1, positions.length / REGION_SAMPLE);
    const chosen = Array.from({ length: Math.min(REGION_SAMPLE, positions.length) }, (_, s) => positions[Math.floor(s * step)]);
    const features = chosen.map((i) => index.features(rows[i]));
    const forms = library.papersById(chosen.map((i) => index.ids[rows[i]])).map((paper) => writtenForms(docFields(paper as TextDoc)));
    const keywords = topicKeywords(features, statistics, DEFAULT_V2.mu, REGION_KEYWORDS).map((stem) => surfaceOf(stem, ...forms) ?? stem);
    return { x: centres[2 * c], y: centres[2 * c + 1], keywords };
  });
  return { regions, regionOf };
}

/** Lays the map out from the finished layout of `rows` and stores it; false if the library was busy. */
function storeLayout(library: PaperStore, index: FeatureIndex, rows: Uint32Array, xy: Float32Array): boolean {
  const { regions, regionOf } = findRegions(library, index, rows, xy);
  const points: MapPoints = { ids: Uint32Array.from(rows, (row) => index.ids[row]), xy, regions: regionOf, placed: 0 };
  return library.replaceMap({ builtAt: new Date().toISOString(), seed: MAP_SEED, papers: rows.length }, points, regions);
}

function checkSize(index: FeatureIndex): void {
  if (index.liveCount < MAP_MIN_PAPERS) throw new InputError(`a map needs at least ${MAP_MIN_PAPERS} papers; the library has ${index.liveCount}`);
}

/** Lays out the map of every paper anew and stores it. */
export function buildLibraryMap(library: PaperStore, progress?: Progress): MapSummary {
  const index = libraryFeatures(library, progress);
  checkSize(index);
  const rows = rowsById(index);
  const xy = new MapBuild(index, rows, MAP_SEED).run();
  if (!storeLayout(library, index, rows, xy)) throw new InputError('the library is busy with another paperscout: lay out the map again once it is done');
  return mapSummary(library)!;
}

/**
 * Places the papers of the index that the map does not have yet, each at the weighted mean of
 * its closest papers on the map, and stores them. Returns how many were placed.
 */
export function placeNewPapers(library: PaperStore, index: FeatureIndex): number {
  const points = library.mapPoints();
  const onMap = new Set(points.ids);
  const fresh = rowsById(index).filter((row) => !onMap.has(index.ids[row]));
  // The map's papers that the index still has (a paper deleted since is on neither for long).
  const keptRows: number[] = [];
  const keptXy: number[] = [];
  points.ids.forEach((id, i) => {
    const row = index.rowOf(id);
    if (row === undefined) return;
    keptRows.push(row);
    keptXy.push(points.xy[2 * i], points.xy[2 * i + 1]);
  });
  if (fresh.length === 0 || keptRows.length === 0) return 0;
  const laidOutXy = Float32Array.from(keptXy);
  const cells = gridCells(index, Uint32Array.from(keptRows), laidOutXy);
  const vector = new Float32Array(index.dimensions);
  const xy = new Float32Array(2 * fresh.length);
  fresh.forEach((row, i) => xy.set(cells.place(index.denseOf(row, vector), laidOutXy), 2 * i));
  const regions = library.mapRegions();
  const centres = Float32Array.from(regions.flatMap((r) => [r.x, r.y]));
  const placed: MapPoints = { ids: Uint32Array.from(fresh, (row) => index.ids[row]), xy, regions: closestCentre(xy, centres), placed: 0 };
  return library.addMapPoints(placed) ? fresh.length : 0;
}

/**
 * For a server: once the feature index has caught up, lays the map out (a bounded piece of work
 * at a time, between requests) when the library has none, or has more than doubled since; else
 * places its new papers. Returns a function that stops it.
 */
export function updateMapInBackground(library: PaperStore, idleMs = 1000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let build: { map: MapBuild; index: FeatureIndex } | undefined;
  /** The change stamp the map was last brought up to date at: most ticks find nothing new. */
  let seen: string | undefined;
  /**
   * The index's state the map was last brought up to date with: a commit that changed no paper
   * (a rating, the map's own points, a saved model) changes the stamp but leaves nothing to place.
   */
  let placedFor: string | undefined;
  const tick = () => {
    timer = setTimeout(tick, build ? 0 : idleMs);
    if (build) {
      if (build.map.step() && storeLayout(library, build.index, build.map.rows, build.map.positions)) build = undefined;
      return;
    }
    const stamp = library.changeStamp();
    if (stamp === seen) return;
    // The relevance worker's own background updates index the papers; the map waits for them.
    const { index, pending } = updateLibraryFeatures(library, { maxPapers: 0 });
    if (pending || index.liveCount < MAP_MIN_PAPERS) return;
    const info = library.mapLayoutInfo();
    if (!info || index.liveCount > 2 * info.papers) {
      build = { map: new MapBuild(index, rowsById(index), MAP_SEED), index };
      return;
    }
    const indexed = `${index.revision}:${index.liveCount}`;
    if (indexed !== placedFor) placeNewPapers(library, index);
    placedFor = indexed;
    seen = stamp;
  };
  timer = setTimeout(tick, 0);
  return () => clearTimeout(timer);
}

export interface ProfileHighlights {
  name: string;
  /** Its own and liked papers. */
  paperIds: number[];
  topics: { name: string; paperIds: number[] }[];
  recommendations: number[];
}

/** Recommendations shown on the map for a profile. */
export const MAP_RECOMMENDATIONS = 50;

/** What the map highlights for a profile, from its recommendations (RecommendResult carries its topics). */
export function profileHighlights(profile: Profile, result: RecommendResult): ProfileHighlights {
  const liked = Object.entries(profile.ratings).filter(([, r]) => r > 0).map(([id]) => Number(id));
  return {
    name: profile.name,
    paperIds: [...new Set([...profile.paperIds, ...liked])].sort((a, b) => a - b),
    topics: result.topics.map((topic) => ({ name: topic.name, paperIds: topic.paperIds })),
    recommendations: result.recommendations.map((r) => r.paper.id),
  };
}
