// Reviewer-paper expertise affinity with engine v2 (see language-model.ts): every submission
// scored for every reviewer by the reviewer's profile language model and dense component,
// against the shipped background, optionally blended with a library's own statistics.
import type { NoteText, Reviewer } from '../types.ts';
import type { AffinityScores } from './affinity.ts';
import { backgroundWithEvidence, seededSample, stemCounts, type BackgroundModel, type TermEvidence } from './background.ts';
import { DEFAULT_V2, docFeatures, ProfileScorer, type DocFeatures, type V2Options } from './language-model.ts';
import type { FeatureIndex } from './feature-index.ts';

/** What a library adds to the background: its term counts as evidence, and its own papers as the reference sample. */
export interface LibraryEvidence {
  counts: TermEvidence;
  reference: readonly DocFeatures[];
}

/** Seed of the library's reference sample (the shipped sample is drawn with the background's own seed). */
const LIBRARY_REFERENCE_SEED = 2;

/**
 * A library's evidence from its feature index (the one recommendations use, kept up to date
 * as papers arrive): its stem counts, and as many random papers of it as the background's
 * reference sample holds.
 */
export function libraryEvidence(index: FeatureIndex, background: BackgroundModel): LibraryEvidence {
  const rows = index.liveRows();
  const reference = seededSample(rows.length, background.referenceDocs.length, LIBRARY_REFERENCE_SEED).map((i) => index.features(rows[i]));
  return { counts: index, reference };
}

/**
 * Scores every (submission, reviewer) pair. p_background is the shipped background as a prior
 * of its own token count (its counts taken as the evidence they are) with the library's counts,
 * if any, and the inputs' own as evidence on top; the inputs belong to the evidence so every
 * profile term has a probability however the background was pruned. A reviewer without
 * publications scores 0 everywhere.
 */
export function computeAffinityV2(
  submissions: readonly NoteText[],
  reviewers: readonly Reviewer[],
  background: BackgroundModel,
  library?: LibraryEvidence,
  options: V2Options = DEFAULT_V2,
): AffinityScores {
  const space = background.dense;
  const local = stemCounts([...submissions, ...reviewers.flatMap((reviewer) => reviewer.publications)]);
  const statistics = backgroundWithEvidence(background, library ? [library.counts, local] : [local]);
  const reference = library?.reference ?? background.referenceDocs.map((doc) => docFeatures(doc, space));
  const candidates = submissions.map((doc) => docFeatures(doc, space));
  const scores: AffinityScores = new Map();
  for (const reviewer of reviewers) {
    if (reviewer.publications.length === 0) {
      scores.set(reviewer.id, new Map(submissions.map((doc) => [doc.id, 0])));
      continue;
    }
    const profile = reviewer.publications.map((doc) => docFeatures(doc, space));
    const scorer = new ProfileScorer(profile, reference, statistics, space?.dimensions ?? 0, options);
    scores.set(reviewer.id, new Map(submissions.map((doc, i) => [doc.id, scorer.score(candidates[i]).score])));
  }
  return scores;
}
