// Rankings that cover every topic of a profile: one ranking per topic (each topic's papers as a
// profile of their own, so a topic of one paper is not drowned by a topic of ten), mixed into
// one list by giving the slots to the topics in proportion to their size (see TopicRanker.rank).
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, type DocFeatures, type V2Options } from './language-model.ts';
import { LibraryRanker, type RankedRow, type RankingProfile } from './library-ranking.ts';
import { EXACT_ROWS, PAPER_SHORTLIST, SHORTLIST, shortlists } from './shortlist.ts';

export interface TopicRankedRow extends RankedRow {
  /** The topic whose ranking placed the paper: its position in the topics given. */
  topic: number;
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
    private readonly topics: readonly RankingProfile[],
    options: V2Options = DEFAULT_V2,
  ) {
    const ranker = (profile: RankingProfile) => new LibraryRanker(index, statistics, reference, profile, options);
    this.rankers = topics.map(ranker);
    // A paper's closest candidate is by the pair score with the topic's ratings: a paper the
    // researcher disliked does not come back as the closest to one of theirs. A topic of one
    // paper is its paper's ranker already.
    this.paperRankers = topics.flatMap((topic, t) => topic.papers.map((paper) => (topic.papers.length === 1 ? this.rankers[t] : ranker({ papers: [paper], rated: topic.rated }))));
    this.paperTopic = topics.flatMap((topic, t) => topic.papers.map(() => t));
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
    // A topic's shortlist holds its papers' closest candidates too: it is long enough for them.
    const topicRows =
      rows.length > EXACT_ROWS ? shortlists(this.index, this.rankers, rows, this.topics.map((topic) => Math.max(SHORTLIST, 10 * limit) + PAPER_SHORTLIST * topic.papers.length)) : this.rankers.map(() => rows);
    const paperRows = this.paperTopic.map((topic) => topicRows[topic]);
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
        const quotient = topic.papers.length / (2 * slots[t] + 1);
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
}
