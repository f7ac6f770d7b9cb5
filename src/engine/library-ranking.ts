// Ranking a library's papers for a profile with engine v2, every candidate scored exactly: the
// language model is one pass over the candidates' stem counts and the dense component one dot
// product per candidate, about as much work as v1's shortlist estimate was, so no shortlist.
import type { FeatureIndex } from './feature-index.ts';
import type { BackgroundStatistics } from './background.ts';
import { DEFAULT_V2, ProfileScorer, dot, type DocFeatures, type PaperShare, type V2Options } from './language-model.ts';
import { RatingPreference, type RatedPaper } from './rating-preference.ts';

/** What the researcher gave: the papers the profile is made of (their own) and the papers they rated. */
export interface RankingProfile {
  papers: readonly DocFeatures[];
  rated: readonly RatedPaper[];
}

export interface RankedRow {
  row: number;
  id: number;
  score: number;
}

/** A part of a candidate's score: a profile paper's (`paper`), or a rated paper's (`rated`), by its position in that list. */
export interface RankingShare extends PaperShare {
  side: 'paper' | 'rated';
}

/**
 * Scores a library's papers for a profile, against p_background from backgroundWithEvidence
 * (the shipped background with the library's counts, and any text matched, as evidence): the
 * profile papers' score, corrected by the ratings (engine/rating-preference.ts).
 */
export class LibraryRanker {
  readonly scorer: ProfileScorer;
  private readonly preference?: RatingPreference;
  /** Scores the rated papers' words for the reasons that name them; made on first use. */
  private ratedTerms?: ProfileScorer;
  private weightsByTerm?: Float64Array;
  /** The scores of the reference sample (random background papers), ascending: what a percentile is taken against. */
  private readonly referenceScores: Float64Array;

  constructor(
    private readonly index: FeatureIndex,
    private readonly statistics: BackgroundStatistics,
    private readonly reference: readonly DocFeatures[],
    private readonly profile: RankingProfile,
    private readonly options: V2Options = DEFAULT_V2,
  ) {
    this.scorer = new ProfileScorer(profile.papers, reference, statistics, index.dimensions, options);
    const referenceScores = Float64Array.from(this.scorer.referenceScores());
    if (profile.rated.length > 0) {
      const score = (paper: DocFeatures) => this.scorer.score(paper).score;
      const ownScore = profile.papers.reduce((sum, paper) => sum + score(paper), 0) / (profile.papers.length || 1);
      this.preference = new RatingPreference(profile.rated, reference, score, ownScore);
      this.preference.correct(referenceScores, (vector, out) => reference.forEach((doc, i) => (out[i] = doc.dense ? dot(vector, doc.dense) : 0)));
    }
    this.referenceScores = referenceScores.sort();
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
    const scores = this.paperScores(rows);
    this.preference?.correct(scores, (vector, out) => this.index.dots(vector, rows, out));
    return scores;
  }

  /**
   * Each profile paper's and rated paper's part of a candidate's score, the largest in magnitude
   * first, with the terms of the first `withTerms` of each side (see ProfileScorer.shares; a
   * rated paper's terms are the words it shares with the candidate, by their weight for it).
   */
  shares(candidate: DocFeatures, withTerms = Infinity): RankingShare[] {
    const papers = this.scorer.shares(candidate, withTerms).map((share): RankingShare => ({ ...share, side: 'paper' }));
    if (!this.preference) return papers;
    const parts = this.preference.partsOf(candidate.dense);
    const byRated = new Map(this.termsOfRated(candidate, withTerms).map((share) => [share.paper, share.terms]));
    const rated = Array.from(parts, (share, paper): RankingShare => ({ paper, share, terms: byRated.get(paper) ?? [], side: 'rated' })).filter((share) => share.share !== 0);
    return [...papers, ...rated].sort((a, b) => Math.abs(b.share) - Math.abs(a.share));
  }

  private termsOfRated(candidate: DocFeatures, withTerms: number) {
    this.ratedTerms ??= new ProfileScorer(this.profile.rated.map((r) => r.features), this.reference, this.statistics, this.index.dimensions, this.options);
    return this.ratedTerms.shares(candidate, withTerms);
  }

  private paperScores(rows: Uint32Array): Float64Array {
    const scorer = this.scorer;
    const lm = new Float64Array(rows.length);
    this.index.weightedMeans(this.termWeights(), rows, lm);
    const dense = new Float64Array(rows.length);
    if (scorer.centroid) this.index.dots(scorer.centroid, rows, dense);
    for (let i = 0; i < rows.length; i++) lm[i] = scorer.combine(lm[i], dense[i]);
    return lm;
  }

  /**
   * The profile's weights by the index's term ids, made once per ranker (an array of every term
   * the index knows), again only if the index has learned new terms since.
   */
  private termWeights(): Float64Array {
    if (!this.weightsByTerm || this.weightsByTerm.length !== this.index.terms.length) this.weightsByTerm = this.index.weightsByTerm(this.scorer.weights);
    return this.weightsByTerm;
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
