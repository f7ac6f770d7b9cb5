// Ranking a library's papers for a profile with engine v2, every candidate scored exactly: the
// language model is one pass over the candidates' stem counts and the dense component one dot
// product per candidate, about as much work as v1's shortlist estimate was, so no shortlist.
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, ProfileScorer, type DocFeatures, type PaperShare, type V2Options } from './language-model.ts';

/** What the researcher gave: papers like theirs (their own and those they liked) and papers they rated down. */
export interface RankingProfile {
  liked: readonly DocFeatures[];
  disliked: readonly DocFeatures[];
}

export interface RankedRow {
  row: number;
  id: number;
  score: number;
}

/** A profile paper's part in a candidate's score; `side` says which list of the profile it is in. */
export interface RankingShare extends PaperShare {
  side: 'liked' | 'disliked';
}

/**
 * Scores a library's papers for a profile, against p_background from backgroundWithEvidence
 * (the shipped background with the library's counts, and any text matched, as evidence).
 * Disliked papers make a second profile whose score is taken off in proportion to their number:
 * each rated paper weighs as much as one of the researcher's own, so one dislike cannot outweigh
 * a profile of ten papers. A dislike only pushes down what resembles it (its score above the
 * reference's mean); it never pulls up what does not.
 */
export class LibraryRanker {
  readonly liked: ProfileScorer;
  private readonly disliked?: ProfileScorer;
  private readonly dislikedShare: number;
  private readonly weightsByTerm = new Map<ProfileScorer, Float64Array>();

  /**
   * `profileSize` is how many papers the whole profile has when this ranker is for one of its
   * topics: a dislike weighs against the whole profile, not against one topic.
   */
  /** The scores of the reference sample (random background papers), ascending: what a percentile is taken against. */
  private readonly referenceScores: Float64Array;

  constructor(
    private readonly index: FeatureIndex,
    statistics: BackgroundStatistics,
    reference: readonly DocFeatures[],
    profile: RankingProfile,
    options: V2Options = DEFAULT_V2,
    profileSize = profile.liked.length,
  ) {
    this.liked = new ProfileScorer(profile.liked, reference, statistics, index.dimensions, options);
    if (profile.disliked.length > 0) this.disliked = new ProfileScorer(profile.disliked, reference, statistics, index.dimensions, options);
    this.dislikedShare = profile.disliked.length / (profileSize + profile.disliked.length);
    const liked = this.liked.referenceScores();
    const disliked = this.disliked?.referenceScores();
    this.referenceScores = Float64Array.from(liked, (score, i) => score - (disliked ? this.dislikedShare * Math.max(0, disliked[i]) : 0)).sort();
  }

  /** The share of random background papers (the reference sample) that score below `score`, from 0 to 1. */
  percentile(score: number): number {
    const scores = this.referenceScores;
    let below = 0;
    while (below < scores.length && scores[below] < score) below++;
    return scores.length ? below / scores.length : 0;
  }

  /** The best `limit` of `rows`, best first; equal scores by paper id. */
  rank(rows: Uint32Array, limit: number): RankedRow[] {
    const scores = this.scores(rows);
    const order = topIndices(scores, limit, (i) => this.index.ids[rows[i]]);
    return order.map((i) => ({ row: rows[i], id: this.index.ids[rows[i]], score: scores[i] }));
  }

  /** The score of each of `rows`, in their order. */
  scores(rows: Uint32Array): Float64Array {
    const scores = this.sideScores(this.liked, rows);
    if (this.disliked) {
      const penalty = this.sideScores(this.disliked, rows);
      for (let i = 0; i < rows.length; i++) scores[i] -= this.dislikedShare * Math.max(0, penalty[i]);
    }
    return scores;
  }

  /**
   * Each profile paper's part of a candidate's score, the largest in magnitude first, with the
   * terms of the first `withTerms` of each side (see ProfileScorer.shares).
   */
  shares(candidate: DocFeatures, withTerms = Infinity): RankingShare[] {
    const liked = this.liked.shares(candidate, withTerms).map((share): RankingShare => ({ ...share, side: 'liked' }));
    // Disliked papers have a part only when they push the candidate down (see scores).
    const pushed = this.disliked && this.disliked.score(candidate).score > 0;
    const disliked = (pushed ? this.disliked!.shares(candidate, withTerms) : []).map(
      (share): RankingShare => ({
        ...share,
        side: 'disliked',
        share: -this.dislikedShare * share.share,
        terms: share.terms.map((term) => ({ ...term, contribution: -this.dislikedShare * term.contribution })),
      }),
    );
    return [...liked, ...disliked].sort((a, b) => Math.abs(b.share) - Math.abs(a.share));
  }

  private sideScores(scorer: ProfileScorer, rows: Uint32Array): Float64Array {
    const lm = new Float64Array(rows.length);
    this.index.weightedMeans(this.termWeights(scorer), rows, lm);
    const dense = new Float64Array(rows.length);
    if (scorer.centroid) this.index.dots(scorer.centroid, rows, dense);
    for (let i = 0; i < rows.length; i++) lm[i] = scorer.combine(lm[i], dense[i]);
    return lm;
  }

  /**
   * A side's weights by the index's term ids, made once per ranker (an array of every term the
   * index knows), again only if the index has learned new terms since.
   */
  private termWeights(scorer: ProfileScorer): Float64Array {
    let weights = this.weightsByTerm.get(scorer);
    if (!weights || weights.length !== this.index.terms.length) {
      weights = this.index.weightsByTerm(scorer.weights);
      this.weightsByTerm.set(scorer, weights);
    }
    return weights;
  }
}

/**
 * Positions of the `limit` largest scores, largest first (ties by `tieKey`, smallest first). A
 * threshold from one pass keeps the sort to the few above it rather than the whole library.
 */
function topIndices(scores: Float64Array, limit: number, tieKey: (i: number) => number): number[] {
  let candidates: number[];
  if (scores.length <= limit * 4) candidates = Array.from(scores.keys());
  else {
    const threshold = kthLargest(scores, limit);
    candidates = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) candidates.push(i);
  }
  return candidates.sort((a, b) => scores[b] - scores[a] || tieKey(a) - tieKey(b)).slice(0, limit);
}

/** The `rank`-th largest of some values (1 for the largest), by quickselect on a copy: no full sort. */
function kthLargest(values: Float64Array, rank: number): number {
  const a = Float64Array.from(values);
  const target = a.length - rank;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Three-way partition around the middle value: runs of equal scores (a text that shares no
    // word with most papers) settle at once instead of degrading to quadratic time.
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
