// Reviewer-paper expertise affinity, as OpenReview's expertise tool computes it: every
// submission scored for every reviewer from the reviewer's own publications.
import type { NoteText, Reviewer } from '../types.ts';
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
  submissions: readonly NoteText[],
  reviewers: readonly Reviewer[],
  model?: RelevanceModel,
  options: ScoringOptions = DEFAULT_SCORING,
): AffinityScores {
  // Documents are numbered by position, submissions first, then each reviewer's publications in
  // turn: a paper that is a submission and in an archive, or in two archives, is one document each.
  const docs = [...submissions, ...reviewers.flatMap((reviewer) => reviewer.publications)].map((doc, id) => ({ ...doc, id }));
  const index = indexDocuments(model ?? buildRelevanceModel(docs), docs);
  const submissionIds = submissions.map((_, id) => id);
  const scores: AffinityScores = new Map();
  let firstPublication = submissions.length;
  for (const reviewer of reviewers) {
    const profile = reviewer.publications.map((_, i) => ({ id: firstPublication + i }));
    firstPublication += reviewer.publications.length;
    const results = scoreCandidates(index, profile, submissionIds, options);
    scores.set(reviewer.id, new Map(results.map((result) => [submissions[result.id].id, result.score])));
  }
  return scores;
}
