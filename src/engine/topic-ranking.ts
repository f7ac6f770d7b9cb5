// Rankings that cover every topic of a profile: one ranking per topic (each topic's papers as a
// profile of their own, so a topic of one paper is not drowned by a topic of ten), mixed into
// one list by giving the slots to the topics in proportion to their size.
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, type DocFeatures, type V2Options } from './language-model.ts';
import { LibraryRanker, topIndices, type RankedRow } from './library-ranking.ts';

export interface TopicRankedRow extends RankedRow {
  /** The topic whose ranking placed the paper: its position in the topics given. */
  topic: number;
}

/**
 * Over more candidates than this, each topic's ranking is exact only for a shortlist: the
 * language model (one pass over the candidates for all topics together) picks each topic's
 * SHORTLIST best, and only those get the dense component, whose cost grows with the number of
 * topics. Below it every candidate is scored exactly for every topic.
 */
const EXACT_ROWS = 5000;
const SHORTLIST = 300;

export class TopicRanker {
  readonly rankers: LibraryRanker[];

  constructor(
    private readonly index: FeatureIndex,
    statistics: BackgroundStatistics,
    reference: readonly DocFeatures[],
    private readonly topics: readonly (readonly DocFeatures[])[],
    disliked: readonly DocFeatures[],
    options: V2Options = DEFAULT_V2,
  ) {
    const profileSize = topics.reduce((sum, topic) => sum + topic.length, 0);
    this.rankers = topics.map((liked) => new LibraryRanker(index, statistics, reference, { liked, disliked }, options, profileSize));
  }

  /** Each topic's best `limit` of `rows`, best first. */
  lanes(rows: Uint32Array, limit: number): TopicRankedRow[][] {
    const candidates = rows.length > EXACT_ROWS && this.topics.length > 1 ? this.shortlists(rows, Math.max(SHORTLIST, 10 * limit)) : this.topics.map(() => rows);
    return this.rankers.map((ranker, topic) => ranker.rank(candidates[topic], limit).map((row) => ({ ...row, topic })));
  }

  /**
   * One list of `limit` papers from the topics' lanes. Slots go by Sainte-Laguë apportionment
   * on the topics' sizes (the next slot to the topic with the largest size / (2 × its slots + 1)),
   * so a topic of twice the papers gets about twice the slots and every topic gets its first
   * slot early; each slot takes the topic's best paper not already placed. `lanes` are
   * `lanes(rows, limit)`, when already ranked.
   */
  mixed(rows: Uint32Array, limit: number, lanes = this.lanes(rows, limit)): TopicRankedRow[] {
    if (lanes.length === 1) return lanes[0];
    const next = lanes.map(() => 0);
    const slots = lanes.map(() => 0);
    const placed = new Set<number>();
    const list: TopicRankedRow[] = [];
    while (list.length < limit) {
      let best = -1;
      let bestQuotient = -Infinity;
      this.topics.forEach((topic, t) => {
        while (next[t] < lanes[t].length && placed.has(lanes[t][next[t]].id)) next[t]++;
        if (next[t] >= lanes[t].length) return;
        const quotient = topic.length / (2 * slots[t] + 1);
        if (quotient > bestQuotient) [best, bestQuotient] = [t, quotient];
      });
      if (best < 0) break;
      const row = lanes[best][next[best]++];
      placed.add(row.id);
      slots[best]++;
      list.push(row);
    }
    return list;
  }

  /** Each topic's best `size` rows by its language-model score alone, from one pass for all topics. */
  private shortlists(rows: Uint32Array, size: number): Uint32Array[] {
    const { index } = this;
    const k = this.rankers.length;
    // For each term, the topics whose model weighs it and how much: most terms are in none.
    const termCount = index.terms.length;
    const start = new Uint32Array(termCount + 1);
    const byTopic = this.rankers.map((ranker) => index.weightsByTerm(ranker.liked.weights));
    for (let term = 0; term < termCount; term++) {
      let n = 0;
      for (let t = 0; t < k; t++) if (byTopic[t][term] !== 0) n++;
      start[term + 1] = start[term] + n;
    }
    const topicOf = new Uint16Array(start[termCount]);
    const weightOf = new Float64Array(start[termCount]);
    for (let term = 0; term < termCount; term++) {
      let q = start[term];
      for (let t = 0; t < k; t++) {
        if (byTopic[t][term] === 0) continue;
        topicOf[q] = t;
        weightOf[q++] = byTopic[t][term];
      }
    }
    const scores = this.rankers.map(() => new Float64Array(rows.length));
    const sums = new Float64Array(k);
    const { entryStart, entryTerms, entryCounts, lengths } = index;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      sums.fill(0);
      for (let p = entryStart[row], end = entryStart[row + 1]; p < end; p++) {
        const term = entryTerms[p];
        for (let q = start[term]; q < start[term + 1]; q++) sums[topicOf[q]] += entryCounts[p] * weightOf[q];
      }
      const length = lengths[row] || 1;
      for (let t = 0; t < k; t++) scores[t][i] = sums[t] / length;
    }
    return scores.map((lm) => Uint32Array.from(topIndices(lm, size, (i) => index.ids[rows[i]]), (i) => rows[i]));
  }
}
