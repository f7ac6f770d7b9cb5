// Ranking a large index (a whole library) for a profile fast enough to answer at once. Exact
// scores need every (candidate, profile paper) similarity: for 95,000 candidates and 20 profile
// papers that is 490 million multiply-adds of dense vectors, about a second in JavaScript. So
// candidates are first shortlisted by a cheap estimate, and only the shortlist is scored exactly.
import type { DocIndex, DocVector } from './doc-index.ts';
import { profileVectorsOf, rowsOf, scoreCandidates, DEFAULT_SCORING, type CandidateScore, type ProfileEntry, type ScoringOptions } from './score.ts';

/** Up to this many candidates are scored exactly, without a shortlist. */
const EXACT_LIMIT = Number(process.env.EL ?? 1000);
/**
 * The estimate's tf-idf part follows each profile paper's heaviest terms only: they hold most
 * of its weight and are rare, while a common term's postings run through half the library
 * for a few hundredths of a cosine.
 */
const ESTIMATE_TERMS = Number(process.env.ET ?? 32);
/**
 * The estimate's dense part uses the leading dimensions only: the SVD orders them by how much
 * of the co-occurrence structure they hold, so they carry what separates broad topics.
 */
const ESTIMATE_DIMENSIONS = Number(process.env.ED ?? 64);

/** What the estimate reads, built from an index on its first ranking and kept with it. */
interface EstimateTables {
  /** For each term, the rows that have it and their tf-idf weights (an inverted index). */
  postingStart: Uint32Array;
  postingRows: Uint32Array;
  postingWeights: Float32Array;
  /**
   * Each row's leading dense dimensions, row after row: the estimate sweeps them in order
   * instead of striding through the full vectors, which reads four times the memory.
   */
  leading: Float32Array;
  leadingDimensions: number;
}

const tablesByIndex = new WeakMap<DocIndex, EstimateTables>();

function estimateTables(index: DocIndex): EstimateTables {
  const cached = tablesByIndex.get(index);
  if (cached) return cached;
  const { docStart, termIds, weights } = index;
  const termCount = index.terms.length;
  const postingStart = new Uint32Array(termCount + 1);
  for (const id of termIds) postingStart[id + 1]++;
  for (let t = 0; t < termCount; t++) postingStart[t + 1] += postingStart[t];
  const fill = postingStart.slice(0, termCount);
  const postingRows = new Uint32Array(termIds.length);
  const postingWeights = new Float32Array(termIds.length);
  for (let row = 0; row + 1 < docStart.length; row++) {
    for (let p = docStart[row]; p < docStart[row + 1]; p++) {
      const slot = fill[termIds[p]]++;
      postingRows[slot] = row;
      postingWeights[slot] = weights[p];
    }
  }
  const d = index.dimensions;
  const leadingDimensions = Math.min(d, ESTIMATE_DIMENSIONS);
  const leading = new Float32Array(index.ids.length * leadingDimensions);
  for (let row = 0; row < index.ids.length; row++) leading.set(index.dense.subarray(row * d, row * d + leadingDimensions), row * leadingDimensions);
  const tables = { postingStart, postingRows, postingWeights, leading, leadingDimensions };
  tablesByIndex.set(index, tables);
  return tables;
}

export interface RankOptions extends Partial<ScoringOptions> {
  limit: number;
  /** Only these documents are ranked (default: every document of the index). */
  candidates?: readonly string[];
  /** Documents never ranked, besides the profile's own. */
  exclude?: ReadonlySet<string>;
}

/** The rows of the candidates, less the skipped documents; by row, over the whole index, to spare a lookup per document. */
function candidateRows(index: DocIndex, candidates: readonly string[] | undefined, skip: ReadonlySet<string>): Uint32Array {
  if (candidates) return Uint32Array.from(rowsOf(index, candidates.filter((id) => !skip.has(id))));
  const skipped = new Uint8Array(index.ids.length);
  for (const id of skip) {
    const row = index.rowOf.get(id);
    if (row !== undefined) skipped[row] = 1;
  }
  const rows = new Uint32Array(index.ids.length);
  let count = 0;
  for (let row = 0; row < skipped.length; row++) if (!skipped[row]) rows[count++] = row;
  return rows.subarray(0, count);
}

/**
 * About the tf-idf cosine of profile paper `p` (of `count`) with every document of the index,
 * through the postings of its heaviest terms, into out[row * count + p].
 */
function lexicalEstimates(tables: EstimateTables, doc: DocVector, p: number, count: number, out: Float32Array): void {
  const { postingStart, postingRows, postingWeights } = tables;
  const heaviest = Array.from(doc.weights.keys())
    .sort((a, b) => doc.weights[b] - doc.weights[a])
    .slice(0, ESTIMATE_TERMS);
  for (const k of heaviest) {
    const term = doc.termIds[k];
    const w = doc.weights[k];
    for (let q = postingStart[term]; q < postingStart[term + 1]; q++) out[postingRows[q] * count + p] += w * postingWeights[q];
  }
}

/**
 * An estimate of each candidate's score: the tf-idf part (mean of its topK closest profile
 * papers, on their heaviest terms) plus the dense similarity to the profile's weighted mean
 * vector, on the leading dimensions.
 */
function estimates(index: DocIndex, profile: DocVector[], profileWeights: readonly number[], rows: Uint32Array, options: ScoringOptions): Float32Array {
  const tables = estimateTables(index);
  const count = profile.length;
  const lexical = new Float32Array(index.ids.length * count);
  profile.forEach((doc, p) => lexicalEstimates(tables, doc, p, count, lexical));
  const weights = Float64Array.from(profileWeights);
  const k = Math.max(1, Math.min(options.topK, count));
  const { leading, leadingDimensions: dims } = tables;
  const center = new Float64Array(dims);
  profile.forEach((doc, j) => {
    for (let t = 0; t < dims; t++) center[t] += (weights[j] * doc.dense[t]) / count;
  });
  const lexicalShare = index.dimensions === 0 ? 1 : options.lexicalWeight;
  const lexicalScale = lexicalShare / index.spread.lexical / k;
  const denseScale = (1 - lexicalShare) / index.spread.dense;
  const out = new Float32Array(rows.length);
  const top = new Float64Array(k);
  for (let c = 0; c < rows.length; c++) {
    const row = rows[c];
    const base = row * count;
    let lexicalSum = 0;
    if (k === count) {
      for (let j = 0; j < count; j++) lexicalSum += weights[j] * lexical[base + j];
    } else {
      // The k largest weighted similarities, by insertion into a short sorted list.
      top.fill(-Infinity);
      for (let j = 0; j < count; j++) {
        const sim = weights[j] * lexical[base + j];
        if (sim <= top[k - 1]) continue;
        let slot = k - 1;
        while (slot > 0 && top[slot - 1] < sim) {
          top[slot] = top[slot - 1];
          slot--;
        }
        top[slot] = sim;
      }
      for (let j = 0; j < k; j++) lexicalSum += top[j];
    }
    out[c] = lexicalScale * lexicalSum + denseScale * dot(center, leading, row * dims, dims);
  }
  return out;
}

/**
 * center · vectors[offset .. offset + length), with four running sums: the estimate's hottest
 * loop, and independent sums let the processor overlap the multiply-adds.
 */
function dot(center: Float64Array, vectors: Float32Array, offset: number, length: number): number {
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  let t = 0;
  for (; t + 3 < length; t += 4) {
    s0 += center[t] * vectors[offset + t];
    s1 += center[t + 1] * vectors[offset + t + 1];
    s2 += center[t + 2] * vectors[offset + t + 2];
    s3 += center[t + 3] * vectors[offset + t + 3];
  }
  for (; t < length; t++) s0 += center[t] * vectors[offset + t];
  return s0 + s1 + s2 + s3;
}

/** The `rank`-th largest of some values (1 for the largest), by quickselect on a copy: no full sort. */
function kthLargest(values: Float32Array, rank: number): number {
  const a = Float32Array.from(values);
  const target = a.length - rank;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Three-way partition around the middle value: runs of equal estimates (all zeros without a
    // dense space) settle at once instead of degrading to quadratic time.
    const pivot = a[(lo + hi) >>> 1];
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const x = a[i];
      if (x < pivot) {
        a[i++] = a[lt];
        a[lt++] = x;
      } else if (x > pivot) {
        a[i] = a[gt];
        a[gt--] = x;
      } else i++;
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return a[target];
}

/**
 * The best `limit` candidates for a profile, best first, with exact scores and reasons. Over
 * more than EXACT_LIMIT candidates, only the EXACT_LIMIT (or 20 x limit, if more) best by
 * estimate are scored exactly, so a paper the estimate underrates by far can be missed (on
 * the paperlists library, the top 20 came out the same as exact ranking for every profile tried).
 */
export function rankCandidates(index: DocIndex, profile: readonly ProfileEntry[], options: RankOptions): CandidateScore[] {
  const scoring: ScoringOptions = { lexicalWeight: options.lexicalWeight ?? DEFAULT_SCORING.lexicalWeight, topK: options.topK ?? DEFAULT_SCORING.topK };
  const skip = new Set([...profile.map((entry) => entry.id), ...(options.exclude ?? [])]);
  const rows = candidateRows(index, options.candidates, skip);
  const byScore = (results: CandidateScore[]) => results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, options.limit);
  const idsOf = (of: ArrayLike<number>) => Array.from(of, (row) => index.ids[row]);
  const shortlistSize = Math.max(EXACT_LIMIT, 20 * options.limit);
  if (rows.length <= shortlistSize) return byScore(scoreCandidates(index, profile, idsOf(rows), scoring));
  const estimate = estimates(index, profileVectorsOf(index, profile), profile.map((entry) => entry.weight ?? 1), rows, scoring);
  const threshold = kthLargest(estimate, shortlistSize);
  return byScore(scoreCandidates(index, profile, idsOf(rows.filter((_, c) => estimate[c] >= threshold)), scoring));
}
