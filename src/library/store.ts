// What the use cases (src/actions) ask of a library, and nothing else: the SQLite Library
// implements it (library.ts), and a second store (PostgreSQL for a department, docs/scale.md) is
// a new folder implementing it, with src/actions unchanged. Grouped by who owns the rows in a
// shared deployment: the papers and listings are the group's, profiles and topics a user's.
import type { Listing, Paper, Profile, Source, SourceKind, SourceParams, TextDoc, Validators } from '../types.ts';
import type { IngestOutcome } from './ingest.ts';
import type { ListingChanges, ListingRemoval, Relabelled } from './listings.ts';
import type { PageOptions, PaperFilter } from './papers.ts';
import type { SearchResult } from './search.ts';
import type { AuthorIdentity } from './author-identities.ts';
import type { StoredTopic } from './topics.ts';
import type { ListingToStore } from './library.ts';
import type { FetchRecord } from './sources.ts';
import type { DigestPaperRow, NewDigest, StoredDigest } from './digests.ts';
import type { CollectionSummary } from './collections.ts';
import type { MapLayoutInfo, MapPointLabels, MapPoints, MapReadingRow, MapRegionRecord } from './map.ts';

/** Papers and listings: shared by everyone who uses the store. */
export interface PaperCatalog {
  /** Stores a listing, all of it or nothing; the same content again adds nothing. */
  addListing(listing: ListingToStore): IngestOutcome;
  listingById(id: number): Listing | undefined;
  /** The listing a person means by a name, an id, a file or the start of a name (see Library.findListing). */
  findListing(ref: string): { found?: Listing; candidates: Listing[] };
  /** False when another listing has the new name. */
  changeListing(listing: Listing, changes: ListingChanges): { listing: Listing; relabelled: Relabelled } | false;
  listingRemoval(listing: Listing): ListingRemoval;
  removeListing(listing: Listing): ListingRemoval;

  paper(id: number): Paper | undefined;
  papersById(ids: readonly number[]): Paper[];
  papers(filter?: PaperFilter, page?: PageOptions): { total: number; papers: Paper[] };
  /** Ids of the papers matching a filter, in the order `papers` lists them. */
  paperIds(filter: PaperFilter): number[];
  allPaperIds(): number[];
  /** Full-text search, ranked: the store's own index (FTS5 here, tsvector or a BM25 extension there). */
  search(query: string, filter?: PaperFilter, page?: PageOptions): SearchResult;
  authors(prefix: string, limit?: number): { name: string; papers: number }[];
  authorIdentities(name: string): AuthorIdentity[];
  /** For papers that are possible versions of the given ones: paper id -> the given paper it is a version of. */
  versionsOf(paperIds: readonly number[]): Map<number, number>;
  listings(): Listing[];
  /** The pairs among `paperIds` and beyond them linked as possible versions of one work. */
  versionPairs(paperIds: readonly number[]): [number, number][];
  /** Ids are given in arrival order and never again, so a digest tells what arrived by them. */
  lastPaperId(): number;
  paperIdsBetween(after: number, upTo: number): number[];
  paperIdsListedSince(date: string, upTo: number): number[];
}

/** The library map: every paper's point in 2-D and the regions' names; an engine's derived rows, like a model. */
export interface MapRows {
  mapLayoutInfo(): MapLayoutInfo | undefined;
  mapPoints(): MapPoints;
  labelledMapPoints(): { points: MapPoints; labels: MapPointLabels };
  mapRegions(): MapRegionRecord[];
  /** Counts the changes to anything the map shows (its points, regions, papers' venues and years, listings). */
  mapVersion(): number;
  /** The map as its readers last kept it, if it is of the map as it is now (actions/map-reading.ts). */
  currentMapReading(): MapReadingRow | undefined;
  /** False when the store is busy: the next reader reads the map again. */
  keepMapReading(reading: MapReadingRow): boolean;
  /** False when another writer holds the store: the map is laid out again another time. */
  replaceMap(info: MapLayoutInfo, points: MapPoints, regions: readonly Omit<MapRegionRecord, 'id'>[]): boolean;
  addMapPoints(points: MapPoints): boolean;
}

/** Where `fetch` gets papers: the group's (or one user's) sources and what each last answered. */
export interface SourceRows {
  sources(): Source[];
  source(name: string): Source | undefined;
  /** False when one of that name exists. */
  addSource(name: string, kind: SourceKind, params: SourceParams, createdAt: string): boolean;
  removeSource(name: string): boolean;
  sourceValidators(name: string): Record<string, Validators>;
  recordFetch(name: string, record: FetchRecord): void;
}

/**
 * What the engine's indexes are kept up to date by: a stamp that changes with every commit, and
 * the papers' words by revision, so an index reads only what changed since it last looked.
 */
export interface ChangeFeed {
  changeStamp(): string;
  revisionState(since?: number): { revision: number; papers: number; changed: number };
  textsChangedSince(revision: number, limit?: number): (TextDoc & { revision: number })[];
  /** An engine's stored model (its feature index) and what it was made from. */
  savedModel(name: string): { fingerprint: string; data: Buffer } | undefined;
  /** False when the store is busy: a model can be saved another time. */
  saveModel(name: string, fingerprint: string, data: Buffer): boolean;
}

/** A researcher's rows: their profile, its papers, ratings and topics. */
export interface ProfileRows {
  profile(name: string): Profile | undefined;
  /** False when one of that name exists. */
  createProfile(name: string): boolean;
  addListingsToProfile(profile: Profile, listingIds: readonly number[]): number;
  addAuthorPapersToProfile(profile: Profile, paperIds: readonly number[]): number;
  /** The profile's papers and the papers linked as versions of them, each mapped to its profile paper. */
  ownWork(profile: Profile): Map<number, number>;
  storedTopics(profile: Profile): StoredTopic[];
  replaceTopics(profile: Profile, grouping: readonly { name: string | null; paperIds: readonly number[] }[]): void;
  profilePaperTitles(profile: Profile): Map<number, string>;
  /** False when the paper is not the profile's. */
  setProfilePaperTitle(profile: Profile, paperId: number, title: string | null): boolean;
  profileNames(): string[];
  /** The profile's latest digests, newest first, and what each showed. */
  digests(profile: Profile, limit?: number): StoredDigest[];
  digestPapers(digestId: number): DigestPaperRow[];
  seenInDigests(profile: Profile, paperIds: readonly number[]): Set<number>;
  recordDigest(digest: NewDigest): number;
  collections(): CollectionSummary[];
  collection(name: string): CollectionSummary | undefined;
  collectionPaperIds(name: string): number[];
  addToCollection(name: string, paperIds: readonly number[], note?: string): number;
  removeFromCollection(name: string, paperIds: readonly number[]): number;
  deleteCollection(name: string): boolean;
}

/** How reads and writes are grouped: reads on one snapshot; writes one transaction each, or many committed together. */
export interface WriteControl {
  /** Runs these reads on one snapshot: nothing committed meanwhile shows in part. */
  snapshot<T>(read: () => T): T;
  /** Runs `write` as one all-or-nothing unit. */
  write<T>(write: () => T): T;
  openWriteGroup(): void;
  commitWriteGroup(): void;
  /** More cache for a long batch of writes, until the returned function is called; a store without one returns a no-op. */
  enlargePageCache(kib: number): () => void;
}

export interface PaperStore extends PaperCatalog, ChangeFeed, MapRows, ProfileRows, SourceRows, WriteControl {}
