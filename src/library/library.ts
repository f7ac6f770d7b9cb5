// The library: one SQLite file holding listings, papers, their provenance, profiles and
// cached models. Front ends open one Library and call these methods; they never write SQL.
import fs from 'node:fs';
import path from 'node:path';
import type { Listing, Paper, ParsedListing, Profile, Source, SourceKind, SourceParams, TextDoc, Validators } from '../types.ts';
import { changeStamp, openDatabase, defaultLibraryPath, type Db } from './database.ts';
import { Ingester, type IngestOutcome, type ListingLabels } from './ingest.ts';
import {
  allListings,
  changeListing,
  findListingByHash,
  findListingByName,
  getListing,
  listingRemoval,
  listingsNamedLike,
  removeListing,
  type ListingChanges,
  type ListingRemoval,
  type Relabelled,
} from './listings.ts';
import { allPaperIds, allTextDocs, matchingPaperIds, revisionState, textDocsChangedSince, getPaper, getPapers, listPapers, possibleDuplicates, type PageOptions, type PaperFilter, type PossibleDuplicate } from './papers.ts';
import { Searcher, type RankingStore, type SearchResult } from './search.ts';
import { contentFingerprint, fingerprintPapers, getModel, putModel } from './models.ts';
import * as profiles from './profiles.ts';
import * as topics from './topics.ts';
import * as sources from './sources.ts';
import * as digests from './digests.ts';
import * as collections from './collections.ts';
import * as map from './map.ts';
import { authorIdentities, type AuthorIdentity } from './author-identities.ts';
import { FileError, hashText, readListingFile } from './files.ts';
import { ImportError } from '../importers/importer.ts';
import type { ReadListing } from './listing-reader.ts';
import { beginWrite, LibraryBusyError, writeTransaction, type WriteWait } from './write-lock.ts';
import type { PaperStore } from './store.ts';

export interface LibraryStats {
  papers: number;
  withAbstract: number;
  listings: number;
  authors: number;
  possibleDuplicates: number;
  venues: { venue: string; papers: number }[];
  bytes: number;
}

export interface OpenOptions {
  /** Where to keep search rankings while the library is unchanged (see Searcher); nowhere by default. */
  rankings?: RankingStore;
  /** How writes wait while another connection writes; five seconds, silently, by default. */
  writeWait?: WriteWait;
}

const DEFAULT_WRITE_WAIT: WriteWait = { patienceMs: 5000 };

/**
 * A listing to store: parsed from `text` (an upload, pasted text), or read from a file by
 * `readListing` (listing-reader.ts), which parsed and hashed it. The same text again is the
 * same listing, and adds nothing.
 */
export type ListingToStore = {
  /** The file's name, which the listing is called by; without one (pasted text) it is named by what it says of itself. */
  fileName?: string;
  /** What the person said about the listing; wins over what it says of itself. */
  labels?: ListingLabels;
} & ({ parsed: ParsedListing; text: string } | { read: ReadListing });

export class Library implements PaperStore {
  private ingester: Ingester | undefined;
  private readonly searcher: Searcher;

  private constructor(
    /** For tests and benchmarks that look at the store itself; front ends and use cases never do. */
    readonly db: Db,
    readonly file: string,
    private readonly writeWait: WriteWait,
    options: OpenOptions,
  ) {
    this.searcher = new Searcher(db, options.rankings);
  }

  static open(file: string = defaultLibraryPath(), options: OpenOptions = {}): Library {
    const writeWait = options.writeWait ?? DEFAULT_WRITE_WAIT;
    return new Library(openDatabase(file, writeWait), file, writeWait, options);
  }

  /** Runs `write` as one transaction holding the write lock (a savepoint inside a write group). */
  write<T>(write: () => T): T {
    return writeTransaction(this.db, this.file, this.writeWait, write);
  }

  /**
   * Starts a group of writes committed together by `commitWriteGroup`: many small listings
   * committed one by one made SQLite write and sync the same index pages hundreds of times.
   * Each `write` inside the group is still all or nothing on its own.
   */
  openWriteGroup(): void {
    if (!this.db.inTransaction) beginWrite(this.db, this.file, this.writeWait);
  }

  commitWriteGroup(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** Runs these reads on one snapshot of the library: nothing another connection commits meanwhile shows in part. */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  /** Gives this connection's page cache `kib` until the returned function is called, for a long batch of writes. */
  enlargePageCache(kib: number): () => void {
    const before = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = -${kib}`);
    return () => this.db.pragma(`cache_size = ${before}`);
  }

  close(): void {
    this.db.close();
  }

  /** Stores a listing, all of it or nothing (see actions/ingest.ts for reading and parsing files). */
  addListing(listing: ListingToStore): IngestOutcome {
    const { parsed, hash, abstractPairs } = 'read' in listing ? listing.read : { parsed: listing.parsed, hash: hashText(listing.text), abstractPairs: undefined };
    this.ingester ??= new Ingester(this.db);
    const ingester = this.ingester;
    return this.write(() => ingester.ingest(parsed, listing.fileName, hash, listing.labels, abstractPairs));
  }

  /**
   * What `addListing` would do (new, merged and version-linked papers), without writing
   * anything: the same ingest runs inside a transaction that is then rolled back.
   */
  previewListing(listing: ListingToStore): IngestOutcome {
    const rollback = new Error('preview only');
    let outcome: IngestOutcome | undefined;
    try {
      this.write(() => {
        outcome = this.addListing(listing);
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    } finally {
      // The ingester's in-memory version index saw the rolled-back papers.
      this.ingester = undefined;
    }
    return outcome!;
  }

  listings(): Listing[] {
    return allListings(this.db);
  }

  listing(name: string): Listing | undefined {
    return findListingByName(this.db, name);
  }

  listingById(id: number): Listing | undefined {
    return getListing(this.db, id);
  }

  /**
   * The listing a person means by `ref`: its name; its id; the file it was read from (the same
   * content, or a file of its name); or the start of its name, when only one listing's name
   * starts so (case aside). `candidates` are the listings a prefix fits when it fits several.
   */
  findListing(ref: string): { found?: Listing; candidates: Listing[] } {
    const byName = findListingByName(this.db, ref);
    if (byName) return { found: byName, candidates: [] };
    const byId = /^\d{1,15}$/.test(ref) ? getListing(this.db, Number(ref)) : undefined;
    if (byId) return { found: byId, candidates: [] };
    const file = path.basename(ref);
    if (file !== ref) {
      const byContent = fileHash(ref);
      const byFile = (byContent && findListingByHash(this.db, byContent)) || findListingByName(this.db, file);
      if (byFile) return { found: byFile, candidates: [] };
    }
    const like = listingsNamedLike(this.db, ref);
    return like.length === 1 ? { found: like[0], candidates: [] } : { candidates: like };
  }

  /** Renames and relabels a listing (see listings.ts changeListing); false when another listing has the new name. */
  changeListing(listing: Listing, changes: ListingChanges): { listing: Listing; relabelled: Relabelled } | false {
    return this.write(() => {
      const named = changes.name === undefined ? undefined : findListingByName(this.db, changes.name);
      if (named && named.id !== listing.id) return false;
      const relabelled = changeListing(this.db, listing, changes);
      return { listing: getListing(this.db, listing.id)!, relabelled };
    });
  }

  /** What removing a listing would delete, changing nothing. */
  listingRemoval(listing: Listing): ListingRemoval {
    const { listing: found, papers, deleted, profiles } = listingRemoval(this.db, listing);
    return { listing: found, papers, deleted, profiles };
  }

  /** Removes a listing and deletes the papers no other listing holds, with their ratings and places in profiles. */
  removeListing(listing: Listing): ListingRemoval {
    return this.write(() => removeListing(this.db, listing));
  }

  paper(id: number): Paper | undefined {
    return getPaper(this.db, id);
  }

  papersById(ids: readonly number[]): Paper[] {
    return getPapers(this.db, ids);
  }

  papers(filter: PaperFilter = {}, page: PageOptions = {}): { total: number; papers: Paper[] } {
    return listPapers(this.db, filter, page);
  }

  possibleDuplicates(id: number): PossibleDuplicate[] {
    return possibleDuplicates(this.db, id);
  }

  search(query: string, filter: PaperFilter = {}, page: PageOptions = {}): SearchResult {
    return this.searcher.search(query, filter, page);
  }

  /** The ids of one page of search results, best first: `search` without the reading. */
  searchIds(query: string, filter: PaperFilter = {}, page: PageOptions = {}): number[] {
    return this.searcher.rankedIds(query, filter, page);
  }

  textDocs(): TextDoc[] {
    return allTextDocs(this.db);
  }

  /** Changes with every commit to the library, by any connection: a cheap test whether anything may have changed. */
  changeStamp(): string {
    return changeStamp(this.db);
  }

  /** The last revision of the papers' words, how many papers there are, and how many changed after `since` (see textsChangedSince). */
  revisionState(since = 0): { revision: number; papers: number; changed: number } {
    return revisionState(this.db, since);
  }

  /** Up to `limit` of the papers added or reworded after `revision`, in the order they changed, each with its revision. */
  textsChangedSince(revision: number, limit = Infinity): (TextDoc & { revision: number })[] {
    return textDocsChangedSince(this.db, revision, Number.isFinite(limit) ? limit : -1);
  }

  allPaperIds(): number[] {
    return allPaperIds(this.db);
  }

  /** A model an engine keeps up to date itself (see saveModel), and what it was made from, in the engine's words. */
  savedModel(name: string): { fingerprint: string; data: Buffer } | undefined {
    return getModel(this.db, name);
  }

  /**
   * Keeps a model for the next use; false when another writer holds the library: a model can
   * be saved another time, so a reader never waits for an ingest to save one.
   */
  saveModel(name: string, fingerprint: string, data: Buffer): boolean {
    return this.writeIfFree(() => putModel(this.db, name, fingerprint, data));
  }

  /** A write of something derived, which can wait for another time: false when another writer holds the library. */
  private writeIfFree(write: () => void): boolean {
    try {
      writeTransaction(this.db, this.file, { patienceMs: 0 }, write);
      return true;
    } catch (error) {
      if (error instanceof LibraryBusyError) return false;
      throw error;
    }
  }

  /** The library map's layout, if it has been laid out (see actions/library-map.ts). */
  mapLayoutInfo(): map.MapLayoutInfo | undefined {
    return map.mapLayoutInfo(this.db);
  }

  mapPoints(): map.MapPoints {
    return map.mapPoints(this.db);
  }

  labelledMapPoints(): { points: map.MapPoints; labels: map.MapPointLabels } {
    return map.labelledMapPoints(this.db);
  }

  mapRegions(): map.MapRegionRecord[] {
    return map.mapRegions(this.db);
  }

  mapVersion(): number {
    return map.mapVersion(this.db);
  }

  currentMapReading(): map.MapReadingRow | undefined {
    return map.currentMapReading(this.db);
  }

  /** False when another writer holds the library: the next reader reads the map again. */
  keepMapReading(reading: map.MapReadingRow): boolean {
    return this.writeIfFree(() => map.keepMapReading(this.db, reading));
  }

  /** Replaces the map; false when another writer holds the library (the map is laid out again another time). */
  replaceMap(info: map.MapLayoutInfo, points: map.MapPoints, regions: readonly Omit<map.MapRegionRecord, 'id'>[]): boolean {
    return this.writeIfFree(() => map.replaceMap(this.db, info, points, regions));
  }

  /** Adds points placed since the map was laid out; false when another writer holds the library. */
  addMapPoints(points: map.MapPoints): boolean {
    return this.writeIfFree(() => map.addMapPoints(this.db, points));
  }

  /** Ids of the papers matching a filter, in the order `papers` lists them. */
  paperIds(filter: PaperFilter): number[] {
    return matchingPaperIds(this.db, filter);
  }

  /**
   * A cached model of the library's contents, built and stored on first use. By default any
   * change rebuilds it; `tolerance` lets a model built from at least (1 - tolerance) of today's
   * papers stand, for models whose statistics a few more papers barely move.
   */
  model(name: string, build: (docs: TextDoc[]) => Buffer, tolerance = 0): Buffer {
    const fingerprint = contentFingerprint(this.db);
    const cached = getModel(this.db, name);
    const fresh =
      cached &&
      (cached.fingerprint === fingerprint || (tolerance > 0 && fingerprintPapers(cached.fingerprint) >= (1 - tolerance) * fingerprintPapers(fingerprint)));
    if (fresh) return cached.data;
    const data = build(this.textDocs());
    // Kept for the next use only if stored: this use has the model either way.
    this.saveModel(name, fingerprint, data);
    return data;
  }

  profile(name: string): Profile | undefined {
    return profiles.getProfile(this.db, name);
  }

  profileNames(): string[] {
    return profiles.profileNames(this.db);
  }

  /** Creates a profile; false when one of that name exists. */
  createProfile(name: string): boolean {
    return this.write(() => {
      if (profiles.getProfile(this.db, name)) return false;
      profiles.createProfile(this.db, name);
      return true;
    });
  }

  deleteProfile(name: string): boolean {
    return this.write(() => profiles.deleteProfile(this.db, name));
  }

  /** Makes the papers of these listings the profile's own; returns how many were new to it. */
  addListingsToProfile(profile: Profile, listingIds: readonly number[]): number {
    return this.write(() => {
      const paperIds = listingIds.flatMap((id) => profiles.paperIdsOfListing(this.db, id));
      return profiles.addProfilePapers(this.db, profile.id, paperIds, 'file');
    });
  }

  /** The people a name may be in the library: its papers grouped by shared co-authors (see author-identities.ts). */
  authorIdentities(name: string): AuthorIdentity[] {
    return authorIdentities(this.db, name);
  }

  /** Makes papers the researcher picked by their name (see authorIdentities) the profile's own; returns how many were new to it. */
  addAuthorPapersToProfile(profile: Profile, paperIds: readonly number[]): number {
    return this.write(() => profiles.addProfilePapers(this.db, profile.id, paperIds, 'author'));
  }

  /** The profile's stored topics (see actions/topics.ts for the topics it has). */
  storedTopics(profile: Profile): topics.StoredTopic[] {
    return topics.storedTopics(this.db, profile.id);
  }

  replaceTopics(profile: Profile, grouping: readonly { name: string | null; paperIds: readonly number[] }[]): void {
    this.write(() => topics.replaceTopics(this.db, profile.id, grouping));
  }

  /** The researcher's own titles for their papers, by paper id. */
  profilePaperTitles(profile: Profile): Map<number, string> {
    return topics.profilePaperTitles(this.db, profile.id);
  }

  setProfilePaperTitle(profile: Profile, paperId: number, title: string | null): boolean {
    return this.write(() => topics.setProfilePaperTitle(this.db, profile.id, paperId, title));
  }

  sources(): Source[] {
    return sources.allSources(this.db);
  }

  source(name: string): Source | undefined {
    return sources.getSource(this.db, name);
  }

  /** Adds a source for `fetch`; false when one of that name exists. */
  addSource(name: string, kind: SourceKind, params: SourceParams, createdAt: string): boolean {
    return this.write(() => sources.addSource(this.db, name, kind, params, createdAt));
  }

  /** Removes a source; the listings its fetches made stay. */
  removeSource(name: string): boolean {
    return this.write(() => sources.removeSource(this.db, name));
  }

  /** The ETag and Last-Modified each of the source's URLs last answered with. */
  sourceValidators(name: string): Record<string, Validators> {
    return sources.sourceValidators(this.db, name);
  }

  /** Records what a fetch of a source did (inside `write` with the listing it made, if any). */
  recordFetch(name: string, record: sources.FetchRecord): void {
    this.write(() => sources.recordFetch(this.db, name, record));
  }

  /** Records a rating (1 up, -1 down, 0 to forget it). */
  rate(profile: Profile, paperId: number, rating: 1 | -1 | 0): void {
    this.write(() => profiles.rate(this.db, profile.id, paperId, rating));
  }

  /**
   * The profile's own work: each of its papers (mapped to itself) and each paper linked as a
   * possible version of one (mapped to the profile paper it is a version of). What "yours" means.
   */
  ownWork(profile: Profile): Map<number, number> {
    const work = profiles.versionsOf(this.db, profile.paperIds);
    for (const id of profile.paperIds) work.set(id, id);
    return work;
  }

  /** For papers that are possible versions of the given ones: paper id -> the given paper it is a version of. */
  versionsOf(paperIds: readonly number[]): Map<number, number> {
    return profiles.versionsOf(this.db, paperIds);
  }

  /** The profile's latest digests, newest first. */
  digests(profile: Profile, limit = 1): digests.StoredDigest[] {
    return digests.latestDigests(this.db, profile.id, limit);
  }

  /** The papers a digest showed, in its order, and those it folded into another version of them. */
  digestPapers(digestId: number): digests.DigestPaperRow[] {
    return digests.digestPapers(this.db, digestId);
  }

  /** The largest paper id now: a digest made now considers the papers up to it. */
  lastPaperId(): number {
    return digests.lastPaperId(this.db);
  }

  /** Ids of the papers that arrived after paper `after`, up to `upTo` (ids are given in arrival order). */
  paperIdsBetween(after: number, upTo: number): number[] {
    return digests.paperIdsBetween(this.db, after, upTo);
  }

  /** Ids of the papers (up to `upTo`) first listed on or after an ISO date. */
  paperIdsListedSince(date: string, upTo: number): number[] {
    return digests.paperIdsListedSince(this.db, date, upTo);
  }

  /** Of these papers, those an earlier digest of the profile showed (or folded into another version). */
  seenInDigests(profile: Profile, paperIds: readonly number[]): Set<number> {
    return digests.seenPaperIds(this.db, profile.id, paperIds);
  }

  /** Version links (see possibleDuplicates) touching any of these papers, each pair once. */
  versionPairs(paperIds: readonly number[]): [number, number][] {
    return digests.versionPairs(this.db, paperIds);
  }

  /** Records a digest; the caller holds the write lock (see `write`). */
  recordDigest(digest: digests.NewDigest): number {
    return digests.insertDigest(this.db, digest);
  }

  collections(): collections.CollectionSummary[] {
    return collections.allCollections(this.db);
  }

  collection(name: string): collections.CollectionSummary | undefined {
    return collections.getCollection(this.db, name);
  }

  /** The collection's papers in its order. */
  collectionPaperIds(name: string): number[] {
    return collections.collectionPaperIds(this.db, name);
  }

  /** Adds papers to a collection (made if new; `note` replaces its note); returns how many were new to it. */
  addToCollection(name: string, paperIds: readonly number[], note?: string): number {
    return this.write(() => collections.addCollectionPapers(this.db, name, paperIds, new Date().toISOString(), note));
  }

  /** Removes papers from a collection; returns how many it held. */
  removeFromCollection(name: string, paperIds: readonly number[]): number {
    return this.write(() => collections.removeCollectionPapers(this.db, name, paperIds));
  }

  deleteCollection(name: string): boolean {
    return this.write(() => collections.deleteCollection(this.db, name));
  }

  /** Author names in the library that start like `prefix` (any word order), with paper counts. */
  authors(prefix: string, limit = 20): { name: string; papers: number }[] {
    return profiles.authorsLike(this.db, prefix, limit);
  }

  /** Venues by number of papers, most first. */
  venues(limit = -1): { venue: string; papers: number }[] {
    return this.db
      .prepare<[number], { venue: string; papers: number }>(
        'SELECT venue, count(*) AS papers FROM papers WHERE venue IS NOT NULL GROUP BY venue COLLATE NOCASE ORDER BY papers DESC, venue LIMIT ?',
      )
      .all(limit);
  }

  stats(): LibraryStats {
    const count = (sql: string) => (this.db.prepare<[], { n: number }>(sql).get()!).n;
    return {
      papers: count('SELECT count(*) AS n FROM papers'),
      withAbstract: count('SELECT count(*) AS n FROM papers WHERE abstract IS NOT NULL'),
      listings: count('SELECT count(*) AS n FROM listings'),
      authors: count('SELECT count(DISTINCT name_key) AS n FROM paper_authors'),
      possibleDuplicates: count('SELECT count(*) AS n FROM possible_duplicates'),
      venues: this.venues(20),
      bytes: this.file === ':memory:' ? 0 : fs.statSync(this.file).size + walSize(this.file),
    };
  }
}

/** The hash a listing read from this file has, or undefined when it is no readable file. */
function fileHash(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? readListingFile(file).hash : undefined;
  } catch (error) {
    // A file that cannot be read, or is not text, is no listing's file.
    if (error instanceof FileError || error instanceof ImportError || (error as NodeJS.ErrnoException).code) return undefined;
    throw error;
  }
}

function walSize(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
