// Ranking a large index (a whole library) for a profile fast enough to answer at once. Exact
// scores need every (candidate, profile paper) similarity: for 95,000 candidates and 20 profile
// papers that is 490 million multiply-adds of dense vectors, about a second in JavaScript. So
// candidates are first shortlisted by a cheap estimate, and only the shortlist is scored exactly.
import type { DocIndex, DocVector } from './doc-index.ts';
import { profileVectorsOf, rowsOf, scoreCandidates, DEFAULT_SCORING, type CandidateScore, type ProfileEntry, type ScoringOptions } from './score.ts';

/** Up to this many candidates are scored exactly, without a shortlist. */
const EXACT_LIMIT = 1000;
/**
 * The estimate's tf-idf part follows each profile paper's heaviest terms only: they hold most
 * of its weight and are rare, while a common term's postings run through half the library
 * for a few hundredths of a cosine.
 */
const ESTIMATE_TERMS = 32;
/**
 * The estimate's dense part uses the leading dimensions only: the SVD orders them by how much
 * of the co-occurrence structure they hold, so they carry what separates broad topics.
 */
const ESTIMATE_DIMENSIONS = 64;

/** For each term, the documents that have it and their tf-idf weights (an inverted index). */
interface Postings {
  start: Uint32Array;
  rows: Uint32Array;
  weights: Float32Array;
}

const postingsByIndex = new WeakMap<DocIndex, Postings>();

function postingsOf(index: DocIndex): Postings {
  const cached = postingsByIndex.get(index);
  if (cached) return cached;
  const { docStart, termIds, weights } = index;
  const start = new Uint32Array(index.terms.length + 1);
  for (const id of termIds) start[id + 1]++;
  for (let t = 0; t < index.terms.length; t++) start[t + 1] += start[t];
  const fill = start.slice(0, index.terms.length);
  const rows = new Uint32Array(termIds.length);
  const postingWeights = new Float32Array(termIds.length);
  for (let row = 0; row + 1 < docStart.length; row++) {
    for (let p = docStart[row]; p < docStart[row + 1]; p++) {
      const slot = fill[termIds[p]]++;
      rows[slot] = row;
      postingWeights[slot] = weights[p];
    }
  }
  const postings = { start, rows, weights: postingWeights };
  postingsByIndex.set(index, postings);
  return postings;
}

export interface RankOptions extends Partial<ScoringOptions> {
  limit: number;
  /** Only these documents are ranked (default: every document of the index). */
  candidates?: readonly string[];
  /** Documents never ranked, besides the profile's own. */
  exclude?: ReadonlySet<string>;
}

/**
 * About the tf-idf cosine of profile paper `p` (of `count`) with every document of the index,
 * through the postings of its heaviest terms, into out[row * count + p].
 */
function lexicalEstimates(postings: Postings, doc: DocVector, p: number, count: number, out: Float32Array): void {
  const heaviest = Array.from(doc.weights.keys())
    .sort((a, b) => doc.weights[b] - doc.weights[a])
    .slice(0, ESTIMATE_TERMS);
  for (const k of heaviest) {
    const term = doc.termIds[k];
    const w = doc.weights[k];
    for (let q = postings.start[term]; q < postings.start[term + 1]; q++) out[postings.rows[q] * count + p] += w * postings.weights[q];
  }
}

/**
 * An estimate of each candidate's score: the tf-idf part (mean of its topK closest profile
 * papers, on their heaviest terms) plus the dense similarity to the profile's weighted mean
 * vector, on the leading dimensions.
 */
function estimates(index: DocIndex, profile: DocVector[], profileWeights: number[], candidates: Uint32Array, options: ScoringOptions): Float32Array {
  const count = profile.length;
  const postings = postingsOf(index);
  const lexical = new Float32Array(index.ids.length * count);
  profile.forEach((doc, p) => lexicalEstimates(postings, doc, p, count, lexical));
  const k = Math.max(1, Math.min(options.topK, count));
  const d = index.dimensions;
  const dims = Math.min(d, ESTIMATE_DIMENSIONS);
  const center = new Float32Array(dims);
  profile.forEach((doc, j) => {
    for (let t = 0; t < dims; t++) center[t] += (profileWeights[j] * doc.dense[t]) / count;
  });
  const lexicalShare = d === 0 ? 1 : options.lexicalWeight;
  const out = new Float32Array(candidates.length);
  const top = new Float64Array(k);
  for (let c = 0; c < candidates.length; c++) {
    const row = candidates[c];
    // The k largest weighted similarities, by insertion into a short sorted list.
    top.fill(-Infinity);
    for (let j = 0; j < count; j++) {
      const sim = profileWeights[j] * lexical[row * count + j];
      if (sim <= top[k - 1]) continue;
      let slot = k - 1;
      while (slot > 0 && top[slot - 1] < sim) {
        top[slot] = top[slot - 1];
        slot--;
      }
      top[slot] = sim;
    }
    let lexicalMean = 0;
    for (let j = 0; j < k; j++) lexicalMean += top[j] / k;
    let dense = 0;
    for (let t = 0; t < dims; t++) dense += center[t] * index.dense[row * d + t];
    out[c] = (lexicalShare * lexicalMean) / index.spread.lexical + ((1 - lexicalShare) * dense) / index.spread.dense;
  }
  return out;
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
  const ids = (options.candidates ?? index.ids).filter((id) => !skip.has(id));
  const byScore = (results: CandidateScore[]) => results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, options.limit);
  const shortlistSize = Math.max(EXACT_LIMIT, 20 * options.limit);
  if (ids.length <= shortlistSize) return byScore(scoreCandidates(index, profile, ids, scoring));
  const rows = Uint32Array.from(rowsOf(index, ids));
  const estimate = estimates(index, profileVectorsOf(index, profile), profile.map((entry) => entry.weight ?? 1), rows, scoring);
  const threshold = Float32Array.from(estimate).sort()[estimate.length - shortlistSize];
  const shortlist = ids.filter((_, c) => estimate[c] >= threshold);
  return byScore(scoreCandidates(index, profile, shortlist, scoring));
}
