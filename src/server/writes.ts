// What the API's writes do: listings uploaded, profiles made, rated, their topics edited and
// their papers retitled. They run in the writer thread (writer.ts), whose waits for the write
// lock, parsing of uploads and finding of topics never hold up the event loop; each write is one
// transaction, all of it or nothing.
import type { ParsedListing, Profile } from '../types.ts';
import type { Library, ListingToStore } from '../library/library.ts';
import { buildProfile, nameTaken, retitleProfilePaper, type ProfileChange, type ProfileSources } from '../actions/profile.ts';
import { mergeTopics, moveToTopic, renameTopic, splitTopic, type ProfileTopic } from '../actions/topics.ts';
import { ConflictError, InputError, NotFoundError } from '../actions/errors.ts';
import type { IngestOutcome } from '../library/ingest.ts';
import { abstractListOfPasted } from '../importers/abstract-list.ts';
import { listingWarnings } from '../importers/records.ts';
import { HttpProblem, notFound } from './problems.ts';
import { parseUpload, type UploadedFile } from './uploads.ts';
import { findProfile, summary } from './profile-lookup.ts';
import { editListing, removeListing } from '../actions/listings.ts';
import { digest } from '../actions/digest.ts';
import { addToCollection, deleteCollection, removeFromCollection, saveShortlist } from '../actions/collections.ts';
import type {
  CollectionAdditions,
  CollectionChange,
  Digest,
  DigestRequest,
  ListingEdit,
  ListingEdited,
  ListingRemoval,
  ListingReport,
  ListingUpload,
  ProfileAdded,
  ProfileAdditions,
  ProfileCreate,
  ProfilePaperTitle,
  ProfileSummary,
  ProfileTopics,
  RatingValue,
  ShortlistSave,
} from './schemas.ts';

/** An edit of a profile's topics (see actions/topics.ts); topics are named by their keys. */
export type TopicEdit =
  | { op: 'rename'; key: string; name: string }
  | { op: 'merge'; into: string; from: string }
  | { op: 'split'; key: string }
  | { op: 'move'; paperId: number; into: string | null };

export type WriteRequest =
  | { kind: 'previewListing'; body: ListingUpload }
  | { kind: 'saveListing'; body: ListingUpload }
  | { kind: 'createProfile'; body: ProfileCreate }
  | { kind: 'addToProfile'; name: string; body: ProfileAdditions }
  | { kind: 'deleteProfile'; name: string }
  | { kind: 'rate'; name: string; paperId: number; rating: RatingValue }
  | { kind: 'editTopics'; name: string; edit: TopicEdit }
  | { kind: 'retitle'; name: string; paperId: number; title: string | null }
  | { kind: 'editListing'; id: number; body: ListingEdit }
  | { kind: 'removeListing'; id: number }
  | { kind: 'makeDigest'; name: string; body: DigestRequest }
  | { kind: 'addToCollection'; name: string; body: CollectionAdditions }
  | { kind: 'saveShortlist'; name: string; body: ShortlistSave }
  | { kind: 'removeFromCollection'; name: string; paperId: number }
  | { kind: 'deleteCollection'; name: string }
  | { kind: 'profileLiking'; name: string; paperIds: readonly number[] };

export type WriteResult =
  | ListingReport
  | ListingEdited
  | ListingRemoval
  | ProfileAdded
  | ProfileSummary
  | ProfileTopics
  | ProfilePaperTitle
  | Digest
  | CollectionChange
  | null;

const PREVIEW_PAPERS = 100;
const RATINGS: Record<RatingValue, 1 | -1 | 0> = { up: 1, down: -1, clear: 0 };

export function performWrite(library: Library, request: WriteRequest): WriteResult {
  try {
    return write(library, request);
  } catch (error) {
    throw asProblem(error);
  }
}

/** A use case's complaint as the API states it: the status, and the request field at fault. */
function asProblem(error: unknown): unknown {
  if (!(error instanceof InputError)) return error;
  const status = error instanceof NotFoundError ? 404 : error instanceof ConflictError ? 409 : 422;
  return new HttpProblem(status, error.message, error.about && status !== 404 ? { field: `body.${error.about}` } : {});
}

function write(library: Library, request: WriteRequest): WriteResult {
  switch (request.kind) {
    case 'previewListing':
      return uploadListing(library, request.body, false);
    case 'saveListing':
      return uploadListing(library, request.body, true);
    case 'createProfile':
      return createProfile(library, request.body);
    case 'addToProfile':
      return addToProfile(library, request.name, request.body);
    case 'deleteProfile':
      if (!library.deleteProfile(request.name)) throw notFound(`profile named "${request.name}"`);
      return null;
    case 'editListing':
      return editListing(library, request.id, request.body);
    case 'removeListing':
      return { removed: true, ...removeListing(library, request.id) };
    case 'profileLiking':
      return profileLiking(library, request.name, request.paperIds);
    case 'rate':
      return library.write(() => {
        const profile = findProfile(library, request.name);
        if (!library.paper(request.paperId)) throw notFound(`paper with id ${request.paperId}`);
        library.rate(profile, request.paperId, RATINGS[request.rating]);
        return summary(findProfile(library, profile.name));
      });
    case 'editTopics':
      // Read and replaced in one transaction: the grouping edited is the one stored.
      return library.write(() => ({ topics: editTopics(library, findProfile(library, request.name), request.edit) }));
    case 'retitle':
      return retitleProfilePaper(library, findProfile(library, request.name), request.paperId, request.title);
    case 'makeDigest':
      // Ranks and records in this thread: the digest's papers must be read and recorded as shown in one transaction.
      return digest(library, findProfile(library, request.name).name, { since: request.body.since, limit: request.body.limit, record: !request.body.dryRun, format: 'json' });
    case 'addToCollection':
      return addToCollection(library, request.name, request.body.paperIds, request.body.note);
    case 'saveShortlist': {
      const profile = request.body.profile === undefined ? undefined : findProfile(library, request.body.profile);
      return saveShortlist(library, request.name, request.body.listing, { profile, paperIds: request.body.paperIds });
    }
    case 'removeFromCollection':
      return removeFromCollection(library, request.name, [request.paperId]);
    case 'deleteCollection':
      deleteCollection(library, request.name);
      return null;
  }
}

function editTopics(library: Library, profile: Profile, edit: TopicEdit): ProfileTopic[] {
  switch (edit.op) {
    case 'rename':
      return renameTopic(library, profile, edit.key, edit.name);
    case 'merge':
      return mergeTopics(library, profile, edit.into, edit.from);
    case 'split':
      return splitTopic(library, profile, edit.key);
    case 'move':
      return moveToTopic(library, profile, edit.paperId, edit.into ?? undefined);
  }
}

/** A new profile that likes these papers (a selection on the map): a cold start without papers of one's own. */
function profileLiking(library: Library, name: string, paperIds: readonly number[]): ProfileSummary {
  return library.write(() => {
    if (!library.createProfile(name)) throw nameTaken(name);
    const profile = findProfile(library, name);
    for (const paper of library.papersById(paperIds)) library.rate(profile, paper.id, 1);
    return summary(findProfile(library, name));
  });
}

/** What a pasted listing is called in messages about its text. */
const PASTED = 'pasted text';

function uploadListing(library: Library, body: ListingUpload, save: boolean): ListingReport {
  const parsed = parseUpload({ ...body, fileName: body.fileName ?? PASTED }, 'body.text');
  const labels = { venue: body.venue, year: body.year, session: body.session };
  const listing = { parsed, fileName: body.fileName, text: body.text, labels };
  const outcome = save ? library.addListing(listing) : library.previewListing(listing);
  return listingReport(parsed, outcome, save);
}

function listingReport(parsed: ParsedListing, outcome: IngestOutcome, saved: boolean): ListingReport {
  return {
    saved: saved && outcome.added,
    alreadyInLibrary: !outcome.added,
    format: parsed.format,
    fromHtml: parsed.fromHtml ?? false,
    meta: parsed.meta,
    count: parsed.papers.length,
    withoutAbstract: parsed.papers.filter((paper) => !paper.abstract).length,
    newPapers: outcome.newPapers,
    mergedPapers: outcome.mergedPapers,
    versionLinks: outcome.versionLinks,
    warnings: listingWarnings(parsed),
    papers: parsed.papers.slice(0, PREVIEW_PAPERS).map((paper) => ({
      title: paper.title,
      titleDerived: paper.titleDerived ?? false,
      authors: paper.authors,
      hasAbstract: Boolean(paper.abstract),
    })),
    name: outcome.listing.name,
    ...(saved || !outcome.added ? { listing: outcome.listing } : {}),
  };
}

// Files are parsed before the write lock is taken: parsing is the slow part, and needs no library.

function createProfile(library: Library, body: ProfileCreate): ProfileAdded {
  const { name, ...additions } = body;
  requireSomething(additions);
  if (library.profile(name)) throw nameTaken(name);
  return profileAdded(buildProfile(library, name, sourcesOf(name, additions), 'create'));
}

function addToProfile(library: Library, name: string, additions: ProfileAdditions): ProfileAdded {
  findProfile(library, name);
  requireSomething(additions);
  return profileAdded(buildProfile(library, name, sourcesOf(name, additions), 'extend'));
}

const sourcesOf = (name: string, additions: ProfileAdditions): ProfileSources => ({
  listings: parseAdditions(name, additions),
  author: additions.author,
  identities: additions.identities,
});

const profileAdded = ({ profile, added, listed }: ProfileChange): ProfileAdded => ({ profile: summary(profile), added, listed });

function abstractsFile(profileName: string, abstracts: string): UploadedFile {
  return { fileName: `${profileName} (pasted abstracts).txt`, text: abstractListOfPasted(abstracts), format: 'abstract-list' };
}

/** Every file is parsed before anything is stored, so one bad file leaves the library as it was. */
function parseAdditions(profileName: string, additions: ProfileAdditions): ListingToStore[] {
  const files = (additions.files ?? []).map((file, index) => ({ file, field: `body.files.${index}` }));
  if (additions.abstracts) files.push({ file: abstractsFile(profileName, additions.abstracts), field: 'body.abstracts' });
  return files.map(({ file, field }) => ({ parsed: parseUpload(file, field), fileName: file.fileName, text: file.text }));
}

function requireSomething(additions: ProfileAdditions): void {
  if (!additions.files?.length && !additions.abstracts && !additions.author) {
    throw new HttpProblem(400, 'say where the papers are: files, pasted abstracts and/or an author name', { field: 'body' });
  }
}
