// Recommendations for a profile and similar papers, over a whole library, with engine v2:
// the library's feature index (library-features.ts) ranked by the profile language model and
// the dense component (engine/library-ranking.ts), each paper's reasons taken from its score.
import type { Paper, PaperText, Profile, TextDoc } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { PaperFilter } from '../library/papers.ts';
import type { FeatureIndex } from '../engine/feature-index.ts';
import { LibraryRanker, type RankedRow } from '../engine/library-ranking.ts';
import { TopicRanker, type TopicRankedRow } from '../engine/topic-ranking.ts';
import { rankShortlisted } from '../engine/shortlist.ts';
import { FILLER_STEMS } from '../engine/filler-words.ts';
import { findTopics, rankerInputs, rankingProfile, type ProfileTopic, type RankerInputs, type TopicsFound } from './topics.ts';
import { backgroundWithEvidence, stemCounts } from '../engine/background.ts';
import { docFeatures } from '../engine/language-model.ts';
import { ProfileError } from '../engine/errors.ts';
import { docFields, surfaceOf, writtenForms, type WrittenForms } from '../engine/text.ts';
import { libraryFeatures, shippedBackground } from './library-features.ts';

/**
 * Why a paper was recommended: a profile paper with a large part of its score (its id, title
 * and what it is to the researcher), or the pasted text (no paper), and the words that carry it.
 */
export type Reason = ({ paperId: number; title: string; kind: 'yours' | 'liked' | 'disliked' | 'paper' } | { paperId?: undefined; title?: undefined; kind: 'text' }) & {
  /** This paper's part of the score (negative for a disliked paper). */
  similarity: number;
  sharedTerms: string[];
};

/**
 * How strong a match is, on a stated scale: the share of random papers of the field (the
 * background's reference sample) that score below it for the same profile or topic, as a
 * percentile, and in words.
 */
export interface Match {
  percentile: number;
  strength: 'strong' | 'good' | 'fair';
}

export interface Recommendation {
  paper: Paper;
  /** The engine's score: in units of the spread of the profile's scores over random papers of the field. */
  score: number;
  match: Match;
  reasons: Reason[];
  /** The key of the profile topic whose ranking placed it (see actions/topics.ts). */
  topic?: string;
}

export interface RecommendResult {
  recommendations: Recommendation[];
  /** Papers among the candidates that are the researcher's own work (the same paper or another version of it). */
  yours: { paper: Paper; ownPaperId: number }[];
  /** The profile's topics, which the recommendations cover in proportion to their size. */
  topics: ProfileTopic[];
  /** With `byTopic`: each topic's own ranking, in the order of `topics`. */
  lanes?: { topic: string; recommendations: Recommendation[] }[];
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

/** A profile paper or a pasted text, as reasons name it. */
interface Source {
  doc: TextDoc | PaperText;
  kind: Reason['kind'];
  /** The researcher's own name for the paper, if they gave one. */
  title?: string;
}

/**
 * Turns ranked rows into recommendations whose reasons are the profile papers and rated papers
 * with the largest parts of the score and the words that carry those parts, as the papers write
 * them (filler words aside). `explainer` gives, for a ranked row, the ranker that scored it and
 * the papers it was given (the profile's, then the rated ones).
 */
function explain<Row extends RankedRow>(
  library: PaperStore,
  index: FeatureIndex,
  ranked: readonly Row[],
  explainer: (row: Row) => { ranker: LibraryRanker; papers: readonly Source[]; rated: readonly Source[]; topic?: string },
): Recommendation[] {
  const papers = new Map(library.papersById(ranked.map((r) => r.id)).map((p) => [p.id, p]));
  // A profile paper is among the reasons of many candidates: its words are read once.
  const forms = new Map<PaperText, WrittenForms>();
  const formsOf = (doc: PaperText) => {
    let known = forms.get(doc);
    if (!known) forms.set(doc, (known = writtenForms(docFields(doc))));
    return known;
  };
  return ranked.map((rankedRow) => {
    const { ranker, papers: paperSources, rated, topic } = explainer(rankedRow);
    const paper = papers.get(rankedRow.id)!;
    const shares = ranker.shares(index.features(rankedRow.row), REASON_PAPERS);
    const strongest = Math.abs(shares[0]?.share ?? 0);
    const reasons = shares
      .slice(0, REASON_PAPERS)
      .filter((share) => Math.abs(share.share) >= REASON_MIN_SHARE * strongest)
      .map((share): Reason => {
        const source = share.side === 'paper' ? paperSources[share.paper] : rated[share.paper];
        // Shown as the profile paper writes them: it has every term of its share, and reading
        // each candidate's words again would be most of a planner's work.
        const sharedTerms = share.terms
          .filter(({ stem }) => !FILLER_STEMS.has(stem))
          .slice(0, REASON_TERMS)
          .map(({ stem }) => surfaceOf(stem, formsOf(source.doc)) ?? stem);
        const why = { similarity: round(share.share), sharedTerms };
        if (source.kind === 'text') return { kind: 'text', ...why };
        return { paperId: (source.doc as TextDoc).id, title: source.title ?? source.doc.title, kind: source.kind, ...why };
      });
    return { paper, score: round(rankedRow.score), match: matchOf(ranker.percentile(rankedRow.score)), reasons, ...(topic === undefined ? {} : { topic }) };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Strong: above 99 of 100 random papers of the field; good: above 90. */
function matchOf(share: number): Match {
  return { percentile: Math.floor(share * 1000) / 10, strength: share >= 0.99 ? 'strong' : share >= 0.9 ? 'good' : 'fair' };
}

/**
 * The rankers of a profile's topics are kept with its topics, which findTopics keeps while the
 * profile (its papers and ratings) and the library stay as they are: building them is a third
 * of a ranking's work.
 */
const topicRankers = new WeakMap<TopicsFound, { ranker: TopicRanker; given: RankerInputs[] }>();

function topicRanker(profile: Profile, found: TopicsFound, dislikedIds: readonly number[]): { ranker: TopicRanker; given: RankerInputs[] } {
  let made = topicRankers.get(found);
  if (!made) {
    const { index, topics, statistics } = found;
    const given = topics.map((topic) => rankerInputs(profile, topic.paperIds, dislikedIds));
    made = { ranker: new TopicRanker(index, statistics, shippedBackground().reference, given.map((inputs) => rankingProfile(found, inputs))), given };
    topicRankers.set(found, made);
  }
  return made;
}

export interface RecommendOptions {
  /** Each topic's own ranking besides the mixed one (RecommendResult.lanes). */
  byTopic?: boolean;
}

export function recommend(library: PaperStore, profile: Profile, filter: PaperFilter, limit: number, options: RecommendOptions = {}): RecommendResult {
  const liked = new Set(Object.entries(profile.ratings).filter(([, r]) => r > 0).map(([id]) => Number(id)));
  const disliked = Object.entries(profile.ratings).filter(([, r]) => r < 0).map(([id]) => Number(id));
  if (profile.paperIds.length === 0 && liked.size === 0) {
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

  const found = findTopics(library, profile);
  const { topics, features, index } = found;
  const dislikedIds = disliked.filter((id) => !own.has(id) && index.rowOf(id) !== undefined);
  const { ranker, given } = topicRanker(profile, found, dislikedIds);
  const exclude = new Set([...features.keys(), ...yours.map((y) => y.id), ...disliked]);
  const rows = candidateRows(index, candidateIds, exclude);
  const titles = library.profilePaperTitles(profile);
  const texts = new Map(library.papersById([...features.keys(), ...dislikedIds]).map((p) => [p.id, textDoc(p)]));
  const sourcesOf = (papers: readonly { id: number; kind: Reason['kind'] }[]) => papers.map(({ id, kind }): Source => ({ doc: texts.get(id)!, kind, title: titles.get(id) }));
  const sources = given.map((topic) => ({ papers: sourcesOf(topic.papers), rated: sourcesOf(topic.rated) }));
  const explainer = (row: TopicRankedRow) => ({ ranker: ranker.rankers[row.topic], ...sources[row.topic], topic: topics[row.topic].key });
  const explainRows = (ranked: readonly TopicRankedRow[]) => explain(library, index, ranked, explainer);
  const { lanes, mixed } = ranker.rank(rows, limit);
  return {
    recommendations: explainRows(mixed),
    yours: yours.map((y) => ({ paper: yoursPapers.get(y.id)!, ownPaperId: y.ownPaperId })),
    topics,
    ...(options.byTopic ? { lanes: lanes.map((lane, t) => ({ topic: topics[t].key, recommendations: explainRows(lane) })) } : {}),
  };
}

/** Papers most similar to a library paper (its other versions aside) or to a pasted text. */
export function similarPapers(library: PaperStore, target: { paperId: number } | { text: string }, limit: number): Recommendation[] {
  const index = libraryFeatures(library);
  const background = shippedBackground();
  if ('paperId' in target) {
    const paper = library.paper(target.paperId);
    const row = paper && index.rowOf(paper.id);
    if (!paper || row === undefined) return [];
    const ranker = new LibraryRanker(index, backgroundWithEvidence(background.model, [index]), background.reference, { papers: [index.features(row)], rated: [] });
    const ranked = rankShortlisted(index, ranker, candidateRows(index, undefined, new Set([paper.id, ...library.versionsOf([paper.id]).keys()])), limit);
    const papers: Source[] = [{ doc: textDoc(paper), kind: 'paper' }];
    return explain(library, index, ranked, () => ({ ranker, papers, rated: [] }));
  }
  const text: PaperText = { title: '', abstract: target.text };
  // The text's own words are evidence too, so each of them has a probability the library may lack.
  const statistics = backgroundWithEvidence(background.model, [index, stemCounts([text])]);
  const ranker = new LibraryRanker(index, statistics, background.reference, { papers: [docFeatures(text, background.model.dense)], rated: [] });
  const papers: Source[] = [{ doc: text, kind: 'text' }];
  return explain(library, index, rankShortlisted(index, ranker, index.liveRows(), limit), () => ({ ranker, papers, rated: [] }));
}
