// Rankings that cover every topic of a profile: one ranking per topic (each topic's papers as a
// profile of their own, so a topic of one paper is not drowned by a topic of ten), mixed into
// one list by giving the slots to the topics in proportion to their size (see TopicRanker.rank).
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, type DocFeatures, type V2Options } from './language-model.ts';
import { LibraryRanker, type RankedRow } from './library-ranking.ts';

export interface TopicRankedRow extends RankedRow {
  /** The topic whose ranking placed the paper: its position in the topics given. */
  topic: number;
}

/**
 * Over more candidates than this, each topic's ranking (and each paper's closest candidate) is
 * exact only for a shortlist: the language model (one pass over the candidates for all of them
 * together) picks each one's best, and only those get the dense component, whose cost grows with
 * the number of topics and papers. Below it every candidate is scored exactly for each.
 */
const EXACT_ROWS = 5000;
const SHORTLIST = 300;
/** A profile paper's closest candidate is looked for among its this many best by the language model. */
const PAPER_SHORTLIST = 300;
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

export interface TopicRanking {
  /** Each topic's own ranking, best first. */
  lanes: TopicRankedRow[][];
  /** One list that covers the topics (see TopicRanker.rank). */
  mixed: TopicRankedRow[];
}

export class TopicRanker {
  readonly rankers: LibraryRanker[];
  /** One ranker for each profile paper alone, topic after topic, and the topic of each. */
  private readonly paperRankers: LibraryRanker[];
  private readonly paperTopic: number[];

  constructor(
    private readonly index: FeatureIndex,
    statistics: BackgroundStatistics,
    reference: readonly DocFeatures[],
    private readonly topics: readonly (readonly DocFeatures[])[],
    disliked: readonly DocFeatures[],
    options: V2Options = DEFAULT_V2,
  ) {
    const profileSize = topics.reduce((sum, topic) => sum + topic.length, 0);
    const ranker = (liked: readonly DocFeatures[]) => new LibraryRanker(index, statistics, reference, { liked, disliked }, options, profileSize);
    this.rankers = topics.map(ranker);
    this.paperRankers = topics.flatMap((topic) => topic.map((paper) => ranker([paper])));
    this.paperTopic = topics.flatMap((topic, t) => topic.map(() => t));
  }

  /**
   * Each topic's best `limit` of `rows`, and one list of `limit` from them. The list's slots go
   * to the topics by Sainte-Laguë apportionment on their sizes (the next slot to the topic with
   * the largest size / (2 × its slots + 1)), so a topic of twice the papers gets about twice the
   * slots and every topic gets its first slot early. A topic's slots first take the closest
   * paper of each of its papers in turn (by the pair score: what that paper alone ranks first),
   * those the topic scores best first, then its own ranking: so each paper of the profile, not
   * just each topic, finds its nearest paper in the list.
   */
  rank(rows: Uint32Array, limit: number): TopicRanking {
    const all = [...this.rankers, ...this.paperRankers];
    const shortlisted =
      rows.length > EXACT_ROWS
        ? this.shortlists(all, rows, all.map((_, r) => (r < this.rankers.length ? Math.max(SHORTLIST, 10 * limit) : PAPER_SHORTLIST)))
        : all.map(() => rows);
    const topicRows = shortlisted.slice(0, this.rankers.length);
    const paperRows = shortlisted.slice(this.rankers.length);
    const lanes = this.rankers.map((ranker, topic) => ranker.rank(topicRows[topic], limit).map((row) => ({ ...row, topic })));
    // Each paper's closest candidate, scored as its topic scores it.
    const closest = this.paperRankers.map((ranker, p) => {
      const [best] = ranker.rank(paperRows[p], 1);
      if (!best) return undefined;
      const topic = this.paperTopic[p];
      return { row: best.row, id: best.id, topic, score: this.rankers[topic].scores(Uint32Array.of(best.row))[0] };
    });
    return { lanes, mixed: this.mix(lanes, closest, limit) };
  }

  private mix(lanes: readonly TopicRankedRow[][], closest: readonly (TopicRankedRow | undefined)[], limit: number): TopicRankedRow[] {
    const pending = lanes.map((_, t) =>
      closest.filter((row): row is TopicRankedRow => row !== undefined && row.topic === t).sort((a, b) => b.score - a.score || a.id - b.id),
    );
    const next = lanes.map(() => 0);
    const slots = lanes.map(() => 0);
    const placed = new Set<number>();
    const list: TopicRankedRow[] = [];
    const take = (t: number): TopicRankedRow | undefined => {
      while (pending[t].length > 0 && placed.has(pending[t][0].id)) pending[t].shift();
      if (pending[t].length > 0) return pending[t].shift();
      while (next[t] < lanes[t].length && placed.has(lanes[t][next[t]].id)) next[t]++;
      return next[t] < lanes[t].length ? lanes[t][next[t]++] : undefined;
    };
    const exhausted = new Set<number>();
    while (list.length < limit && exhausted.size < lanes.length) {
      let best = -1;
      let bestQuotient = -Infinity;
      this.topics.forEach((topic, t) => {
        if (exhausted.has(t)) return;
        const quotient = topic.length / (2 * slots[t] + 1);
        if (quotient > bestQuotient) [best, bestQuotient] = [t, quotient];
      });
      const row = take(best);
      if (!row) {
        exhausted.add(best);
        continue;
      }
      placed.add(row.id);
      slots[best]++;
      list.push(row);
    }
    return list;
  }

  /**
   * Each ranker's best `sizes[r]` of `rows` by its language-model score on its heaviest terms,
   * read through the index's postings: only the papers that share one of those terms are visited.
   */
  private shortlists(rankers: readonly LibraryRanker[], rows: Uint32Array, sizes: readonly number[]): Uint32Array[] {
    const { index } = this;
    const postings = index.postings();
    const candidate = new Uint8Array(index.rowCount);
    for (const row of rows) candidate[row] = 1;
    const sums = new Float64Array(index.rowCount);
    const touched: number[] = [];
    const commonAbove = rows.length * COMMON_SHARE;
    const selective = (stem: string) => {
      const term = index.termId(stem);
      return term !== undefined && postings.start[term + 1] - postings.start[term] <= commonAbove;
    };
    return rankers.map((ranker, r) => {
      for (const [stem, weight] of heaviest(ranker.liked.weights, SHORTLIST_TERMS, selective)) {
        const term = index.termId(stem)!;
        for (let q = postings.start[term]; q < postings.start[term + 1]; q++) {
          const row = postings.rows[q];
          if (!candidate[row]) continue;
          // Weights are above 0, so a sum still 0 was not touched yet.
          if (sums[row] === 0) touched.push(row);
          sums[row] += postings.counts[q] * weight;
        }
      }
      const heap = new RowHeap(sizes[r]);
      for (const row of touched) {
        heap.offer(sums[row] / (index.lengths[row] || 1), row);
        sums[row] = 0;
      }
      touched.length = 0;
      return heap.rows();
    });
  }
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
