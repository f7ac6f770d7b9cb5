// Engine v2's scorer: a profile language model and a dense component, each z-scored for the
// profile against random background papers, summed half and half.
//
// The profile language model pools the profile's papers into one term-count distribution and
// scores a candidate by query likelihood with Dirichlet smoothing (Zhai & Lafferty 2001), the
// candidate taken as its raw token distribution:
//
//   lm(c) = Σ_t (c(t, cand) / |cand|) · log(1 + c(t, profile) / (μ · p_background(t)))
//
// This is the mean over the candidate's tokens of their log-likelihood ratio under the
// smoothed profile model against the background, minus the profile's constant
// log(|profile| + μ) / μ term, which changes no ranking and which the z-score removes anyway.
// Tokens the profile lacks add 0, and a token counts by how surprising it is to the
// background, so no idf is needed. On the reviewer-expertise benchmark each step away from
// this (idf on the candidate, sublinear tf, unit length, binary counts) cost 0.02 to 0.06.
import type { PaperText } from '../types.ts';
import { docFields, termCounts } from './text.ts';
import { denseVector, type DenseSpace } from './model.ts';
import type { BackgroundStatistics } from './background.ts';

export interface V2Options {
  /** The Dirichlet prior's strength, in tokens: a profile term counts once it is seen about μ·p_background(t) times. */
  mu: number;
  /** The language model's share of the combined z-score; the dense component has the rest. */
  lmShare: number;
}

export const DEFAULT_V2: V2Options = { mu: 1000, lmShare: 0.5 };

/** A paper as v2 reads it: its stem counts and (with a dense space) its SIF vector at unit length. */
export interface DocFeatures {
  counts: Map<string, number>;
  length: number;
  dense?: Float32Array;
}

export function docFeatures(doc: PaperText, space: DenseSpace | undefined): DocFeatures {
  const fields = docFields(doc);
  const counts = termCounts(fields, false);
  let length = 0;
  for (const n of counts.values()) length += n;
  let dense: Float32Array | undefined;
  if (space) {
    dense = new Float32Array(space.dimensions);
    denseVector(space, fields, dense, 0);
  }
  return { counts, length, dense };
}

/** Each stem's count over the profile's papers together. */
function pooledCounts(profile: readonly DocFeatures[]): Map<string, number> {
  const pooled = new Map<string, number>();
  for (const paper of profile) for (const [term, n] of paper.counts) pooled.set(term, (pooled.get(term) ?? 0) + n);
  return pooled;
}

/** Each profile term's weight, log(1 + c(t, profile) / (μ · p_background(t))). */
export function profileTermWeights(profile: readonly DocFeatures[], background: BackgroundStatistics, mu: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [term, n] of pooledCounts(profile)) {
    const p = background.probability(term);
    if (!(p > 0)) throw new Error(`background statistics give term ${term.slice(0, 40)} probability ${p}: the profile's own papers must be part of the evidence`);
    weights.set(term, Math.log1p(n / (mu * p)));
  }
  return weights;
}

/** lm(c) above: the mean over the candidate's tokens of their profile term weight (0 for an empty candidate). */
export function languageModelScore(weights: Map<string, number>, candidate: DocFeatures): number {
  if (candidate.length === 0) return 0;
  let sum = 0;
  for (const [term, n] of candidate.counts) sum += n * (weights.get(term) ?? 0);
  return sum / candidate.length;
}

/**
 * The mean of the profile papers' dense vectors: its dot product with a candidate's vector is
 * the candidate's mean cosine to the profile papers. The mean beat the top-5 mean here: with
 * smooth SIF vectors a profile's breadth is information, not noise.
 */
export function profileCentroid(profile: readonly DocFeatures[], dimensions: number): Float32Array {
  const centroid = new Float32Array(dimensions);
  const papers = profile.filter((paper) => paper.dense);
  for (const paper of papers) for (let k = 0; k < dimensions; k++) centroid[k] += paper.dense![k] / papers.length;
  return centroid;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}

export interface V2Score {
  score: number;
  lm: number;
  dense: number;
}

/** One profile paper's part in a candidate's score, and the stems that carry its language-model part. */
export interface PaperShare {
  /** The paper's position in the profile. */
  paper: number;
  /** In the units of the score (z): the shares of all papers add up to the score. */
  share: number;
  terms: { stem: string; contribution: number }[];
}

/** Mean and standard deviation of some scores (1 when they do not vary, so a z-score stays finite). */
function moments(values: readonly number[]): { mean: number; deviation: number } {
  const mean = values.reduce((s, x) => s + x, 0) / (values.length || 1);
  const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length || 1);
  return { mean, deviation: Math.sqrt(variance) || 1 };
}

/**
 * Scores candidates for one profile. The two components live on unrelated scales, so each is
 * put in units of its own spread over the profile's scores for random background papers
 * (`reference`): a z-score says how unusual a candidate is for this profile, which is what
 * makes the two comparable and the sum meaningful. Without term vectors the score is the
 * language model's z-score alone.
 */
export class ProfileScorer {
  readonly weights: Map<string, number>;
  /** Absent without term vectors. */
  readonly centroid?: Float32Array;
  /** For each profile stem, the papers that have it and its weight times their share of its pooled count. */
  private readonly holders = new Map<string, { paper: number; factor: number }[]>();
  /** The reference sample's raw scores, kept for referenceScores. */
  private readonly referenceLm: number[];
  private readonly referenceDense: number[];
  private readonly lmMoments: { mean: number; deviation: number };
  private readonly denseMoments: { mean: number; deviation: number };

  constructor(
    private readonly profile: readonly DocFeatures[],
    reference: readonly DocFeatures[],
    background: BackgroundStatistics,
    dimensions: number,
    private readonly options: V2Options = DEFAULT_V2,
  ) {
    this.weights = profileTermWeights(profile, background, options.mu);
    const pooled = pooledCounts(profile);
    profile.forEach((paper, index) => {
      for (const [stem, own] of paper.counts) {
        const holders = this.holders.get(stem) ?? [];
        holders.push({ paper: index, factor: (this.weights.get(stem)! * own) / pooled.get(stem)! });
        this.holders.set(stem, holders);
      }
    });
    if (dimensions > 0) this.centroid = profileCentroid(profile, dimensions);
    this.referenceLm = reference.map((doc) => languageModelScore(this.weights, doc));
    this.referenceDense = reference.map((doc) => this.denseOf(doc));
    this.lmMoments = moments(this.referenceLm);
    this.denseMoments = moments(this.referenceDense);
  }

  private denseOf(doc: DocFeatures): number {
    return this.centroid && doc.dense ? dot(this.centroid, doc.dense) : 0;
  }

  score(candidate: DocFeatures): V2Score {
    const rawLm = languageModelScore(this.weights, candidate);
    const rawDense = this.denseOf(candidate);
    return { score: this.combine(rawLm, rawDense), lm: this.lmZ(rawLm), dense: this.centroid ? this.denseZ(rawDense) : 0 };
  }

  /** The reference sample's scores, in its order. */
  referenceScores(): number[] {
    return this.referenceLm.map((lm, i) => this.combine(lm, this.referenceDense[i]));
  }

  /**
   * The score of a candidate whose raw language-model score and centroid dot product are known:
   * a number, not a V2Score, as it runs once per candidate of a whole library.
   */
  combine(rawLm: number, rawDense: number): number {
    if (!this.centroid) return this.lmZ(rawLm);
    return this.options.lmShare * this.lmZ(rawLm) + (1 - this.options.lmShare) * this.denseZ(rawDense);
  }

  private lmZ(raw: number): number {
    return (raw - this.lmMoments.mean) / this.lmMoments.deviation;
  }

  private denseZ(raw: number): number {
    return (raw - this.denseMoments.mean) / this.denseMoments.deviation;
  }


  /**
   * Each profile paper's part of a candidate's score, largest first, with the stems that carry
   * the language-model part for the first `withTerms` of them. The language model's part is
   * split by each paper's share of the pooled count of every term, the dense part is the
   * paper's own cosine over the profile's size (the centroid's dot product is their mean), and
   * the reference's means are taken off in equal parts, so the parts add up to the score.
   */
  shares(candidate: DocFeatures, withTerms = Infinity): PaperShare[] {
    const lmScale = (this.centroid ? this.options.lmShare : 1) / this.lmMoments.deviation / (candidate.length || 1);
    const denseScale = (1 - this.options.lmShare) / this.denseMoments.deviation / this.profile.length;
    const totals = new Float64Array(this.profile.length);
    for (const [stem, n] of candidate.counts) {
      const holders = this.holders.get(stem);
      if (holders) for (const { paper, factor } of holders) totals[paper] += lmScale * n * factor;
    }
    if (this.centroid && candidate.dense) {
      this.profile.forEach((paper, p) => {
        if (paper.dense) totals[p] += denseScale * dot(paper.dense, candidate.dense!);
      });
    }
    // The reference's means come off in equal parts, so the shares add up to the score itself.
    const lmOffset = ((this.centroid ? this.options.lmShare : 1) * this.lmMoments.mean) / this.lmMoments.deviation;
    const denseOffset = this.centroid ? ((1 - this.options.lmShare) * this.denseMoments.mean) / this.denseMoments.deviation : 0;
    for (let p = 0; p < totals.length; p++) totals[p] -= (lmOffset + denseOffset) / totals.length;
    const shares = Array.from(totals, (share, paper): PaperShare => ({ paper, share, terms: [] })).sort((a, b) => b.share - a.share || a.paper - b.paper);
    for (const share of shares.slice(0, withTerms)) {
      for (const [stem, n] of candidate.counts) {
        const holder = this.holders.get(stem)?.find((h) => h.paper === share.paper);
        if (holder) share.terms.push({ stem, contribution: lmScale * n * holder.factor });
      }
      share.terms.sort((a, b) => b.contribution - a.contribution || (a.stem < b.stem ? -1 : 1));
    }
    return shares;
  }
}
