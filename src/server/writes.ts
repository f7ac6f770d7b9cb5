// What the API's writes do: listings uploaded, profiles made and rated. They run in the writer
// thread (writer.ts), whose waits for the write lock and whose parsing of uploads never hold up
// the event loop; each write is one transaction, all of it or nothing.
import type { ParsedListing, Profile } from '../types.ts';
import type { Library } from '../library/library.ts';
import type { IngestOutcome } from '../library/ingest.ts';
import { hashText } from '../library/files.ts';
import { ABSTRACT_LABEL } from '../importers/page-text.ts';
import { HttpProblem, notFound } from './problems.ts';
import { parseUpload, type UploadedFile } from './uploads.ts';
import { findProfile, summary } from './profile-lookup.ts';
import type { ListingReport, ListingUpload, ProfileAdded, ProfileAdditions, ProfileCreate, ProfileSummary, RatingValue } from './schemas.ts';

export type WriteRequest =
  | { kind: 'previewListing'; body: ListingUpload }
  | { kind: 'saveListing'; body: ListingUpload }
  | { kind: 'createProfile'; body: ProfileCreate }
  | { kind: 'addToProfile'; name: string; body: ProfileAdditions }
  | { kind: 'deleteProfile'; name: string }
  | { kind: 'rate'; name: string; paperId: number; rating: RatingValue };

export type WriteResult = ListingReport | ProfileAdded | ProfileSummary | null;

const PREVIEW_PAPERS = 100;
const RATINGS: Record<RatingValue, 1 | -1 | 0> = { up: 1, down: -1, clear: 0 };

export function performWrite(library: Library, request: WriteRequest): WriteResult {
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
    case 'rate':
      return library.write(() => {
        const profile = findProfile(library, request.name);
        if (!library.paper(request.paperId)) throw notFound(`paper with id ${request.paperId}`);
        library.rate(profile, request.paperId, RATINGS[request.rating]);
        return summary(findProfile(library, profile.name));
      });
  }
}

function uploadListing(library: Library, body: ListingUpload, save: boolean): ListingReport {
  const parsed = parseUpload(body, 'body.text');
  const labels = { venue: body.venue, year: body.year, session: body.session };
  const hash = hashText(body.text);
  const outcome = save ? library.addListing(parsed, body.fileName, hash, labels) : library.previewListing(parsed, body.fileName, hash, labels);
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
    warnings: parsed.warnings ?? [],
    papers: parsed.papers.slice(0, PREVIEW_PAPERS).map((paper) => ({
      title: paper.title,
      titleDerived: paper.titleDerived ?? false,
      authors: paper.authors,
      hasAbstract: Boolean(paper.abstract),
    })),
    ...(saved || !outcome.added ? { listing: outcome.listing } : {}),
  };
}

// Files are parsed before the write lock is taken: parsing is the slow part, and needs no library.

function createProfile(library: Library, body: ProfileCreate): ProfileAdded {
  const { name, ...additions } = body;
  requireSomething(additions);
  const nameTaken = () => new HttpProblem(409, `a profile named "${name}" exists already`, { field: 'body.name' });
  if (library.profile(name)) throw nameTaken();
  const files = parseAdditions(name, additions);
  return library.write(() => {
    if (!library.createProfile(name)) throw nameTaken();
    return addParsed(library, findProfile(library, name), additions.author, files);
  });
}

function addToProfile(library: Library, name: string, additions: ProfileAdditions): ProfileAdded {
  findProfile(library, name);
  requireSomething(additions);
  const files = parseAdditions(name, additions);
  return library.write(() => addParsed(library, findProfile(library, name), additions.author, files));
}

function addParsed(library: Library, profile: Profile, author: string | undefined, files: readonly ParsedFile[]): ProfileAdded {
  const byAuthor = author ? addAuthor(library, profile, author) : { found: 0, added: 0 };
  const outcomes = files.map(({ file, parsed }) => library.addListing(parsed, file.fileName, hashText(file.text)));
  const byFiles = {
    found: outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0),
    added: library.addListingsToProfile(profile, outcomes.map((outcome) => outcome.listing.id)),
  };
  return { profile: summary(findProfile(library, profile.name)), added: byAuthor.added + byFiles.added, listed: byAuthor.found + byFiles.found };
}

/**
 * Pasted abstracts become a publication list of `Abstract:` lines, the format made for them.
 * Text that has the labels already (a publication list copied whole) is that list as it is;
 * other text is one abstract per paragraph.
 */
function abstractsFile(profileName: string, abstracts: string): UploadedFile {
  const fileName = `${profileName} (pasted abstracts).txt`;
  if (abstracts.split('\n').some((line) => ABSTRACT_LABEL.test(line.trim()))) return { fileName, text: abstracts, format: 'abstract-list' };
  const paragraphs = abstracts.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { fileName, text: paragraphs.map((p) => `Abstract: ${p}`).join('\n\n'), format: 'abstract-list' };
}

interface ParsedFile {
  file: UploadedFile;
  parsed: ParsedListing;
}

/** Every file is parsed before anything is stored, so one bad file leaves the library as it was. */
function parseAdditions(profileName: string, additions: ProfileAdditions): ParsedFile[] {
  const files = (additions.files ?? []).map((file, index) => ({ file, parsed: parseUpload(file, `body.files.${index}`) }));
  if (additions.abstracts) {
    const file = abstractsFile(profileName, additions.abstracts);
    files.push({ file, parsed: parseUpload(file, 'body.abstracts') });
  }
  return files;
}

function addAuthor(library: Library, profile: Profile, author: string): { found: number; added: number } {
  const result = library.addAuthorToProfile(profile, author);
  if (result.found === 0) {
    const similar = library.authors(author, 5).map((a) => `${a.name} (${a.papers})`);
    throw new HttpProblem(422, `no papers by "${author}" in the library${similar.length > 0 ? `; similar names: ${similar.join(', ')}` : ''}`, {
      field: 'body.author',
    });
  }
  return result;
}

function requireSomething(additions: ProfileAdditions): void {
  if (!additions.files?.length && !additions.abstracts && !additions.author) {
    throw new HttpProblem(400, 'say where the papers are: files, pasted abstracts and/or an author name', { field: 'body' });
  }
}
