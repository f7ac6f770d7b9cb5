// A map of the library: every paper as a point in 2-D, near the papers its dense vector is
// near. UMAP (umap-js) lays out a seeded sample of landmark papers from their nearest
// neighbours, which are found here with the feature index's own int8 dot products; every other
// paper, and each paper added later, goes to the weighted mean of its nearest landmarks (or,
// later, nearest laid-out papers) on the map.
//
// Why landmarks: umap-js keeps its graphs in Maps keyed by strings, and for all 95,000 papers
// of the paperlists library its set-up alone took over 3 minutes and 2 GiB; for 10,000 it is a
// tenth of that, and placing the rest by their neighbours is the same step that places a new
// paper. Why an inverted file (Cells) instead of a library's nearest-neighbour index: exact
// search is 50 ms per paper over 95,000 (over an hour for all of them), the maintained JS
// libraries compute neighbours only inside umap-js (its NN-descent, on arrays of numbers) and
// the native ones need Node 22 or a compiler; grouping the papers into cells and reading only
// the few cells whose mean is closest is a few lines over FeatureIndex.dots.
import { UMAP } from 'umap-js';
import { kmeans } from 'ml-kmeans';
import type { FeatureIndex } from './feature-index.ts';
import { seededRandom } from './linalg.ts';

/** UMAP's neighbours per paper (its default). */
export const UMAP_NEIGHBOURS = 15;
/** Papers laid out by UMAP; the rest are placed by their neighbours. */
export const LANDMARKS = 10_000;
/** Laid-out neighbours a placed paper's position is the weighted mean of. */
export const PLACE_NEIGHBOURS = 10;
/**
 * Cosine differences that separate a placed paper's neighbours: weights are exp(cos / this), so
 * a neighbour 0.05 less close counts a third as much and a paper between two groups goes to the
 * one it is closer to instead of the empty space between them.
 */
const PLACE_SHARPNESS = 0.05;
/** Cells read for a landmark's neighbours (UMAP's graph), of about √n. */
const PROBES = 6;
/** Cells read to place a paper: its ten closest need less reach than UMAP's fifteen, and most papers are placed. */
const PLACE_PROBES = 3;
/** Papers per cell, on average, of the grid that new papers are placed by. */
const PAPERS_PER_CELL = 200;
/** Iterations of 2-D k-means: the cells need not be optimal, only compact. */
const KMEANS_ITERATIONS = 30;

/** The top `k` of a stream of (value, id), best first, kept by insertion into two small arrays. */
class TopK {
  readonly ids: Int32Array;
  readonly values: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.ids = new Int32Array(k);
    this.values = new Float64Array(k);
  }

  offer(value: number, id: number): void {
    if (this.size === this.k && value <= this.values[this.k - 1]) return;
    let at = this.size < this.k ? this.size++ : this.k - 1;
    while (at > 0 && this.values[at - 1] < value) {
      this.values[at] = this.values[at - 1];
      this.ids[at] = this.ids[at - 1];
      at--;
    }
    this.values[at] = value;
    this.ids[at] = id;
  }
}

/**
 * Some rows of a feature index grouped into cells, each with the normalized mean of its
 * papers' vectors: a search reads the papers of the few cells whose mean is closest (an
 * inverted file). Positions are indexes into the `rows` it was made with.
 */
export class Cells {
  private readonly ordered: Uint32Array;
  private readonly positionOf: Uint32Array;
  private readonly start: Uint32Array;
  private readonly centroids: Float32Array;
  private readonly scratch: Float64Array;
  private readonly vector: Float32Array;

  constructor(
    private readonly index: FeatureIndex,
    rows: Uint32Array,
    cellOf: ArrayLike<number>,
    readonly count: number,
  ) {
    const d = index.dimensions;
    this.start = new Uint32Array(count + 1);
    for (let i = 0; i < rows.length; i++) this.start[cellOf[i] + 1]++;
    for (let c = 0; c < count; c++) this.start[c + 1] += this.start[c];
    const fill = this.start.slice(0, count);
    this.ordered = new Uint32Array(rows.length);
    this.positionOf = new Uint32Array(rows.length);
    this.centroids = new Float32Array(count * d);
    this.vector = new Float32Array(d);
    for (let i = 0; i < rows.length; i++) {
      const slot = fill[cellOf[i]]++;
      this.ordered[slot] = rows[i];
      this.positionOf[slot] = i;
      index.denseOf(rows[i], this.vector);
      const offset = cellOf[i] * d;
      for (let k = 0; k < d; k++) this.centroids[offset + k] += this.vector[k];
    }
    let largest = 0;
    for (let c = 0; c < count; c++) {
      largest = Math.max(largest, this.start[c + 1] - this.start[c]);
      let norm = 0;
      for (let k = 0; k < d; k++) norm += this.centroids[c * d + k] ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < d; k++) this.centroids[c * d + k] *= scale;
    }
    this.scratch = new Float64Array(largest);
  }

  /** The `k` papers closest to `vector` (positions and cosines, closest first), leaving out position `skip`. */
  nearest(vector: Float32Array, k: number, skip = -1, probes = PROBES): { positions: Int32Array; cosines: Float64Array; found: number } {
    const d = this.index.dimensions;
    const cells = new TopK(Math.min(probes, this.count));
    for (let c = 0; c < this.count; c++) {
      if (this.start[c + 1] === this.start[c]) continue;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += vector[j] * this.centroids[c * d + j];
      cells.offer(dot, c);
    }
    const best = new TopK(k);
    for (let n = 0; n < cells.size; n++) {
      const from = this.start[cells.ids[n]];
      const to = this.start[cells.ids[n] + 1];
      const out = this.scratch.subarray(0, to - from);
      this.index.dots(vector, this.ordered.subarray(from, to), out);
      for (let i = 0; i < out.length; i++) if (this.positionOf[from + i] !== skip) best.offer(out[i], this.positionOf[from + i]);
    }
    return { positions: best.ids, cosines: best.values, found: best.size };
  }

  /** The weighted mean of the map positions (`xy`, by position) of the papers closest to `vector`. */
  place(vector: Float32Array, xy: Float32Array, skip = -1): [number, number] {
    const { positions, cosines, found } = this.nearest(vector, PLACE_NEIGHBOURS, skip, PLACE_PROBES);
    let x = 0;
    let y = 0;
    let total = 0;
    for (let i = 0; i < found; i++) {
      const weight = Math.exp((cosines[i] - cosines[0]) / PLACE_SHARPNESS);
      x += weight * xy[2 * positions[i]];
      y += weight * xy[2 * positions[i] + 1];
      total += weight;
    }
    return total > 0 ? [x / total, y / total] : [0, 0];
  }
}

/** Seeded k-means of 2-D points (`xy` interleaved): each point's cluster, 0 .. k - 1. */
export function clusters2d(xy: Float32Array, k: number, seed: number): Uint32Array {
  const n = xy.length / 2;
  const count = Math.max(1, Math.min(k, n));
  const points = Array.from({ length: n }, (_, i) => [xy[2 * i], xy[2 * i + 1]]);
  const result = kmeans(points, count, { seed, maxIterations: KMEANS_ITERATIONS, initialization: 'kmeans++' });
  return Uint32Array.from(result.clusters);
}

/**
 * Cells of laid-out papers (`xy` by position in `rows`) for placing new ones: a square grid over
 * the map, computed in one pass, since papers close on the map are close in the dense space
 * (k-means of all 95,000 points took ml-kmeans 3 minutes).
 */
export function gridCells(index: FeatureIndex, rows: Uint32Array, xy: Float32Array): Cells {
  const side = Math.max(1, Math.round(Math.sqrt(rows.length / PAPERS_PER_CELL)));
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < rows.length; i++) {
    [minX, maxX] = [Math.min(minX, xy[2 * i]), Math.max(maxX, xy[2 * i])];
    [minY, maxY] = [Math.min(minY, xy[2 * i + 1]), Math.max(maxY, xy[2 * i + 1])];
  }
  const at = (value: number, min: number, max: number) => Math.min(side - 1, Math.floor(((value - min) / (max - min || 1)) * side));
  const cellOf = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) cellOf[i] = at(xy[2 * i], minX, maxX) + side * at(xy[2 * i + 1], minY, maxY);
  return new Cells(index, rows, cellOf, side * side);
}

type Phase = 'pivots' | 'neighbours' | 'umap' | 'epochs' | 'place' | 'done';

/**
 * The layout of `rows` of a feature index, computed a bounded piece at a time (`step`) so a
 * server can build it between requests; `positions` then holds x, y for each of `rows`.
 * The same rows and seed give the same map.
 */
export class MapBuild {
  /** x, y by position in `rows`. */
  readonly positions: Float32Array;
  phase: Phase = 'pivots';
  private readonly landmarks: Uint32Array;
  private readonly others: Uint32Array;
  private readonly random: () => number;
  private readonly vector: Float32Array;
  private pivotOf: Uint32Array;
  private pivotSimilarity: Float64Array;
  private done = 0;
  private cells?: Cells;
  private knnIndices: number[][] = [];
  private knnDistances: number[][] = [];
  private umap?: UMAP;
  private epochs = 0;
  private landmarkXy?: Float32Array;
  /** Each landmark's neighbours besides itself. */
  private readonly neighbours: number;
  private readonly landmarkRows: Uint32Array;

  constructor(
    private readonly index: FeatureIndex,
    readonly rows: Uint32Array,
    seed: number,
    landmarks = LANDMARKS,
  ) {
    if (rows.length < 3) throw new RangeError(`a map needs at least 3 papers, not ${rows.length}`);
    this.random = seededRandom(seed);
    this.positions = new Float32Array(rows.length * 2);
    this.vector = new Float32Array(index.dimensions);
    // A seeded shuffle of the positions; its first `landmarks` are laid out, in order.
    const order = Uint32Array.from(rows.keys());
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const count = Math.min(landmarks, rows.length);
    this.landmarks = order.slice(0, count).sort();
    this.others = order.slice(count).sort();
    this.landmarkRows = this.landmarks.map((i) => rows[i]);
    // umap-js counts the paper itself among its neighbours and needs more papers than that.
    this.neighbours = Math.min(UMAP_NEIGHBOURS, count - 1) - 1;
    this.pivotOf = new Uint32Array(count);
    this.pivotSimilarity = new Float64Array(count).fill(-Infinity);
  }

  /** Does about `budgetMs` of work; true once the layout is complete. */
  step(budgetMs = 200): boolean {
    const until = performance.now() + budgetMs;
    while (this.phase !== 'done' && performance.now() < until) this.work();
    return this.phase === 'done';
  }

  /** Runs to the end. */
  run(): Float32Array {
    while (!this.step(1000));
    return this.positions;
  }

  private work(): void {
    const L = this.landmarks.length;
    const pivots = Math.max(1, Math.round(Math.sqrt(L)));
    switch (this.phase) {
      case 'pivots': {
        // Cells for the landmarks' neighbours: each landmark with the closest of √L evenly spread
        // landmarks (the order is already shuffled by position, so every √L-th is a fair sample).
        const pivot = this.done++;
        this.index.denseOf(this.landmarkRows[Math.floor((pivot * L) / pivots)], this.vector);
        const out = new Float64Array(L);
        this.index.dots(this.vector, this.landmarkRows, out);
        for (let i = 0; i < L; i++) {
          if (out[i] > this.pivotSimilarity[i]) [this.pivotSimilarity[i], this.pivotOf[i]] = [out[i], pivot];
        }
        if (this.done === pivots) {
          this.cells = new Cells(this.index, this.landmarkRows, this.pivotOf, pivots);
          [this.phase, this.done] = ['neighbours', 0];
        }
        return;
      }
      case 'neighbours': {
        // UMAP's neighbour lists start with the paper itself, at distance 0.
        const end = Math.min(L, this.done + 200);
        for (let i = this.done; i < end; i++) {
          this.index.denseOf(this.landmarkRows[i], this.vector);
          const { positions, cosines, found } = this.cells!.nearest(this.vector, this.neighbours, i);
          const ids = [i];
          const distances = [0];
          for (let n = 0; n < this.neighbours; n++) {
            // A cell search may find fewer than asked in a tiny library: the paper itself fills in, as umap-js allows.
            ids.push(n < found ? positions[n] : i);
            distances.push(n < found ? Math.max(0, 1 - cosines[n]) : 0);
          }
          this.knnIndices.push(ids);
          this.knnDistances.push(distances);
        }
        this.done = end;
        if (end === L) this.phase = 'umap';
        return;
      }
      case 'umap': {
        this.umap = new UMAP({ nComponents: 2, nNeighbors: this.neighbours + 1, random: this.random });
        this.umap.setPrecomputedKNN(this.knnIndices, this.knnDistances);
        // umap-js reads only the number of points from its data once neighbours are given.
        this.epochs = this.umap.initializeFit(Array.from({ length: L }, () => []));
        [this.knnIndices, this.knnDistances] = [[], []];
        [this.phase, this.done] = ['epochs', 0];
        return;
      }
      case 'epochs': {
        this.umap!.step();
        if (++this.done < this.epochs) return;
        const embedding = this.umap!.getEmbedding();
        this.landmarkXy = new Float32Array(2 * L);
        embedding.forEach(([x, y], i) => {
          this.landmarkXy![2 * i] = x;
          this.landmarkXy![2 * i + 1] = y;
          this.positions[2 * this.landmarks[i]] = x;
          this.positions[2 * this.landmarks[i] + 1] = y;
        });
        this.umap = undefined;
        [this.phase, this.done] = [this.others.length > 0 ? 'place' : 'done', 0];
        return;
      }
      case 'place': {
        const end = Math.min(this.others.length, this.done + 500);
        for (let i = this.done; i < end; i++) {
          const position = this.others[i];
          this.index.denseOf(this.rows[position], this.vector);
          const [x, y] = this.cells!.place(this.vector, this.landmarkXy!);
          this.positions[2 * position] = x;
          this.positions[2 * position + 1] = y;
        }
        this.done = end;
        if (end === this.others.length) this.phase = 'done';
        return;
      }
      case 'done':
        return;
    }
  }
}
