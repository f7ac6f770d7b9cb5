// Reviewer-paper expertise affinity with engine v2 (see language-model.ts): every submission
// scored for every reviewer by the reviewer's profile language model and dense component,
// against the shipped background, optionally blended with a library's own statistics.
import type { NoteText, PaperText, Reviewer } from '../types.ts';
import type { AffinityScores } from './affinity.ts';
import { BackgroundStatistics, seededSample, stemCounts, TermCounts, type BackgroundModel } from './background.ts';
import { DEFAULT_V2, docFeatures, ProfileScorer, type V2Options } from './language-model.ts';
import { MODEL_GROWTH_TOLERANCE, type ModelStore } from './model-codec.ts';

/** What a library adds to the background: its term counts as evidence, and its own papers as the reference sample. */
export interface LibraryEvidence {
  counts: TermCounts;
  reference: readonly PaperText[];
}

/** Seed of the library's reference sample (the shipped sample is drawn with the background's own seed). */
const LIBRARY_REFERENCE_SEED = 2;

/** A library's evidence: its stem counts and as many random papers of it as the background's reference sample holds. */
export function libraryEvidence(papers: readonly PaperText[], background: BackgroundModel): LibraryEvidence {
  const reference = seededSample(papers.length, background.referenceDocs.length, LIBRARY_REFERENCE_SEED).map((i) => papers[i]);
  return { counts: stemCounts(papers), reference };
}

/** Name of the stored evidence; a new layout of the stored JSON needs a new name. */
const EVIDENCE_MODEL_NAME = 'affinity-evidence-v1';

/**
 * A library's evidence, kept in the library like its relevance model: counting the stems of the
 * 95k paperlists library takes about a minute, loading them a fraction of a second. A library
 * grown by less than the relevance model's tolerance keeps its counts, which a few more papers
 * barely move.
 */
export function cachedLibraryEvidence(store: ModelStore, background: BackgroundModel, log: (message: string) => void = () => {}): LibraryEvidence {
  const name = `${EVIDENCE_MODEL_NAME}-${background.referenceDocs.length}`;
  const stored = store.model(name, (docs) => {
    log(`counting the terms of ${docs.length} papers (once; the counts are kept in the library)…`);
    const { counts, reference } = libraryEvidence(docs, background);
    const papers = reference.map(({ title, abstract, keywords }) => ({ title, abstract, keywords }));
    return Buffer.from(JSON.stringify({ tokenCount: counts.tokenCount, counts: [...counts.counts], reference: papers }));
  }, MODEL_GROWTH_TOLERANCE);
  const { tokenCount, counts, reference } = JSON.parse(stored.toString('utf8')) as { tokenCount: number; counts: [string, number][]; reference: PaperText[] };
  return { counts: new TermCounts(new Map(counts), tokenCount), reference };
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
  const statistics = new BackgroundStatistics(background, library ? [library.counts, local] : [local], background.tokenCount);
  const reference = (library?.reference ?? background.referenceDocs).map((doc) => docFeatures(doc, space));
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
