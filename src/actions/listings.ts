// Listings as a person handles them: named however they remember one (a name, its start, an id,
// the file), renamed and relabelled after ingest, and removed with what no other listing holds.
import type { Listing } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { ListingChanges, ListingRemoval, Relabelled } from '../library/listings.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';

/** Listing names come from files and pages: a message shows this much of each. */
const NAME_SHOWN = 60;
const CANDIDATES_SHOWN = 5;

const shown = (name: string) => JSON.stringify(name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN - 1)}…` : name);

/**
 * The listing `ref` means: the listing of that id when it is a number (as the API names them),
 * else as a person names it (see Library.findListing). One clear error when it means none, or several.
 */
export function resolveListing(library: PaperStore, ref: string | number): Listing {
  if (typeof ref === 'number') {
    const listing = library.listingById(ref);
    if (!listing) throw new NotFoundError(`no listing with id ${ref}`, 'listing');
    return listing;
  }
  const { found, candidates } = library.findListing(ref);
  if (found) return found;
  if (candidates.length > 1) {
    const some = candidates.slice(0, CANDIDATES_SHOWN).map((listing) => `${listing.id} ${shown(listing.name)}`);
    const more = candidates.length > CANDIDATES_SHOWN ? ` and ${candidates.length - CANDIDATES_SHOWN} more` : '';
    throw new InputError(`"${ref}" starts the names of ${candidates.length} listings (${some.join(', ')}${more}): give more of the name, or the id`, 'listing');
  }
  throw new NotFoundError(`no listing named "${ref}"`, 'listing');
}

/** The longest name or label a listing takes, as the API's fields do. */
const MAX_LABEL = 200;

function label(value: string | undefined, field: string): string | null | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new InputError(`the ${field} may not hold control characters`, field);
  if (text.length > MAX_LABEL) throw new InputError(`the ${field} is ${text.length} characters long, over ${MAX_LABEL}`, field);
  return text === '' ? null : text;
}

/** What to change, as a person gives it: text (empty clears a label) and a year. */
export interface ListingEdit {
  name?: string;
  venue?: string;
  year?: number | null;
  session?: string;
  room?: string;
}

/**
 * Renames and relabels a listing; its papers that carry its old venue, year or session (or
 * none) take the new one (see library/listings.ts changeListing).
 */
export function editListing(library: PaperStore, ref: string | number, edit: ListingEdit): { listing: Listing; relabelled: Relabelled } {
  const changes: ListingChanges = {
    name: label(edit.name, 'name') ?? undefined,
    venue: label(edit.venue, 'venue'),
    session: label(edit.session, 'session'),
    room: label(edit.room, 'room'),
    year: edit.year,
  };
  if (edit.name !== undefined && changes.name === undefined) throw new InputError('a listing needs a name: the new name is empty', 'name');
  if (changes.year != null && !(Number.isInteger(changes.year) && changes.year >= 1000 && changes.year <= 9999)) {
    throw new InputError(`the year must be a four-digit year, not ${changes.year}`, 'year');
  }
  if (Object.values(changes).every((value) => value === undefined)) throw new InputError('nothing to change: give a new name, venue, year, session or room', 'listing');
  return library.write(() => {
    const listing = resolveListing(library, ref);
    const changed = library.changeListing(listing, changes);
    if (!changed) throw new ConflictError(`a listing named ${shown(changes.name!)} exists already`, 'name');
    return changed;
  });
}

/**
 * Removes a listing. A paper another listing also holds stays; a paper no other listing holds
 * is deleted, with its ratings and its place among a profile's own papers: a library holds the
 * papers of its listings. With `dryRun`, says what removing would do and changes nothing.
 */
export function removeListing(library: PaperStore, ref: string | number, options: { dryRun?: boolean } = {}): ListingRemoval {
  return library.write(() => {
    const listing = resolveListing(library, ref);
    return options.dryRun ? library.listingRemoval(listing) : library.removeListing(listing);
  });
}
