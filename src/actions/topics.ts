// The topics of a profile, as the researcher sees and edits them: found by the engine
// (engine/topics.ts) among the profile's papers (its own and those it liked), except where the
// researcher has named, merged, split or moved them, which the library keeps. An edit stores
// the whole grouping as it then is, so what the researcher saw is what stays.
import type { Profile, TextDoc } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { FeatureIndex } from '../engine/feature-index.ts';
import { backgroundWithEvidence, type BackgroundStatistics } from '../engine/background.ts';
import type { DocFeatures } from '../engine/language-model.ts';
import type { RankingProfile } from '../engine/library-ranking.ts';
import { closestGroup, groupByLinkage, pairScores, topicKeywords } from '../engine/topics.ts';
import { DEFAULT_V2 } from '../engine/language-model.ts';
import { docFields, surfaceOf, writtenForms } from '../engine/text.ts';
import { libraryFeatures, shippedBackground } from './library-features.ts';
import { InputError, NotFoundError } from './errors.ts';

export interface ProfileTopic {
  /** `t<id>` for a topic the library keeps, `a<first paper id>` for one found anew: what edits name. */
  key: string;
  /** The researcher's name for it, or its key words. */
  name: string;
  /** True when the researcher named it. */
  named: boolean;
  /** Its key words as its papers write them, best first. */
  keywords: string[];
  /** Its papers (the profile's own and liked ones), by id. */
  paperIds: number[];
}

/** What ranking for the topics needs besides them: each paper's features, and the statistics they were found with. */
export interface TopicsFound {
  topics: ProfileTopic[];
  features: Map<number, DocFeatures>;
  statistics: BackgroundStatistics;
  index: FeatureIndex;
}

const KEYWORDS = 5;
const NAME_WORDS = 3;

/** Papers a ranker is given, and what each is to the researcher (the kinds reasons name). */
export interface RankerInputs {
  papers: { id: number; kind: 'yours' | 'liked' }[];
  rated: { id: number; kind: 'liked' | 'disliked' }[];
}

/**
 * How some of a profile's papers (a topic's, or all of them) and its dislikes are given to a
 * ranker: the researcher's own papers make it, and liked papers and disliked ones are ratings
 * (engine/rating-preference.ts); with none of their own among them, the liked papers make it
 * (a profile started from ratings).
 */
export function rankerInputs(profile: Profile, paperIds: readonly number[], dislikedIds: readonly number[]): RankerInputs {
  const own = new Set(profile.paperIds);
  const ownIds = paperIds.filter((id) => own.has(id));
  const liked = paperIds.filter((id) => !own.has(id)).map((id) => ({ id, kind: 'liked' as const }));
  const disliked = dislikedIds.map((id) => ({ id, kind: 'disliked' as const }));
  if (ownIds.length === 0) return { papers: liked, rated: disliked };
  return { papers: ownIds.map((id) => ({ id, kind: 'yours' as const })), rated: [...liked, ...disliked] };
}

/** The features of what rankerInputs gives, for LibraryRanker. */
export function rankingProfile({ index, features }: TopicsFound, inputs: RankerInputs): RankingProfile {
  const featuresOf = (id: number) => features.get(id) ?? index.features(index.rowOf(id)!);
  return { papers: inputs.papers.map(({ id }) => featuresOf(id)), rated: inputs.rated.map(({ id, kind }) => ({ features: featuresOf(id), up: kind === 'liked' })) };
}

/** The profile's own and liked papers that the index has. */
function profilePaperIds(profile: Profile, index: FeatureIndex): number[] {
  const liked = Object.entries(profile.ratings).filter(([, r]) => r > 0).map(([id]) => Number(id));
  return [...new Set([...profile.paperIds, ...liked])].sort((a, b) => a - b).filter((id) => index.rowOf(id) !== undefined);
}

/**
 * The topics last found for a few profiles of each library, with the change stamp they were found
 * at: a profile's topics change only with its papers, its ratings or the library's contents, and
 * finding them is a tenth of a ranking's work.
 */
const found = new WeakMap<PaperStore, Map<string, { stamp: string; topics: TopicsFound }>>();
const REMEMBERED_PROFILES = 16;

export function findTopics(library: PaperStore, profile: Profile): TopicsFound {
  const index = libraryFeatures(library);
  const stamp = library.changeStamp();
  const key = JSON.stringify([profile.id, profile.paperIds, profile.ratings]);
  const remembered = found.get(library) ?? new Map<string, { stamp: string; topics: TopicsFound }>();
  found.set(library, remembered);
  const known = remembered.get(key);
  if (known && known.stamp === stamp && known.topics.index === index) return known.topics;
  const topics = groupTopics(library, profile, index);
  remembered.delete(key);
  remembered.set(key, { stamp, topics });
  if (remembered.size > REMEMBERED_PROFILES) remembered.delete(remembered.keys().next().value!);
  return topics;
}

function groupTopics(library: PaperStore, profile: Profile, index: FeatureIndex): TopicsFound {
  const background = shippedBackground();
  const statistics = backgroundWithEvidence(background.model, [index]);
  const ids = profilePaperIds(profile, index);
  const features = new Map(ids.map((id) => [id, index.features(index.rowOf(id)!)]));
  const papers = ids.map((id) => features.get(id)!);
  const scores = pairScores(papers, background.reference, statistics, index.dimensions);
  const position = new Map(ids.map((id, i) => [id, i]));
  // Stored topics first, with the papers the researcher put there; every other paper joins the
  // stored topic it is closest to, if close enough, and the rest are grouped among themselves.
  const stored = library.storedTopics(profile).map((topic) => ({ ...topic, members: topic.paperIds.flatMap((id) => (position.has(id) ? [position.get(id)!] : [])) }));
  const kept = stored.filter((topic) => topic.members.length > 0);
  const placed = new Set(kept.flatMap((topic) => topic.members));
  const loose: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (placed.has(i)) continue;
    const joined = closestGroup(scores, ids.length, i, kept.map((topic) => topic.members));
    if (joined === undefined) loose.push(i);
    else kept[joined].members.push(i);
  }
  const found = groupByLinkage(scores, ids.length, undefined, loose.map((i) => [i]));
  const texts = new Map(library.papersById(ids).map((paper) => [paper.id, paper as TextDoc]));
  const describe = (members: number[], key: string, name: string | null): ProfileTopic => {
    const paperIds = members.map((i) => ids[i]).sort((a, b) => a - b);
    const forms = paperIds.map((id) => writtenForms(docFields(texts.get(id)!)));
    const keywords = topicKeywords(paperIds.map((id) => features.get(id)!), statistics, DEFAULT_V2.mu, KEYWORDS).map((stem) => surfaceOf(stem, ...forms) ?? stem);
    return { key, name: name ?? keywords.slice(0, NAME_WORDS).join(', '), named: name !== null, keywords, paperIds };
  };
  const topics = [
    ...kept.map((topic) => describe(topic.members, `t${topic.id}`, topic.name)),
    ...found.map((members) => describe(members, `a${ids[members[0]]}`, null)),
  ].sort((a, b) => b.paperIds.length - a.paperIds.length || a.paperIds[0] - b.paperIds[0]);
  return { topics, features, statistics, index };
}

export function profileTopics(library: PaperStore, profile: Profile): ProfileTopic[] {
  return findTopics(library, profile).topics;
}

function topicOf(topics: readonly ProfileTopic[], key: string): ProfileTopic {
  const topic = topics.find((t) => t.key === key);
  if (!topic) throw new NotFoundError(`no topic "${key}" in this profile (its topics: ${topics.map((t) => t.key).join(', ')})`, 'topic');
  return topic;
}

/** Keeps the grouping as it now is, with the researcher's names, for the profile's own papers. */
function keep(library: PaperStore, profile: Profile, topics: readonly ProfileTopic[]): ProfileTopic[] {
  const own = new Set(profile.paperIds);
  library.replaceTopics(
    profile,
    topics.map((topic) => ({ name: topic.named ? topic.name : null, paperIds: topic.paperIds.filter((id) => own.has(id)) })),
  );
  return profileTopics(library, profile);
}

export function renameTopic(library: PaperStore, profile: Profile, key: string, name: string): ProfileTopic[] {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('a topic needs a name', 'name');
  const topics = profileTopics(library, profile);
  const topic = topicOf(topics, key);
  return keep(library, profile, topics.map((t) => (t === topic ? { ...t, name: trimmed, named: true } : t)));
}

/** Moves the papers of `from` into `into`, which keeps its name. */
export function mergeTopics(library: PaperStore, profile: Profile, into: string, from: string): ProfileTopic[] {
  const topics = profileTopics(library, profile);
  const target = topicOf(topics, into);
  const source = topicOf(topics, from);
  if (target === source) throw new InputError('a topic cannot be merged into itself', 'topic');
  return keep(
    library,
    profile,
    topics.filter((t) => t !== source).map((t) => (t === target ? { ...t, paperIds: [...t.paperIds, ...source.paperIds] } : t)),
  );
}

/** Splits a topic in two: its papers grouped by the same linkage, down to two groups. */
export function splitTopic(library: PaperStore, profile: Profile, key: string): ProfileTopic[] {
  const found = findTopics(library, profile);
  const topic = topicOf(found.topics, key);
  if (topic.paperIds.length < 2) throw new InputError('a topic of one paper cannot be split', 'topic');
  const papers = topic.paperIds.map((id) => found.features.get(id)!);
  const scores = pairScores(papers, shippedBackground().reference, found.statistics, found.index.dimensions);
  const [first, ...rest] = groupByLinkage(scores, papers.length, -Infinity, undefined, 2);
  const part = (members: number[]) => members.map((i) => topic.paperIds[i]);
  const second = { key: '', name: '', named: false, keywords: [], paperIds: part(rest.flat()) };
  return keep(library, profile, [...found.topics.map((t) => (t === topic ? { ...t, paperIds: part(first) } : t)), second]);
}

/** Moves one of the profile's own papers to a topic, or (`into` undefined) to a topic of its own. */
export function moveToTopic(library: PaperStore, profile: Profile, paperId: number, into: string | undefined): ProfileTopic[] {
  if (!profile.paperIds.includes(paperId)) throw new NotFoundError(`paper ${paperId} is not one of the profile's own papers`, 'paper');
  const topics = profileTopics(library, profile).map((t) => ({ ...t, paperIds: t.paperIds.filter((id) => id !== paperId) }));
  const target = into === undefined ? undefined : topicOf(topics, into);
  const moved = topics.map((t) => (t === target ? { ...t, paperIds: [...t.paperIds, paperId] } : t)).filter((t) => t.paperIds.length > 0);
  if (!target) moved.push({ key: '', name: '', named: false, keywords: [], paperIds: [paperId] });
  return keep(library, profile, moved);
}
