// Recommendations for a profile and similar papers, over a whole library, with engine v2:
// the library's feature index (library-features.ts) ranked by the profile language model and
// the dense component (engine/library-ranking.ts), each paper's reasons taken from its score.
import type { Paper, PaperText, Profile, TextDoc } from '../types.ts';
import type { Library } from '../library/library.ts';
import type { PaperFilter } from '../library/papers.ts';
import type { FeatureIndex } from '../engine/feature-index.ts';
import { LibraryRanker, type RankedRow, type RankingProfile } from '../engine/library-ranking.ts';
import { stemCounts } from '../engine/background.ts';
import { docFeatures } from '../engine/language-model.ts';
import { ProfileError } from '../engine/errors.ts';
import { docFields, surfaceOf, writtenForms, type WrittenForms } from '../engine/text.ts';
import { libraryFeatures, shippedBackground } from './library-features.ts';

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
/** A profile paper whose part of the score is under this share of the largest part explains little, and is not named. */
const REASON_MIN_SHARE = 0.25;

function textDoc(paper: Paper): TextDoc {
  return { id: paper.id, title: paper.title, abstract: paper.abstract ?? undefined, keywords: paper.keywords };
}

/** Rows of the index for some paper ids (papers not indexed yet have none). */
function rowsOf(index: FeatureIndex, ids: Iterable<number>): number[] {
  const rows: number[] = [];
  for (const id of ids) {
    const row = index.rowOf(id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** The candidates' rows: those of `candidateIds`, or every indexed paper, less `exclude`. */
function candidateRows(index: FeatureIndex, candidateIds: readonly number[] | undefined, exclude: ReadonlySet<number>): Uint32Array {
  if (candidateIds) return Uint32Array.from(rowsOf(index, candidateIds.filter((id) => !exclude.has(id))));
  const rows = index.liveRows();
  const skipped = new Set(rowsOf(index, exclude));
  if (skipped.size === 0) return rows;
  let kept = 0;
  for (const row of rows) if (!skipped.has(row)) rows[kept++] = row;
  return rows.subarray(0, kept);
}

/**
 * Turns ranked rows into recommendations whose reasons are the profile papers with the largest
 * parts of the score and the words that carry those parts, as the papers write them. `sources`
 * are the profile's papers (liked, then disliked) or the pasted text, as the ranker was given them.
 */
function explain(library: Library, index: FeatureIndex, ranker: LibraryRanker, ranked: readonly RankedRow[], sources: { liked: readonly (TextDoc | PaperText)[]; disliked: readonly TextDoc[] }): Recommendation[] {
  const papers = new Map(library.papersById(ranked.map((r) => r.id)).map((p) => [p.id, p]));
  // A profile paper is among the reasons of many candidates: its words are read once.
  const forms = new Map<PaperText, WrittenForms>();
  const formsOf = (doc: PaperText) => {
    let known = forms.get(doc);
    if (!known) forms.set(doc, (known = writtenForms(docFields(doc))));
    return known;
  };
  return ranked.map(({ id, row, score }) => {
    const paper = papers.get(id)!;
    const shares = ranker.shares(index.features(row), REASON_PAPERS);
    const strongest = Math.abs(shares[0]?.share ?? 0);
    const reasons = shares
      .slice(0, REASON_PAPERS)
      .filter((share) => Math.abs(share.share) >= REASON_MIN_SHARE * strongest)
      .map((share): Reason => {
        const source = share.side === 'liked' ? sources.liked[share.paper] : sources.disliked[share.paper];
        // Shown as the profile paper writes them: it has every term of its share, and reading
        // each candidate's words again would be most of a planner's work.
        const sharedTerms = share.terms.slice(0, REASON_TERMS).map(({ stem }) => surfaceOf(stem, formsOf(source)) ?? stem);
        const why = { similarity: round(share.share), sharedTerms };
        return 'id' in source && typeof source.id === 'number' ? { paperId: source.id, title: source.title, ...why } : why;
      });
    return { paper, score: round(score), reasons };
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
  // Without a filter the candidates are the index's papers, all the library's: listing them
  // from the store would take longer than ranking them.
  const candidateIds = Object.values(filter).every((value) => value === undefined) ? undefined : library.paperIds(filter);
  const yours = (candidateIds ?? [...ownWork.keys()].sort((a, b) => a - b))
    .filter((id) => ownWork.has(id))
    .map((id) => ({ id, ownPaperId: ownWork.get(id)! }));
  const yoursPapers = new Map(library.papersById(yours.map((y) => y.id)).map((p) => [p.id, p]));

  const index = libraryFeatures(library);
  const likedIds = [...new Set([...profile.paperIds, ...liked])].filter((id) => index.rowOf(id) !== undefined);
  const dislikedIds = disliked.filter((id) => !own.has(id) && index.rowOf(id) !== undefined);
  const rankingProfile: RankingProfile = {
    liked: likedIds.map((id) => index.features(index.rowOf(id)!)),
    disliked: dislikedIds.map((id) => index.features(index.rowOf(id)!)),
  };
  const background = shippedBackground();
  const ranker = new LibraryRanker(index, background.model, background.reference, rankingProfile);
  const exclude = new Set([...likedIds, ...yours.map((y) => y.id), ...disliked]);
  const ranked = ranker.rank(candidateRows(index, candidateIds, exclude), limit);
  const texts = new Map(library.papersById([...likedIds, ...dislikedIds]).map((p) => [p.id, textDoc(p)]));
  return {
    recommendations: explain(library, index, ranker, ranked, { liked: likedIds.map((id) => texts.get(id)!), disliked: dislikedIds.map((id) => texts.get(id)!) }),
    yours: yours.map((y) => ({ paper: yoursPapers.get(y.id)!, ownPaperId: y.ownPaperId })),
  };
}

/** Papers most similar to a library paper (its other versions aside) or to a pasted text. */
export function similarPapers(library: Library, target: { paperId: number } | { text: string }, limit: number): Recommendation[] {
  const index = libraryFeatures(library);
  const background = shippedBackground();
  if ('paperId' in target) {
    const paper = library.paper(target.paperId);
    const row = paper && index.rowOf(paper.id);
    if (!paper || row === undefined) return [];
    const ranker = new LibraryRanker(index, background.model, background.reference, { liked: [index.features(row)], disliked: [] });
    const ranked = ranker.rank(candidateRows(index, undefined, new Set([paper.id, ...library.versionsOf([paper.id]).keys()])), limit);
    return explain(library, index, ranker, ranked, { liked: [textDoc(paper)], disliked: [] });
  }
  const text: PaperText = { title: '', abstract: target.text };
  // The text's own words are evidence too, so each of them has a probability the library may lack.
  const ranker = new LibraryRanker(index, background.model, background.reference, { liked: [docFeatures(text, background.model.dense)], disliked: [] }, [stemCounts([text])]);
  return explain(library, index, ranker, ranker.rank(index.liveRows(), limit), { liked: [text], disliked: [] });
}
