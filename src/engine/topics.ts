// The topics of a profile: its papers grouped by how close they are to each other, each group
// named by its key words. Closeness is the engine's own pair score: how a paper scores for a
// profile of the other paper alone, in units of the spread of that profile's scores over random
// background papers, averaged both ways. Groups are merged by average linkage (the mean pair
// score between their papers) while the closest two are at least TOPIC_LINK spreads closer than
// random papers are: the rule needs no number of topics, and a profile of ten unrelated papers
// stays ten topics while ten papers on one subject make one.
import type { BackgroundStatistics } from './background.ts';
import { FILLER_STEMS } from './filler-words.ts';
import { DEFAULT_V2, ProfileScorer, type DocFeatures, type V2Options } from './language-model.ts';

/**
 * Two groups are one topic when their papers score, on average, at least this many spreads
 * above random papers for each other. Papers on one subject score 3 to 6 for each other; a
 * paper of another field of the same discipline about 0 to 1.
 */
export const TOPIC_LINK = 2;

/** The symmetric matrix of pair scores, row by row (the diagonal is unused). */
export function pairScores(
  papers: readonly DocFeatures[],
  reference: readonly DocFeatures[],
  statistics: BackgroundStatistics,
  dimensions: number,
  options: V2Options = DEFAULT_V2,
): Float64Array {
  const n = papers.length;
  const scorers = papers.map((paper) => new ProfileScorer([paper], reference, statistics, dimensions, options));
  const scores = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const score = (scorers[a].score(papers[b]).score + scorers[b].score(papers[a]).score) / 2;
      scores[a * n + b] = score;
      scores[b * n + a] = score;
    }
  }
  return scores;
}

/**
 * Average-linkage groups of `n` papers: every paper starts alone (or in the group `start` puts
 * it in), and the two groups with the highest mean pair score merge while it is at least `link`
 * and more than `minGroups` groups are left. Groups come in order of their first paper.
 */
export function groupByLinkage(scores: Float64Array, n: number, link = TOPIC_LINK, start?: readonly number[][], minGroups = 1): number[][] {
  let groups = start ? start.map((group) => [...group]) : Array.from({ length: n }, (_, i) => [i]);
  const linkage = (a: number[], b: number[]) => {
    let sum = 0;
    for (const i of a) for (const j of b) sum += scores[i * n + j];
    return sum / (a.length * b.length);
  };
  for (;;) {
    let best = -Infinity;
    let pair: [number, number] | undefined;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const value = linkage(groups[a], groups[b]);
        if (value > best) [best, pair] = [value, [a, b]];
      }
    }
    if (!pair || best < link || groups.length <= minGroups) break;
    const [a, b] = pair;
    groups[a] = [...groups[a], ...groups[b]].sort((x, y) => x - y);
    groups = groups.filter((_, i) => i !== b);
  }
  return groups.sort((a, b) => a[0] - b[0]);
}

/** The group a paper is closest to by mean pair score, if at least `link`. */
export function closestGroup(scores: Float64Array, n: number, paper: number, groups: readonly number[][], link = TOPIC_LINK): number | undefined {
  let best = -Infinity;
  let closest: number | undefined;
  groups.forEach((group, g) => {
    const members = group.filter((i) => i !== paper);
    if (members.length === 0) return;
    const mean = members.reduce((sum, i) => sum + scores[paper * n + i], 0) / members.length;
    if (mean > best) [best, closest] = [mean, g];
  });
  return best >= link ? closest : undefined;
}

/**
 * A topic's key words, best first: the stems its papers' language model weighs most, each by its
 * weight times its count in the topic and the share of the topic's papers that use it, so a word
 * of one paper's abstract does not name a topic of five. Filler words never name one.
 */
export function topicKeywords(papers: readonly DocFeatures[], statistics: BackgroundStatistics, mu: number, count: number): string[] {
  const pooled = new Map<string, { n: number; papers: number }>();
  for (const paper of papers) {
    for (const [stem, n] of paper.counts) {
      if (FILLER_STEMS.has(stem) || stem.length < 2 || /^\p{N}+$/u.test(stem)) continue;
      const entry = pooled.get(stem) ?? { n: 0, papers: 0 };
      entry.n += n;
      entry.papers++;
      pooled.set(stem, entry);
    }
  }
  return [...pooled]
    .map(([stem, { n, papers: using }]) => ({ stem, value: n * Math.log1p(n / (mu * statistics.probability(stem))) * (using / papers.length) }))
    .sort((a, b) => b.value - a.value || (a.stem < b.stem ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.stem);
}
