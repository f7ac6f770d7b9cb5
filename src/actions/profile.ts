// Building a profile: a researcher's own papers, from files, pasted text or their name among the
// library's authors, made or extended in one transaction: all of it, or nothing.
import path from 'node:path';
import type { FormatName, Profile } from '../types.ts';
import type { Library, ListingToStore } from '../library/library.ts';
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
}

export interface ProfileChange {
  profile: Profile;
  /** Papers new to the profile. */
  added: number;
  /** Papers the sources named, whether new to the profile or not. */
  listed: number;
}

/** Makes the profile `name` (`create`) or adds to it, from every source or, when one fails, from none. */
export function buildProfile(library: Library, name: string, sources: ProfileSources, mode: 'create' | 'extend'): ProfileChange {
  if (!sources.author && !sources.listings?.length) throw new InputError('no papers to add: name files that can be read, or an author', 'listings');
  return library.write(() => {
    if (mode === 'create' && !library.createProfile(name)) throw nameTaken(name);
    const profile = findProfile(library, name);
    let added = 0;
    let listed = 0;
    if (sources.author) {
      const byAuthor = library.addAuthorToProfile(profile, sources.author);
      if (byAuthor.found === 0) {
        const similar = library.authors(sources.author, 5).map((a) => `${a.name} (${a.papers})`);
        throw new InputError(`no papers by "${sources.author}" in the library${similar.length > 0 ? `; similar names: ${similar.join(', ')}` : ''}`, 'author');
      }
      added += byAuthor.added;
      listed += byAuthor.found;
    }
    const outcomes = (sources.listings ?? []).map((listing) => library.addListing(listing));
    added += library.addListingsToProfile(profile, outcomes.map((outcome) => outcome.listing.id));
    listed += outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0);
    return { profile: findProfile(library, name), added, listed };
  });
}

/** A front end that checks before its slow part (parsing uploads) says it in the same words. */
export const nameTaken = (name: string) => new ConflictError(`a profile named "${name}" exists already`, 'name');

export function findProfile(library: Library, name: string): Profile {
  const profile = library.profile(name);
  if (!profile) throw new NotFoundError(`no profile named "${name}"`, 'name');
  return profile;
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
