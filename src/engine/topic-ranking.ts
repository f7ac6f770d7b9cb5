// Rankings that cover every topic of a profile: one ranking per topic (each topic's papers as a
// profile of their own, so a topic of one paper is not drowned by a topic of ten), mixed into
// one list by giving the slots to the topics in proportion to their size (see TopicRanker.rank).
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, type DocFeatures, type V2Options } from './language-model.ts';
import { LibraryRanker, topIndices, type RankedRow } from './library-ranking.ts';

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
const PAPER_SHORTLIST = 50;

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
    const large = rows.length > EXACT_ROWS;
    const topicRows = large ? this.shortlists(this.rankers, rows, Math.max(SHORTLIST, 10 * limit)) : this.rankers.map(() => rows);
    const paperRows = large ? this.shortlists(this.paperRankers, rows, PAPER_SHORTLIST) : this.paperRankers.map(() => rows);
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

  /** Each ranker's best `size` rows by its language-model score alone, from one pass for all of them. */
  private shortlists(rankers: readonly LibraryRanker[], rows: Uint32Array, size: number): Uint32Array[] {
    const { index } = this;
    const k = rankers.length;
    // For each term, the rankers whose model weighs it and how much: most terms are in none.
    const termCount = index.terms.length;
    const start = new Uint32Array(termCount + 1);
    const byRanker = rankers.map((ranker) => index.weightsByTerm(ranker.liked.weights));
    for (let term = 0; term < termCount; term++) {
      let n = 0;
      for (let t = 0; t < k; t++) if (byRanker[t][term] !== 0) n++;
      start[term + 1] = start[term] + n;
    }
    const rankerOf = new Uint32Array(start[termCount]);
    const weightOf = new Float64Array(start[termCount]);
    for (let term = 0; term < termCount; term++) {
      let q = start[term];
      for (let t = 0; t < k; t++) {
        if (byRanker[t][term] === 0) continue;
        rankerOf[q] = t;
        weightOf[q++] = byRanker[t][term];
      }
    }
    const scores = rankers.map(() => new Float64Array(rows.length));
    const sums = new Float64Array(k);
    const { entryStart, entryTerms, entryCounts, lengths } = index;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      sums.fill(0);
      for (let p = entryStart[row], end = entryStart[row + 1]; p < end; p++) {
        const term = entryTerms[p];
        for (let q = start[term]; q < start[term + 1]; q++) sums[rankerOf[q]] += entryCounts[p] * weightOf[q];
      }
      const length = lengths[row] || 1;
      for (let t = 0; t < k; t++) scores[t][i] = sums[t] / length;
    }
    return scores.map((lm) => Uint32Array.from(topIndices(lm, size, (i) => index.ids[rows[i]]), (i) => rows[i]));
  }
}
