// Reviewer-paper expertise affinity, as OpenReview's expertise tool computes it: every
// submission scored for every reviewer from the reviewer's own publications.
import type { Reviewer, TextDoc } from '../types.ts';
import { indexDocuments } from './doc-index.ts';
import { buildRelevanceModel, type RelevanceModel } from './model.ts';
import { scoreCandidates, DEFAULT_SCORING, type ScoringOptions } from './score.ts';

/** reviewer id -> submission id -> score. */
export type AffinityScores = Map<string, Map<string, number>>;

/**
 * Scores every (submission, reviewer) pair. Without a model learned from a background corpus,
 * one is learned from the submissions and publications themselves (lexical only, unless they
 * are enough to learn term vectors from). A reviewer without publications scores 0 everywhere.
 */
export function computeAffinity(
  submissions: readonly TextDoc[],
  reviewers: readonly Reviewer[],
  model?: RelevanceModel,
  options: ScoringOptions = DEFAULT_SCORING,
): AffinityScores {
  // The same paper can be a submission and in an archive, or in two archives: ids are made unique.
  const submissionDocs = submissions.map((doc) => ({ ...doc, id: `submission:${doc.id}` }));
  const reviewerDocs = reviewers.map((reviewer) =>
    reviewer.publications.map((doc, i) => ({ ...doc, id: `reviewer:${reviewer.id}:${i}` })),
  );
  const docs = [...submissionDocs, ...reviewerDocs.flat()];
  const index = indexDocuments(model ?? buildRelevanceModel(docs), docs);
  const candidateIds = submissionDocs.map((doc) => doc.id);
  const scores: AffinityScores = new Map();
  reviewers.forEach((reviewer, r) => {
    const profile = reviewerDocs[r].map((doc) => ({ id: doc.id }));
    const byPaper = new Map<string, number>();
    const results = scoreCandidates(index, profile, candidateIds, options);
    results.forEach((result, i) => byPaper.set(submissions[i].id, result.score));
    scores.set(reviewer.id, byPaper);
  });
  return scores;
}
