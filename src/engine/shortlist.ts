// Shortlists for ranking a large library: each profile's best few hundred papers by its
// language model on its rarer heavy words, read through the index's postings, so that only the
// shortlisted get the exact score (with the dense component, which costs a dot product each).
import type { FeatureIndex } from './feature-index.ts';
import type { LibraryRanker, RankedRow } from './library-ranking.ts';

/**
 * Over more candidates than this, each topic's ranking (and each paper's closest candidate) is
 * exact only for a shortlist: the language model (one pass over the candidates for all of them
 * together) picks each one's best, and only those get the dense component, whose cost grows with
 * the number of topics and papers. Below it every candidate is scored exactly for each.
 */
export const EXACT_ROWS = 5000;
export const SHORTLIST = 300;
/** A topic's shortlist grows by this many for each of its papers, whose closest candidates are looked for in it (300 found no more of them on bench:coverage). */
export const PAPER_SHORTLIST = 100;
/**
 * The shortlists' language model reads each profile's heaviest terms only: common words weigh
 * little (their background probability is high) but occur in most papers, so with them every
 * profile would visit most of the library. The shortlisted are then scored exactly.
 */
const SHORTLIST_TERMS = 64;

/**
 * A word in more than this share of the candidates picks no shortlist of a few hundred out of
 * them, and reading its postings would be most of the work: the shortlists go without it.
 */
const COMMON_SHARE = 0.05;

/** The `count` largest weights of a map among the stems `keep` accepts. */
function heaviest(weights: ReadonlyMap<string, number>, count: number, keep: (stem: string) => boolean): [string, number][] {
  return [...weights].filter(([stem]) => keep(stem)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count);
}

/** A ranker's best `limit` of `rows`: exact over few rows, over a shortlist of many. */
export function rankShortlisted(index: FeatureIndex, ranker: LibraryRanker, rows: Uint32Array, limit: number): RankedRow[] {
  const candidates = rows.length > EXACT_ROWS ? shortlists(index, [ranker], rows, [Math.max(SHORTLIST, 10 * limit)])[0] : rows;
  return ranker.rank(candidates, limit);
}

/**
 * Each ranker's best `sizes[r]` of `rows` by its language-model score on its heaviest terms,
 * read through the index's postings: only the papers that share one of those terms are visited,
 * and a term several rankers weigh (a topic's and its papers') is read once for all of them.
 */
export function shortlists(index: FeatureIndex, rankers: readonly LibraryRanker[], rows: Uint32Array, sizes: readonly number[]): Uint32Array[] {
  const postings = index.postings();
  const candidate = new Uint8Array(index.rowCount);
  for (const row of rows) candidate[row] = 1;
  const commonAbove = rows.length * COMMON_SHARE;
  const selective = (stem: string) => {
    const term = index.termId(stem);
    return term !== undefined && postings.documents[term] <= commonAbove;
  };
  const byTerm = new Map<number, { rankers: number[]; weights: number[] }>();
  rankers.forEach((ranker, r) => {
    for (const [stem, weight] of heaviest(ranker.scorer.weights, SHORTLIST_TERMS, selective)) {
      const term = index.termId(stem)!;
      const entry = byTerm.get(term) ?? { rankers: [], weights: [] };
      entry.rankers.push(r);
      entry.weights.push(weight);
      byTerm.set(term, entry);
    }
  });
  const k = rankers.length;
  // Row by row, each ranker's sum; float precision is plenty for choosing a shortlist.
  const sums = new Float32Array(index.rowCount * k);
  const touched: number[][] = rankers.map(() => []);
  for (const [term, { rankers: of, weights }] of byTerm) {
    for (let q = postings.start[term]; q < postings.start[term + 1]; q++) {
      const row = postings.rows[q];
      if (!candidate[row]) continue;
      const count = postings.counts[q];
      const base = row * k;
      for (let j = 0; j < of.length; j++) {
        const slot = base + of[j];
        // Weights are above 0, so a sum still 0 was not touched yet.
        if (sums[slot] === 0) touched[of[j]].push(row);
        sums[slot] += count * weights[j];
      }
    }
  }
  return rankers.map((_, r) => {
    const heap = new RowHeap(sizes[r]);
    for (const row of touched[r]) heap.offer(sums[row * k + r] / (index.lengths[row] || 1), row);
    return heap.rows();
  });
}

/** The `size` largest scores offered, with their rows: a min-heap, so each offer below the least is one comparison. */
class RowHeap {
  private readonly scores: Float64Array;
  private readonly heldRows: Uint32Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.scores = new Float64Array(size);
    this.heldRows = new Uint32Array(size);
  }

  offer(score: number, row: number): void {
    if (this.size === 0) return;
    if (this.count < this.size) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent] <= score) break;
        this.scores[i] = this.scores[parent];
        this.heldRows[i] = this.heldRows[parent];
        i = parent;
      }
      this.scores[i] = score;
      this.heldRows[i] = row;
      return;
    }
    if (score <= this.scores[0]) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const child = left + 1 < this.count && this.scores[left + 1] < this.scores[left] ? left + 1 : left;
      if (this.scores[child] >= score) break;
      this.scores[i] = this.scores[child];
      this.heldRows[i] = this.heldRows[child];
      i = child;
    }
    this.scores[i] = score;
    this.heldRows[i] = row;
  }

  /** The rows held, in row order (the order the caller ranks them in does not matter). */
  rows(): Uint32Array {
    return this.heldRows.slice(0, this.count).sort();
  }
}
