// Building a profile: a researcher's own papers, from files, pasted text or their name among the
// library's authors, made or extended in one transaction: all of it, or nothing.
import path from 'node:path';
import type { FormatName, Profile } from '../types.ts';
import type { ListingToStore } from '../library/library.ts';
import type { PaperStore } from '../library/store.ts';
import type { AuthorIdentity } from '../library/author-identities.ts';
import { expandPaths, type PathMessage } from '../library/files.ts';
import { readListing } from '../library/listing-reader.ts';
import { listingWarnings } from '../importers/records.ts';
import type { IngestFailure } from './ingest.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';

export interface ProfileSources {
  /** Listings of the researcher's papers (see `readProfileFiles` for files on disk). */
  listings?: readonly ListingToStore[];
  /** Their name, any spelling of it, among the library's authors. */
  author?: string;
  /** Which of the name's identities (numbers of `identitiesOf`) are the researcher; needed when the name has several. */
  identities?: readonly number[];
}

/** An identity of a name (see library/author-identities.ts), and how many of its papers the profile has already. */
export type IdentityOfName = AuthorIdentity & { inProfile: number };

/**
 * A name that may be several people in the library, given without saying which: nothing is
 * added. `identities` lists them, for the person to pick.
 */
export class AmbiguousAuthorError extends InputError {
  constructor(
    readonly author: string,
    readonly identities: readonly IdentityOfName[],
  ) {
    super(`"${author}" may be ${identities.length} people in the library (papers connected through shared co-authors are one): pick the ones that are you`, 'identities');
  }
}

/** The identities of a name in the library, each with how many of its papers `profile` has already. */
export function identitiesOf(library: PaperStore, author: string, profile?: Profile): IdentityOfName[] {
  const own = new Set(profile?.paperIds ?? []);
  return library.authorIdentities(author).map((identity) => ({ ...identity, inProfile: identity.paperIds.filter((id) => own.has(id)).length }));
}

/**
 * The papers of a name that are the researcher's: the identities they picked; else the only
 * one; else, when every identity holds papers the profile has already (its own files said
 * who they are), all of them. Otherwise the person must pick, and nothing is merged silently.
 */
function papersOfName(library: PaperStore, profile: Profile, author: string, picked: readonly number[] | undefined): number[] {
  const identities = identitiesOf(library, author, profile);
  if (identities.length === 0) {
    const similar = library.authors(author, 5).map((a) => `${a.name} (${a.papers})`);
    throw new InputError(`no papers by "${author}" in the library${similar.length > 0 ? `; similar names: ${similar.join(', ')}` : ''}`, 'author');
  }
  if (picked) {
    const unknown = picked.filter((number) => !identities.some((identity) => identity.number === number));
    if (unknown.length > 0) throw new InputError(`"${author}" has identities 1 to ${identities.length} in the library, not ${unknown.join(', ')}`, 'identities');
    return identities.filter((identity) => picked.includes(identity.number)).flatMap((identity) => identity.paperIds);
  }
  if (identities.length > 1 && identities.some((identity) => identity.inProfile === 0)) throw new AmbiguousAuthorError(author, identities);
  return identities.flatMap((identity) => identity.paperIds);
}

export interface ProfileChange {
  profile: Profile;
  /** Papers new to the profile. */
  added: number;
  /** Papers the sources named, whether new to the profile or not. */
  listed: number;
}

/** Makes the profile `name` (`create`) or adds to it, from every source or, when one fails, from none. */
export function buildProfile(library: PaperStore, name: string, sources: ProfileSources, mode: 'create' | 'extend'): ProfileChange {
  if (sources.identities && !sources.author) throw new InputError('identities are of a name: give the author too', 'identities');
  if (!sources.author && !sources.listings?.length) throw new InputError('no papers to add: name files that can be read, or an author', 'listings');
  return library.write(() => {
    if (mode === 'create' && !library.createProfile(name)) throw nameTaken(name);
    const profile = findProfile(library, name);
    let added = 0;
    let listed = 0;
    // Files first: the papers they make the profile's own say which identities of a name are the researcher's.
    const outcomes = (sources.listings ?? []).map((listing) => library.addListing(listing));
    added += library.addListingsToProfile(profile, outcomes.map((outcome) => outcome.listing.id));
    listed += outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0);
    if (sources.author) {
      const paperIds = papersOfName(library, findProfile(library, name), sources.author, sources.identities);
      added += library.addAuthorPapersToProfile(profile, paperIds);
      listed += paperIds.length;
    }
    return { profile: findProfile(library, name), added, listed };
  });
}

/** A front end that checks before its slow part (parsing uploads) says it in the same words. */
export const nameTaken = (name: string) => new ConflictError(`a profile named "${name}" exists already`, 'name');

export function findProfile(library: PaperStore, name: string): Profile {
  const profile = library.profile(name);
  if (!profile) throw new NotFoundError(`no profile named "${name}"`, 'name');
  return profile;
}

/** A profile paper's title as reasons name it, and whether it is the researcher's own. */
export interface ProfilePaperTitle {
  paperId: number;
  title: string;
  retitled: boolean;
}

/**
 * Gives one of the profile's own papers the researcher's title, which reasons name it by (its
 * title in the library may be a derived first sentence); null goes back to the library's title.
 */
export function retitleProfilePaper(library: PaperStore, profile: Profile, paperId: number, title: string | null): ProfilePaperTitle {
  const cleaned = title === null ? null : title.replace(/\s+/g, ' ').trim();
  if (cleaned === '') throw new InputError('a title cannot be empty', 'title');
  if (!library.setProfilePaperTitle(profile, paperId, cleaned)) throw new NotFoundError(`paper ${paperId} is not one of the profile's own papers`, 'paper');
  return { paperId, title: cleaned ?? library.paper(paperId)!.title, retitled: cleaned !== null };
}

/** Files and folders of the researcher's papers, read and parsed; the files that failed are reported apart. */
export function readProfileFiles(
  paths: readonly string[],
  options: { format?: FormatName; encoding?: string } = {},
): { listings: ListingToStore[]; files: { file: string; warnings: string[] }[]; failures: IngestFailure[]; skipped: PathMessage[] } {
  const { files, errors, warnings } = expandPaths(paths);
  const read = files.map((file) => ({ file, result: readListing(file, options) }));
  const failures: IngestFailure[] = [...errors];
  const listings: ListingToStore[] = [];
  const parsed: { file: string; warnings: string[] }[] = [];
  for (const { file, result } of read) {
    if ('failure' in result) {
      failures.push({ file, ...result.failure });
    } else {
      listings.push({ read: result.listing, fileName: path.basename(file) });
      parsed.push({ file, warnings: listingWarnings(result.listing.parsed) });
    }
  }
  return { listings, files: parsed, failures, skipped: warnings };
}
