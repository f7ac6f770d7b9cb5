// Ratings as a learned preference: a correction to the profile's score, fitted to what the
// researcher said about some papers, which spreads to the papers like them.
//
// It is Gaussian-process regression on the profile score's residual. Each rated paper says
// what its score should have been: a paper rated up should score as the researcher's own papers
// do (their mean score for the profile), one rated down as a random paper of the field (0, the
// reference's mean, since scores are z-scores against it). Scores are taken within that span:
// a liked paper scored above the researcher's own, or a disliked one below a random paper, asks
// nothing, so on its own a like never pushes papers down and a dislike never pulls them up. The
// correction of a candidate is
//
//   correction(c) = Σ_i α_i · kin(c, r_i),   (K + I) α = residuals,   K_ij = kin(r_i, r_j)
//
// with kin(c, r) the cosine of their dense vectors above what r has with a random paper of the
// field, rescaled so a paper is 1 to itself and a random one 0 (never below). The unit noise
// term says a rating is as uncertain as the profile's own estimate, and bounds its influence:
// one rating alone moves its own paper half-way to its target and a paper like it by its kinship
// times that, so no rating moves any paper by more than half the gap between a random paper and
// the researcher's own; ratings of like papers that agree add up towards the whole gap as
// evidence grows. On the reviewer-expertise task of bench:ratings this beat pooling liked papers
// into the profile and a second profile of disliked ones, at every number of ratings.
import { dot, type DocFeatures } from './language-model.ts';

/** A rated paper as the engine reads it: its features and whether it was rated up. */
export interface RatedPaper {
  features: DocFeatures;
  up: boolean;
}

/** A rated paper's dense vector, and its mean cosine to random papers of the field (where its kinship is 0). */
interface Anchor {
  dense: Float32Array;
  randomCosine: number;
  /** Its position among the rated papers given. */
  position: number;
}

export class RatingPreference {
  /** Each anchor's weight (α): its part of a candidate's correction is this times their kinship. */
  private readonly weights: Float64Array;
  private readonly anchors: Anchor[];
  private readonly ratedCount: number;

  /**
   * `score` is the profile's score of a paper, `ownScore` the mean score of the researcher's
   * own papers; `reference` the random papers of the field the scores are z-scores against.
   */
  constructor(rated: readonly RatedPaper[], reference: readonly DocFeatures[], score: (paper: DocFeatures) => number, ownScore: number) {
    // Without dense vectors there is no kinship to spread a rating by, and ratings do nothing.
    const usable = rated.filter((r) => r.features.dense);
    this.anchors = usable.map((r) => {
      const dense = r.features.dense!;
      let sum = 0;
      for (const doc of reference) if (doc.dense) sum += dot(dense, doc.dense);
      return { dense, randomCosine: reference.length ? sum / reference.length : 0, position: rated.indexOf(r) };
    });
    this.ratedCount = rated.length;
    // The score is taken within the span from a random paper (0) to the researcher's own: a
    // rating says where in that span a paper belongs, so its residual is never larger than the span.
    const residuals = usable.map((r) => {
      const within = Math.min(Math.max(score(r.features), 0), Math.max(ownScore, 0));
      return r.up ? Math.max(ownScore, 0) - within : -within;
    });
    const n = usable.length;
    const system = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) system[i * n + j] = i === j ? 2 : kinship(dot(this.anchors[i].dense, this.anchors[j].dense), this.anchors[j]);
    }
    // kin is not quite symmetric (each anchor has its own random cosine), so the system is solved as is.
    this.weights = solve(system, Float64Array.from(residuals), n);
  }

  /**
   * Adds the correction to `scores`, of some papers whose cosines to rating i `cosines(vector,
   * out)` writes into out (the library's rows: one pass of dot products over them per rating).
   */
  correct(scores: Float64Array, cosines: (vector: Float32Array, out: Float64Array) => void): void {
    const cosine = new Float64Array(scores.length);
    this.anchors.forEach((anchor, i) => {
      cosines(anchor.dense, cosine);
      for (let p = 0; p < scores.length; p++) scores[p] += this.weights[i] * kinship(cosine[p], anchor);
    });
  }

  /** Each rated paper's part of the correction of one paper, in the order given (0 without dense vectors). */
  partsOf(dense: Float32Array | undefined): Float64Array {
    const parts = new Float64Array(this.ratedCount);
    if (dense) this.anchors.forEach((anchor, i) => (parts[anchor.position] = this.weights[i] * kinship(dot(dense, anchor.dense), anchor)));
    return parts;
  }
}

function kinship(cosine: number, anchor: Anchor): number {
  const m = anchor.randomCosine;
  return Math.max(0, Math.min(1, (cosine - m) / (1 - m)));
}

/** x with a·x = b for an n×n matrix a (row-major), by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [m[col * n + c], m[pivot * n + c]] = [m[pivot * n + c], m[col * n + c]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / m[col * n + col];
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let sum = x[r];
    for (let c = r + 1; c < n; c++) sum -= m[r * n + c] * x[c];
    x[r] = sum / m[r * n + r];
  }
  return x;
}
