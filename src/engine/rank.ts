// Ranking a large index (a whole library) for a profile fast enough to answer at once. Exact
// scores need every (candidate, profile paper) similarity: for 95,000 candidates and 20 profile
// papers that is 490 million multiply-adds of dense vectors, about a second in JavaScript. So
// candidates are first shortlisted by a cheap estimate, and only the shortlist is scored exactly.
import type { DocIndex, DocVector } from './doc-index.ts';
import { profileVectorsOf, rowsOf, scoreRows, DEFAULT_SCORING, type CandidateScore, type ProfileEntry, type ScoringOptions } from './score.ts';

/** Up to this many candidates are scored exactly, without a shortlist. */
const EXACT_LIMIT = 1000;
/**
 * Over more candidates, this many (or 20 x limit, if more) of the best by estimate are scored
 * exactly. On the paperlists library (95,000 papers; 16 profiles of 20 papers and 30 single
 * papers), the exact top 10 were all in the shortlist but for 2 of 460, as with 1,000.
 */
const SHORTLIST = 500;
/**
 * The estimate's tf-idf part follows each profile paper's heaviest terms only: they hold most
 * of its weight and are rare, while a common term's postings run through half the library
 * for a few hundredths of a cosine. With 32 terms the shortlist missed twice as many of the
 * exact top 10 as with 48; 64 missed none but reads two and a half times the postings.
 */
const ESTIMATE_TERMS = 48;
/**
 * The estimate's dense part uses the leading dimensions only: the SVD orders them by how much
 * of the co-occurrence structure they hold, so they carry what separates broad topics. The
 * tf-idf part does most of the shortlisting: 16 dimensions shortlisted as well as 64.
 */
const ESTIMATE_DIMENSIONS = 16;

/** What the estimate reads, built from an index on its first ranking and kept with it. */
interface EstimateTables {
  /** For each term, the rows that have it and their tf-idf weights (an inverted index). */
  postingStart: Uint32Array;
  postingRows: Uint32Array;
  postingWeights: Float32Array;
  /**
   * Each row's leading dense dimensions, row after row: the estimate sweeps them in order
   * instead of striding through the full vectors.
   */
  leading: Float32Array;
  leadingDimensions: number;
  /**
   * Working arrays of addLexicalTopMeans, one entry (or k) per row, kept between rankings: fresh
   * ones would be megabytes of allocation and garbage collection for every ranking.
   */
  scratch: { top: Float32Array; sums: Float32Array; seen: Uint8Array; touched: Uint32Array };
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
  const n = index.ids.length;
  const d = index.dimensions;
  const leadingDimensions = Math.min(d, ESTIMATE_DIMENSIONS);
  const leading = new Float32Array(n * leadingDimensions);
  for (let row = 0; row < n; row++) leading.set(index.dense.subarray(row * d, row * d + leadingDimensions), row * leadingDimensions);
  const scratch = { top: new Float32Array(0), sums: new Float32Array(n), seen: new Uint8Array(n), touched: new Uint32Array(n) };
  const tables = { postingStart, postingRows, postingWeights, leading, leadingDimensions, scratch };
  tablesByIndex.set(index, tables);
  return tables;
}

export interface RankOptions extends Partial<ScoringOptions> {
  limit: number;
  /** Only these documents are ranked (default: every document of the index). */
  candidates?: readonly number[];
  /** Documents never ranked, besides the profile's own. */
  exclude?: ReadonlySet<number>;
}

/** The rows of the candidates, less the skipped documents; over the whole index, by row, sparing a lookup per document. */
function candidateRows(index: DocIndex, candidates: readonly number[] | undefined, skip: ReadonlySet<number>): Uint32Array {
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

/** A profile paper's vectors and the magnitude of its weight. */
interface WeighedPaper {
  doc: DocVector;
  weight: number;
}

/**
 * Adds to every row's entry of `out` the mean of its `k` largest tf-idf estimates with a group
 * of profile papers (each times its weight), times `sign`: the tf-idf part of the exact score's
 * top-k mean. A paper's estimate with a row goes through the postings of the paper's heaviest
 * terms; the many rows that share none of them estimate 0 and never enter a row's top k, so
 * the work follows the postings, not rows x papers.
 */
function addLexicalTopMeans(tables: EstimateTables, papers: readonly WeighedPaper[], k: number, sign: number, out: Float32Array): void {
  const { postingStart, postingRows, postingWeights, scratch } = tables;
  const rowCount = out.length;
  if (scratch.top.length < rowCount * k) scratch.top = new Float32Array(rowCount * k);
  // Each row's k largest estimates so far, in descending order; zeros until it shares a term.
  const top = scratch.top.fill(0, 0, rowCount * k);
  const { sums, seen, touched } = scratch;
  for (const { doc, weight } of papers) {
    let touchedCount = 0;
    const heaviest = Array.from(doc.weights.keys())
      .sort((a, b) => doc.weights[b] - doc.weights[a])
      .slice(0, ESTIMATE_TERMS);
    for (const t of heaviest) {
      const term = doc.termIds[t];
      const w = weight * doc.weights[t];
      for (let q = postingStart[term]; q < postingStart[term + 1]; q++) {
        const row = postingRows[q];
        if (!seen[row]) {
          seen[row] = 1;
          touched[touchedCount++] = row;
        }
        sums[row] += w * postingWeights[q];
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const row = touched[i];
      const estimate = sums[row];
      sums[row] = 0;
      seen[row] = 0;
      const base = row * k;
      if (estimate <= top[base + k - 1]) continue;
      let slot = k - 1;
      while (slot > 0 && top[base + slot - 1] < estimate) {
        top[base + slot] = top[base + slot - 1];
        slot--;
      }
      top[base + slot] = estimate;
    }
  }
  for (let row = 0; row < rowCount; row++) {
    let sum = 0;
    for (let j = row * k; j < (row + 1) * k; j++) sum += top[j];
    out[row] += (sign * sum) / k;
  }
}

/**
 * An estimate of each candidate's score, mirroring the exact one: the tf-idf part as the mean
 * of its topK closest liked papers less that of its topK closest disliked ones (on their
 * heaviest terms), plus the dense similarity to the profile's weighted mean vector, on the
 * leading dimensions.
 */
function estimates(index: DocIndex, profile: readonly ProfileEntry[], rows: Uint32Array, options: ScoringOptions): Float32Array {
  const tables = estimateTables(index);
  const n = index.ids.length;
  const vectors = profileVectorsOf(index, profile);
  const weighed = vectors.map((doc, p) => ({ doc, weight: profile[p].weight ?? 1 }));
  const lexical = new Float32Array(n);
  const liked = weighed.filter((paper) => paper.weight >= 0);
  const disliked = weighed.filter((paper) => paper.weight < 0).map(({ doc, weight }) => ({ doc, weight: -weight }));
  if (liked.length > 0) addLexicalTopMeans(tables, liked, Math.max(1, Math.min(options.topK, liked.length)), 1, lexical);
  if (disliked.length > 0) addLexicalTopMeans(tables, disliked, Math.max(1, Math.min(options.topK, disliked.length)), -1, lexical);
  const { leading, leadingDimensions: dims } = tables;
  const center = new Float32Array(dims);
  for (const { doc, weight } of weighed) for (let t = 0; t < dims; t++) center[t] += (weight * doc.dense[t]) / weighed.length;
  const lexicalShare = index.dimensions === 0 ? 1 : options.lexicalWeight;
  const lexicalScale = lexicalShare / index.spread.lexical;
  const denseScale = (1 - lexicalShare) / index.spread.dense;
  const out = new Float32Array(rows.length);
  for (let c = 0; c < rows.length; c++) {
    const row = rows[c];
    let dense = 0;
    for (let t = 0, offset = row * dims; t < dims; t++) dense += center[t] * leading[offset + t];
    out[c] = lexicalScale * lexical[row] + denseScale * dense;
  }
  return out;
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
 * more than EXACT_LIMIT candidates, only a shortlist of the best by estimate is scored exactly
 * (see SHORTLIST), so a paper the estimate underrates by far can be missed.
 */
export function rankCandidates(index: DocIndex, profile: readonly ProfileEntry[], options: RankOptions): CandidateScore[] {
  const scoring: ScoringOptions = { lexicalWeight: options.lexicalWeight ?? DEFAULT_SCORING.lexicalWeight, topK: options.topK ?? DEFAULT_SCORING.topK };
  const skip = new Set([...profile.flatMap((entry) => ('id' in entry ? [entry.id] : [])), ...(options.exclude ?? [])]);
  const rows = candidateRows(index, options.candidates, skip);
  // Equal scores (a text that shares no word with them) go by id: for a library, its order.
  const byScore = (results: CandidateScore[]) => results.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, options.limit);
  const shortlistSize = Math.max(SHORTLIST, 20 * options.limit);
  if (rows.length <= Math.max(EXACT_LIMIT, shortlistSize)) return byScore(scoreRows(index, profile, rows, scoring));
  const estimate = estimates(index, profile, rows, scoring);
  const threshold = kthLargest(estimate, shortlistSize);
  return byScore(scoreRows(index, profile, rows.filter((_, c) => estimate[c] >= threshold), scoring));
}
