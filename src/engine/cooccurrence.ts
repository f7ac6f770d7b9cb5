// Term vectors learned from which words occur near which others in a corpus: counts of word
// pairs within a small window, turned into positive pointwise mutual information (PPMI) and
// reduced by truncated SVD (Levy, Goldberg & Dagan 2015: with their settings this matches
// word2vec on similarity tasks, and it needs no training loop and no download).
import { truncatedSvd, type CsrMatrix } from './linalg.ts';
import { Uint32HashTable } from '../hash-table.ts';

export interface CooccurrenceOptions {
  /** Words counted on each side of a word. */
  window: number;
  /** Dimensions of the term vectors. */
  dimensions: number;
  /** Context-distribution smoothing: context counts are raised to this power (Levy et al.). */
  contextSmoothing: number;
  /**
   * Singular values are raised to this power in the term vectors. 0 (Levy et al.'s
   * recommendation for similarity) weighs every dimension alike, so the finer distinctions
   * of the later dimensions count; on the reviewer-expertise benchmark it beat 0.5.
   */
  eigenWeight: number;
  /** Power iterations of the randomized SVD (see truncatedSvd). */
  powerIterations: number;
  seed: number;
}

export const DEFAULT_COOCCURRENCE: CooccurrenceOptions = {
  window: 5,
  dimensions: 256,
  contextSmoothing: 0.75,
  eigenWeight: 0,
  powerIterations: 3,
  seed: 1,
};

/**
 * Weighted counts of unordered term pairs. A corpus of 95,000 abstracts has tens of millions of
 * distinct pairs: a Map of numbers would hold them in several times the memory and time. The
 * table is the largest allocation of learning a model, so it fills to 70%, where probes are
 * still short. The counts are visited in the table's order, the same on every run.
 */
class PairCounts {
  private readonly counts = new Uint32HashTable((size) => new Float32Array(size), 1 << 16, 0.7);

  constructor(private readonly vocabSize: number) {}

  add(a: number, b: number, weight: number): void {
    this.counts.add(a < b ? a * this.vocabSize + b : b * this.vocabSize + a, weight);
  }

  forEach(visit: (a: number, b: number, count: number) => void): void {
    this.counts.forEach((key, count) => visit(Math.floor(key / this.vocabSize), key % this.vocabSize, count));
  }
}

/** Pair counts within the window, each pair weighted 1/distance (as GloVe does). */
function countPairs(streams: Iterable<Int32Array>, vocabSize: number, window: number): PairCounts {
  const pairs = new PairCounts(vocabSize);
  for (const stream of streams) {
    for (let i = 0; i < stream.length; i++) {
      const end = Math.min(stream.length, i + window + 1);
      for (let j = i + 1; j < end; j++) {
        if (stream[i] !== stream[j]) pairs.add(stream[i], stream[j], 1 / (j - i));
      }
    }
  }
  return pairs;
}

/** The symmetric PPMI matrix of the pair counts, with smoothed context probabilities. */
function ppmi(pairs: PairCounts, vocabSize: number, smoothing: number): CsrMatrix {
  const rowTotals = new Float64Array(vocabSize);
  const rowLengths = new Uint32Array(vocabSize);
  pairs.forEach((a, b, count) => {
    rowTotals[a] += count;
    rowTotals[b] += count;
    rowLengths[a]++;
    rowLengths[b]++;
  });
  const smoothed = Float64Array.from(rowTotals, (x) => Math.pow(x, smoothing));
  const smoothedTotal = smoothed.reduce((s, x) => s + x, 0);
  const rowStart = new Uint32Array(vocabSize + 1);
  for (let i = 0; i < vocabSize; i++) rowStart[i + 1] = rowStart[i] + rowLengths[i];
  const fill = rowStart.slice(0, vocabSize);
  const colIndex = new Uint32Array(rowStart[vocabSize]);
  const values = new Float32Array(rowStart[vocabSize]);
  // PMI(w, c) = log P(w, c) / (P(w) P_smoothed(c)); entries at or below zero are dropped.
  const put = (w: number, c: number, count: number) => {
    const pmi = Math.log((count * smoothedTotal) / (rowTotals[w] * smoothed[c]));
    if (pmi <= 0) return;
    colIndex[fill[w]] = c;
    values[fill[w]++] = pmi;
  };
  pairs.forEach((a, b, count) => {
    put(a, b, count);
    put(b, a, count);
  });
  return compact({ rows: vocabSize, cols: vocabSize, rowStart, colIndex, values }, fill);
}

/** Closes the gaps that dropped (non-positive) entries left in each row. */
function compact(m: CsrMatrix, rowEnd: Uint32Array): CsrMatrix {
  const rowStart = new Uint32Array(m.rows + 1);
  for (let i = 0; i < m.rows; i++) rowStart[i + 1] = rowStart[i] + (rowEnd[i] - m.rowStart[i]);
  const colIndex = new Uint32Array(rowStart[m.rows]);
  const values = new Float32Array(rowStart[m.rows]);
  for (let i = 0; i < m.rows; i++) {
    colIndex.set(m.colIndex.subarray(m.rowStart[i], rowEnd[i]), rowStart[i]);
    values.set(m.values.subarray(m.rowStart[i], rowEnd[i]), rowStart[i]);
  }
  return { rows: m.rows, cols: m.cols, rowStart, colIndex, values };
}

/**
 * Unit-length term vectors (vocabSize x dimensions, row by row) from token streams of term
 * ids in 0 .. vocabSize - 1. A stream is one field of one document; windows do not cross
 * streams. A small vocabulary gets fewer dimensions than asked (at most one per term).
 */
export function learnTermVectors(
  streams: Iterable<Int32Array>,
  vocabSize: number,
  options: CooccurrenceOptions,
): { vectors: Float32Array; dimensions: number } {
  const matrix = ppmi(countPairs(streams, vocabSize, options.window), vocabSize, options.contextSmoothing);
  const { u, singularValues } = truncatedSvd(matrix, { rank: options.dimensions, powerIterations: options.powerIterations, seed: options.seed });
  const dim = u.cols;
  const vectors = new Float32Array(vocabSize * dim);
  const scale = Array.from(singularValues, (s) => Math.pow(s, options.eigenWeight));
  for (let i = 0; i < vocabSize; i++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += (u.data[i * dim + k] * scale[k]) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) vectors[i * dim + k] = u.data[i * dim + k] * scale[k] * inv;
  }
  return { vectors, dimensions: dim };
}
