// A profile's digest: the papers that arrived in the library since its last digest (from any
// listing or fetch), ranked for it with reasons, each work once. Arrival is told by paper ids,
// which the library gives in order and never again (papers_given), not by revisions: a
// revision changes whenever a paper's words do (a later listing brings its abstract), and an
// old paper reworded has not arrived. The same paper from several listings is one row already
// (de-duplication); its other versions (arXiv and conference, linked as possible duplicates)
// are folded here: a version of a paper shown before is not shown, and versions arriving
// together are shown once, as the best-ranked of them.
import type { Paper, Profile } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { StoredDigest } from '../library/digests.ts';
import { recommend, type Match, type Reason } from './recommend.ts';
import { libraryFeatures } from './library-features.ts';
import { InputError, NotFoundError } from './errors.ts';

/** What a digest was made for: a file (md, html, atom) or an API client (json). */
export type DigestFormat = 'md' | 'html' | 'atom' | 'json';

export interface DigestEntry {
  paper: Paper;
  /** 1-based place in the digest's ranking. */
  rank: number;
  score: number;
  match: Match;
  reasons: Reason[];
  /** The profile topic whose ranking placed it, when the profile has several. */
  topic?: { key: string; name: string };
  /** Other versions of the paper that arrived with it, folded into it. */
  versions: number[];
}

export interface Digest {
  /** Its id once recorded; none for a preview. */
  id?: number;
  profile: string;
  createdAt: string;
  /** The papers it considered: after paper `afterPaperId` (none: from the first), or first listed on or after `sinceDate`. */
  afterPaperId?: number;
  sinceDate?: string;
  /** The largest paper id when it was made: the next digest starts after it. */
  lastPaperId: number;
  /** Papers new in that span. */
  candidates: number;
  /** Of them, papers (or versions of papers) an earlier digest showed. */
  alreadyShown: number;
  /** The ranked papers, best first; with several topics, `groups` holds them by topic. */
  entries: DigestEntry[];
  /** The entries by topic, topics in the order of their best entry; one group without a topic when the profile has one topic. */
  groups: { topic?: { key: string; name: string }; entries: DigestEntry[] }[];
}

export interface DigestOptions {
  /** `last` (the default): since the profile's last digest; or an ISO date (`2026-05-01`) or date-time with its zone. */
  since?: string;
  /** At most this many papers; 20 by default. */
  limit?: number;
  now?: Date;
  /** False: a preview, which records nothing (so the papers stay new). */
  record?: boolean;
  format?: DigestFormat;
}

export const DEFAULT_DIGEST_LIMIT = 20;

/** A feed holds the papers of this many latest digests: a week and more of daily ones. */
export const FEED_DIGESTS = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * What `since` asks for: undefined for `last`, else the instant of an ISO date (a UTC day) or
 * date-time with its zone, as listings are stamped; an InputError for anything else.
 */
export function sinceInstant(since: string): string | undefined {
  if (since === 'last') return undefined;
  const time = new Date(since);
  // Date rolls 2026-02-30 over into March: a real day reads back as itself.
  const real = DATE.test(since) ? !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 10) === since : DATE_TIME.test(since) && !Number.isNaN(time.getTime());
  if (!real) throw new InputError('since must be "last" or an ISO date such as 2026-05-01 (or a date-time with its zone, 2026-05-01T08:00Z)', 'since');
  return time.toISOString();
}

/** Version links as neighbours of each paper. */
function neighbours(pairs: readonly [number, number][]): Map<number, number[]> {
  const links = new Map<number, number[]>();
  for (const [a, b] of pairs) {
    links.set(a, [...(links.get(a) ?? []), b]);
    links.set(b, [...(links.get(b) ?? []), a]);
  }
  return links;
}

/** The entries by topic, topics in the order of their best entry. */
function groupsOf(entries: readonly DigestEntry[]): Digest['groups'] {
  if (!entries.some((entry) => entry.topic)) return entries.length > 0 ? [{ entries: [...entries] }] : [];
  const groups = new Map<string, Digest['groups'][number]>();
  for (const entry of entries) {
    const key = entry.topic?.key ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ...(entry.topic ? { topic: entry.topic } : {}), entries: [] }));
    group.entries.push(entry);
  }
  return [...groups.values()];
}

/** What a digest stores of an entry besides the paper: the paper is read anew when shown again. */
type StoredEntry = Pick<DigestEntry, 'score' | 'match' | 'reasons' | 'topic' | 'versions'>;

/**
 * Makes the profile's digest and, unless `record` is false, records what it showed, in the same
 * transaction that read the new papers, so a digest made at the same time by another process
 * cannot show them too, and papers that arrive meanwhile wait for the next digest.
 */
export function digest(library: PaperStore, profileName: string, options: DigestOptions = {}): Digest {
  const sinceDate = sinceInstant(options.since ?? 'last');
  const limit = options.limit ?? DEFAULT_DIGEST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError('limit must be a whole number of at least 1', 'limit');
  const createdAt = (options.now ?? new Date()).toISOString();
  // Indexing new papers may take a while after a large fetch: done before the write lock is taken.
  libraryFeatures(library);
  const make = () => {
    const profile = library.profile(profileName);
    if (!profile) throw new NotFoundError(`no profile named "${profileName}"`, 'profile');
    return makeDigest(library, profile, sinceDate, limit, createdAt, options.record === false ? undefined : (options.format ?? 'json'));
  };
  return options.record === false ? make() : library.write(make);
}

function makeDigest(library: PaperStore, profile: Profile, sinceDate: string | undefined, limit: number, createdAt: string, format: DigestFormat | undefined): Digest {
  const lastPaperId = library.lastPaperId();
  const afterPaperId = sinceDate ? undefined : library.digests(profile)[0]?.lastPaperId;
  const arrived = sinceDate ? library.paperIdsListedSince(sinceDate, lastPaperId) : library.paperIdsBetween(afterPaperId ?? 0, lastPaperId);
  const links = neighbours(library.versionPairs(arrived));
  // Seen: shown before, or a version of a seen paper (versions of versions too), each noted with the seen paper it folds into.
  const linked = [...new Set([...arrived, ...links.keys()])];
  const seen = library.seenInDigests(profile, linked);
  const foldedInto = new Map<number, number | null>([...seen].map((id) => [id, null]));
  const queue = [...seen];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const other of links.get(id) ?? []) {
      if (foldedInto.has(other)) continue;
      foldedInto.set(other, seen.has(id) ? id : (foldedInto.get(id) ?? id));
      queue.push(other);
    }
  }
  const fresh = arrived.filter((id) => !foldedInto.has(id));
  const freshSet = new Set(fresh);
  // Each pair of versions among the fresh papers drops one of them: ranking this many more still fills the limit.
  const foldable = fresh.reduce((n, id) => n + (links.get(id) ?? []).filter((other) => freshSet.has(other) && other > id).length, 0);
  const result = recommend(library, profile, { paperIds: fresh }, limit + foldable);
  const grouped = result.topics.length > 1;
  const topicName = new Map(result.topics.map((topic) => [topic.key, topic.name]));
  const entries: DigestEntry[] = [];
  const foldedHere = new Map<number, number>();
  for (const rec of result.recommendations) {
    if (foldedHere.has(rec.paper.id) || entries.length === limit) continue;
    const versions = (links.get(rec.paper.id) ?? []).filter((other) => freshSet.has(other) && !foldedHere.has(other)).sort((a, b) => a - b);
    for (const other of versions) foldedHere.set(other, rec.paper.id);
    const topic = grouped && rec.topic !== undefined ? { key: rec.topic, name: topicName.get(rec.topic)! } : undefined;
    entries.push({ paper: rec.paper, rank: entries.length + 1, score: rec.score, match: rec.match, reasons: rec.reasons, ...(topic ? { topic } : {}), versions });
  }
  const alreadyShown = arrived.filter((id) => foldedInto.has(id)).length;
  const shown: Digest = {
    profile: profile.name,
    createdAt,
    ...(afterPaperId === undefined ? {} : { afterPaperId }),
    ...(sinceDate ? { sinceDate } : {}),
    lastPaperId,
    candidates: arrived.length,
    alreadyShown,
    entries,
    groups: groupsOf(entries),
  };
  if (!format) return shown;
  const stored = (entry: DigestEntry): StoredEntry => ({ score: entry.score, match: entry.match, reasons: entry.reasons, ...(entry.topic ? { topic: entry.topic } : {}), versions: entry.versions });
  const id = library.recordDigest({
    profileId: profile.id,
    createdAt,
    afterPaperId: afterPaperId ?? null,
    sinceDate: sinceDate ?? null,
    lastPaperId,
    format,
    candidates: arrived.length,
    alreadyShown,
    papers: [
      ...entries.map((entry) => ({ paperId: entry.paper.id, rank: entry.rank, foldedInto: null, entry: JSON.stringify(stored(entry)) })),
      ...[...foldedHere].map(([paperId, into]) => ({ paperId, rank: null, foldedInto: into, entry: null })),
      // Versions of papers shown before, so that a later version of them is folded too.
      ...arrived.filter((id) => foldedInto.has(id) && !seen.has(id)).map((paperId) => ({ paperId, rank: null, foldedInto: foldedInto.get(paperId) ?? null, entry: null })),
    ],
  });
  return { id, ...shown };
}

/** A recorded digest as it was shown, its papers read anew (a paper deleted since is left out). */
function storedDigest(library: PaperStore, profile: Profile, stored: StoredDigest): Digest {
  const rows = library.digestPapers(stored.id).filter((row) => row.rank !== null && row.entry !== null);
  const papers = new Map(library.papersById(rows.map((row) => row.paperId)).map((paper) => [paper.id, paper]));
  const entries = rows.flatMap((row): DigestEntry[] => {
    const paper = papers.get(row.paperId);
    return paper ? [{ paper, rank: row.rank!, ...(JSON.parse(row.entry!) as StoredEntry) }] : [];
  });
  return {
    id: stored.id,
    profile: profile.name,
    createdAt: stored.createdAt,
    ...(stored.afterPaperId === null ? {} : { afterPaperId: stored.afterPaperId }),
    ...(stored.sinceDate === null ? {} : { sinceDate: stored.sinceDate }),
    lastPaperId: stored.lastPaperId,
    candidates: stored.candidates,
    alreadyShown: stored.alreadyShown,
    entries,
    groups: groupsOf(entries),
  };
}

/** The profile's latest recorded digests, newest first (a feed shows these; reading them records nothing). */
export function latestDigests(library: PaperStore, profileName: string, count = 1): Digest[] {
  const profile = library.profile(profileName);
  if (!profile) throw new NotFoundError(`no profile named "${profileName}"`, 'profile');
  return library.digests(profile, count).map((stored) => storedDigest(library, profile, stored));
}
