// Recommendations for a profile and similar papers, over a whole library: the library's
// papers are indexed once with the library's relevance model, then ranked by the engine.
import type { Paper, PaperText, Profile, TextDoc } from '../types.ts';
import type { Library } from '../library/library.ts';
import type { PaperFilter } from '../library/papers.ts';
import { cachedRelevanceModel, deserializeIndex, RELEVANCE_MODEL_NAME, serializeIndex } from '../engine/model-codec.ts';
import { indexDocuments, vectorizeDoc, type DocIndex } from '../engine/doc-index.ts';
import { rankCandidates } from '../engine/rank.ts';
import { sharedTerms, type CandidateScore } from '../engine/score.ts';
import { ProfileError } from '../engine/errors.ts';
import { docFields, writtenForms, type WrittenForms } from '../engine/text.ts';

/**
 * Why a paper was recommended: a profile paper it is close to (its id and title), or the pasted
 * text (neither: it is no paper of the library), and the terms they share.
 */
export type Reason = ({ paperId: number; title: string } | { paperId?: undefined; title?: undefined }) & {
  /** This pair's part of the score (negative for a disliked paper). */
  similarity: number;
  sharedTerms: string[];
};

export interface Recommendation {
  paper: Paper;
  score: number;
  reasons: Reason[];
}

export interface RecommendResult {
  recommendations: Recommendation[];
  /** Papers among the candidates that are the researcher's own work (the same paper or another version of it). */
  yours: { paper: Paper; ownPaperId: number }[];
}


/** Reasons name at most this many profile papers, each with at most this many terms. */
const REASON_PAPERS = 2;
const REASON_TERMS = 4;

const indexes = new WeakMap<Library, { version: string; index: DocIndex }>();

/** The library's papers indexed with its relevance model, kept while the library is unchanged. */
export function libraryIndex(library: Library, log: (message: string) => void = () => {}): DocIndex {
  const version = library.contentVersion();
  const cached = indexes.get(library);
  if (cached?.version === version) return cached.index;
  const model = cachedRelevanceModel(library, log);
  // Indexing a large library takes most of a minute; loading the stored index, a second or two.
  const stored = library.model(`${RELEVANCE_MODEL_NAME}-index`, (docs) => {
    log(`indexing ${docs.length} papers for recommendations (once; it is kept in the library)…`);
    return serializeIndex(indexDocuments(model, docs));
  });
  const index = deserializeIndex(stored, model);
  indexes.set(library, { version, index });
  return index;
}

function textDoc(paper: Paper): TextDoc {
  return { id: paper.id, title: paper.title, abstract: paper.abstract ?? undefined, keywords: paper.keywords };
}

/**
 * Turns engine scores into recommendations whose reasons come from the same closest pairs;
 * `sources` are the profile's papers, or the pasted text, in the order the engine was given them.
 */
function explain(library: Library, index: DocIndex, scores: readonly CandidateScore[], sources: readonly (TextDoc | PaperText)[]): Recommendation[] {
  const papers = new Map(library.papersById(scores.map((s) => s.id)).map((p) => [p.id, p]));
  // A profile paper is among the closest of many candidates, and a candidate has several reasons.
  const forms = new Map<PaperText, WrittenForms>();
  const formsOf = (doc: PaperText) => {
    let known = forms.get(doc);
    if (!known) forms.set(doc, (known = writtenForms(docFields(doc))));
    return known;
  };
  return scores.map((scored) => {
    const paper = papers.get(scored.id)!;
    const candidate = textDoc(paper);
    const reasons = scored.closest.slice(0, REASON_PAPERS).map(({ entry, similarity }): Reason => {
      const source = sources[entry];
      const why = { similarity: round(similarity), sharedTerms: sharedTerms(index, candidate, source, REASON_TERMS, formsOf).map((t) => t.term) };
      return 'id' in source ? { paperId: source.id, title: source.title, ...why } : why;
    });
    return { paper, score: round(scored.score), reasons };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function recommend(library: Library, profile: Profile, filter: PaperFilter, limit: number): RecommendResult {
  const liked = Object.entries(profile.ratings).filter(([, r]) => r > 0).map(([id]) => Number(id));
  const disliked = Object.entries(profile.ratings).filter(([, r]) => r < 0).map(([id]) => Number(id));
  if (profile.paperIds.length === 0 && liked.length === 0) {
    throw new ProfileError(`profile "${profile.name}" has no papers yet: add yours with \`profile add ${profile.name} --from FILE\` or --author "Your Name", or rate papers up`);
  }
  const own = new Set(profile.paperIds);
  const ownWork = library.ownWork(profile);
  // Without a filter the candidates are the index's documents, all the library's papers: listing
  // them from the store would take longer than ranking them.
  const candidateIds = Object.values(filter).every((value) => value === undefined) ? undefined : library.paperIds(filter);
  const yours = (candidateIds ?? [...ownWork.keys()].sort((a, b) => a - b))
    .filter((id) => ownWork.has(id))
    .map((id) => ({ id, ownPaperId: ownWork.get(id)! }));
  const yoursPapers = new Map(library.papersById(yours.map((y) => y.id)).map((p) => [p.id, p]));

  const index = libraryIndex(library);
  const profileIds = [...new Set([...profile.paperIds, ...liked])];
  const entries = [
    ...profileIds.map((id) => ({ id, weight: 1 })),
    ...disliked.filter((id) => !own.has(id)).map((id) => ({ id, weight: -1 })),
  ];
  const scores = rankCandidates(index, entries, { limit, candidates: candidateIds, exclude: new Set([...yours.map((y) => y.id), ...disliked]) });
  const sources = new Map(library.papersById(entries.map((e) => e.id)).map((p) => [p.id, textDoc(p)]));
  return {
    recommendations: explain(library, index, scores, entries.map((entry) => sources.get(entry.id)!)),
    yours: yours.map((y) => ({ paper: yoursPapers.get(y.id)!, ownPaperId: y.ownPaperId })),
  };
}

/** Papers most similar to a library paper (its other versions aside) or to a pasted text. */
export function similarPapers(library: Library, target: { paperId: number } | { text: string }, limit: number): Recommendation[] {
  const index = libraryIndex(library);
  if ('paperId' in target) {
    const paper = library.paper(target.paperId);
    if (!paper) return [];
    const versions = library.versionsOf([paper.id]);
    const scores = rankCandidates(index, [{ id: paper.id }], { limit, exclude: new Set(versions.keys()) });
    return explain(library, index, scores, [textDoc(paper)]);
  }
  const text: PaperText = { title: '', abstract: target.text };
  const scores = rankCandidates(index, [{ vector: vectorizeDoc(index, text) }], { limit });
  return explain(library, index, scores, [text]);
}
