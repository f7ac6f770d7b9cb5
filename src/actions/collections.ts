// Collections: reading lists a researcher keeps by name ("to read after the conference"),
// filled paper by paper or from a session plan's short-list, and exported for Zotero.
import type { Paper, Profile } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { CollectionSummary } from '../library/collections.ts';
import { EXPORTERS } from '../export/index.ts';
import { InputError, NotFoundError } from './errors.ts';
import { resolveListing } from './listings.ts';
import { planSession } from './plan-session.ts';

/** What citation managers import. */
export const COLLECTION_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type CollectionFormat = (typeof COLLECTION_FORMATS)[number];

/** A short-list saved from a plan without ticks holds the papers liked and this many of the ranked ones. */
export const PLAN_SHORTLIST = 10;

const MAX_NAME = 200;
const NAME_SHOWN = 60;
const shown = (name: string) => JSON.stringify(name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN - 1)}…` : name);

function collectionName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('a collection needs a name', 'name');
  if (trimmed.length > MAX_NAME) throw new InputError(`a collection's name is at most ${MAX_NAME} characters (this one has ${trimmed.length})`, 'name');
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new InputError("a collection's name may not hold control characters", 'name');
  return trimmed;
}

function existing(library: PaperStore, name: string): CollectionSummary {
  const found = library.collection(name.trim());
  if (!found) throw new NotFoundError(`no collection named ${shown(name.trim())}`, 'collection');
  return found;
}

function knownPapers(library: PaperStore, paperIds: readonly number[]): number[] {
  if (paperIds.length === 0) throw new InputError('name at least one paper', 'paperIds');
  const known = new Set(library.papersById(paperIds).map((paper) => paper.id));
  const unknown = paperIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new NotFoundError(`no paper with id ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ''}`, 'paperIds');
  return [...new Set(paperIds)];
}

export interface CollectionChange {
  collection: CollectionSummary;
  /** Papers added to it, or removed from it. */
  changed: number;
}

/** Adds papers to the collection of that name (made if there is none); every id must be a paper's, or nothing is added. */
export function addToCollection(library: PaperStore, name: string, paperIds: readonly number[], note?: string): CollectionChange {
  const valid = collectionName(name);
  const changed = library.addToCollection(valid, knownPapers(library, paperIds), note);
  return { collection: library.collection(valid)!, changed };
}

/**
 * Saves a session plan's short-list as a collection: the papers ticked (`paperIds`, in the
 * order given, each of them the listing's), or without ticks the papers the profile liked and
 * the first `PLAN_SHORTLIST` it ranks, in the plan's order.
 */
export function saveShortlist(library: PaperStore, name: string, listingRef: string | number, from: { profile?: Profile; paperIds?: readonly number[] }): CollectionChange {
  const listing = resolveListing(library, listingRef);
  if (from.paperIds) {
    const inListing = new Set(library.paperIds({ listing: listing.name }));
    const outside = knownPapers(library, from.paperIds).filter((id) => !inListing.has(id));
    if (outside.length > 0) throw new InputError(`paper ${outside[0]} is not in the listing ${shown(listing.name)}`, 'paperIds');
    return addToCollection(library, name, from.paperIds);
  }
  if (!from.profile) throw new InputError('a short-list is picked from a plan ranked for a profile: name the profile, or the papers', 'profile');
  const picked = planSession(library, listing, from.profile).entries.filter((entry) => entry.mark === 'liked' || (entry.ranked && entry.ranked.rank <= PLAN_SHORTLIST));
  if (picked.length === 0) throw new InputError(`the plan of ${shown(listing.name)} ranks no papers to save`, 'listing');
  return addToCollection(library, name, picked.map((entry) => entry.paper.id));
}

export function removeFromCollection(library: PaperStore, name: string, paperIds: readonly number[]): CollectionChange {
  const collection = existing(library, name);
  if (paperIds.length === 0) throw new InputError('name at least one paper', 'paperIds');
  const changed = library.removeFromCollection(collection.name, paperIds);
  return { collection: library.collection(collection.name)!, changed };
}

export function showCollection(library: PaperStore, name: string): { collection: CollectionSummary; papers: Paper[] } {
  const collection = existing(library, name);
  return { collection, papers: library.papersById(library.collectionPaperIds(collection.name)) };
}

export function exportCollection(library: PaperStore, name: string, format: CollectionFormat): string {
  return EXPORTERS[format](showCollection(library, name).papers);
}

export function deleteCollection(library: PaperStore, name: string): void {
  if (!library.deleteCollection(existing(library, name).name)) throw new NotFoundError(`no collection named ${shown(name.trim())}`, 'collection');
}
