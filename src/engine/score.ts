// Scoring candidates against a profile: a similarity for each (candidate, profile paper) pair,
// aggregated over the profile, with the reasons drawn from the same numbers.
import { denseSimilarity, lexicalSimilarity, type DocIndex } from './doc-index.ts';

export interface ScoringOptions {
  /**
   * The tf-idf cosine's share of a pair's similarity; the dense cosine has the rest. Ignored
   * (all lexical) when the model has no dense space.
   */
  lexicalWeight: number;
  /**
   * A candidate's score is the mean similarity to its `topK` closest profile papers: one
   * close paper can be a coincidence, and a profile's far papers say nothing about the candidate.
   */
  topK: number;
}

export const DEFAULT_SCORING: ScoringOptions = { lexicalWeight: 0.5, topK: 3 };

/** A profile paper: the researcher's own or liked (weight 1), or disliked (weight below 0). */
export interface ProfileEntry {
  id: string;
  weight?: number;
}

export interface Closest {
  profileId: string;
  /** The pair's similarity, times the profile paper's weight. */
  similarity: number;
}

export interface CandidateScore {
  id: string;
  score: number;
  /** The profile papers that made the score, strongest first (negative: disliked papers). */
  closest: Closest[];
}

/** The combined similarity of two indexed documents. */
export function pairSimilarity(index: DocIndex, a: number, b: number, options: ScoringOptions): number {
  const lexical = lexicalSimilarity(index, a, b);
  if (index.dimensions === 0) return lexical;
  return options.lexicalWeight * lexical + (1 - options.lexicalWeight) * denseSimilarity(index, a, b);
}

function rowsOf(index: DocIndex, ids: readonly string[]): number[] {
  return ids.map((id) => {
    const row = index.rowOf.get(id);
    if (row === undefined) throw new Error(`document ${id} is not in the index`);
    return row;
  });
}

/** Mean of the k largest; the papers behind them are returned as the reasons. */
function topMean(contributions: Closest[], k: number): { mean: number; top: Closest[] } {
  const top = [...contributions].sort((a, b) => Math.abs(b.similarity) - Math.abs(a.similarity)).slice(0, k);
  return { mean: top.length ? top.reduce((s, c) => s + c.similarity, 0) / top.length : 0, top };
}

/**
 * Scores candidates for a profile. Liked and own papers pull a candidate up by its mean
 * similarity to the closest `topK` of them; disliked papers push it down the same way.
 */
export function scoreCandidates(
  index: DocIndex,
  profile: readonly ProfileEntry[],
  candidateIds: readonly string[],
  options: ScoringOptions = DEFAULT_SCORING,
): CandidateScore[] {
  const profileRows = rowsOf(index, profile.map((entry) => entry.id));
  const candidateRows = rowsOf(index, candidateIds);
  return candidateRows.map((row, c) => {
    const liked: Closest[] = [];
    const disliked: Closest[] = [];
    profileRows.forEach((profileRow, p) => {
      const weight = profile[p].weight ?? 1;
      const similarity = weight * pairSimilarity(index, row, profileRow, options);
      (weight >= 0 ? liked : disliked).push({ profileId: profile[p].id, similarity });
    });
    const up = topMean(liked, options.topK);
    const down = topMean(disliked, options.topK);
    const closest = [...up.top, ...down.top].sort((a, b) => b.similarity - a.similarity);
    return { id: candidateIds[c], score: up.mean + down.mean, closest };
  });
}
