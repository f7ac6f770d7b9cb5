// Record-oriented formats (BibTeX, RIS, JSON Lines, CSV, OpenReview, paperlists JSON, arXiv
// Atom) hold many independent records, and real files have a few that cannot become papers: an
// entry with no title, a broken brace, a placeholder for a withdrawn paper. Such a record is
// left out and named, as biber, Zotero and bibtexparser do, instead of failing a file of
// thousands; the file still goes into the library whole, in one transaction, without it.
//
// The interface, for an importer:
// - `collectPapers(records, toPaper)` runs `toPaper` on each record. `records` are the file's
//   records, in order, each with its place (`entry`, 1-based; `key` and `line` where known;
//   `place(entry, key, line)` makes one, cutting a long key).
//   `toPaper` returns the paper, or throws ImportError for a record that cannot be one (its
//   message is the reason: `record has no title`); any other error propagates. The result is
//   `{ papers, skipped }`; the importer returns both in its ParsedListing (`skippedField`
//   leaves `skipped` out when empty). Records the importer skips before converting (BibTeX's
//   broken entries) are passed as `failed`, so they count and are ordered too; `lineOf` finds
//   a skipped record's line where the records do not carry it (JSON arrays).
// - A file where more than half the records cannot be read is not a file with stray bad
//   entries but the wrong format or a broken file, and a file without a single paper is no
//   listing: `collectPapers` throws the first record's error, with how many more failed.
//   Placeholders (below) do not count as unreadable: a venue file may list 87 empty slots
//   beside its 5 papers.
// - `titleFields(title, abstract)` is the title part of a paper: the title, or one derived
//   from the abstract (marked `titleDerived`, as for abstract lists) when the record has none;
//   it throws PlaceholderRecord for a record with neither, or whose title only stands in for
//   a missing paper (`NA`, `Withdrawn`, `-`: a withdrawn submission, an empty row);
//   `isPlaceholder` tells such a value (also for author lists).
// - `skipLocation(skip)` is `entry 3 (smith2020), line 12`, the place used in warnings and
//   in ImportError locations, and `describeSkip(skip)` adds the reason; `listingWarnings`
//   gives a listing's warnings and skips as lines, for front ends that show only messages.
// - `strictly(listing)` (parseListing's `strict` option, `ingest --strict`) turns a listing
//   with any skipped record into an ImportError naming the first.
import type { ImportedPaper, ParsedListing, SkippedRecord } from '../types.ts';
import { ImportError } from './importer.ts';
import { titleFromAbstract } from './derived-title.ts';
import { describeValue, shortLabel } from './untrusted.ts';

/** Where a record is in its file. */
export type RecordPlace = Omit<SkippedRecord, 'reason'>;

export interface SourceRecord<R> extends RecordPlace {
  record: R;
}

export interface CollectOptions {
  /** Records known to be unreadable before conversion, with their reasons. */
  failed?: readonly SkippedRecord[];
  /**
   * The line of record `entry`, for formats where finding it costs a pass over the text (a
   * JSON array): asked only for skipped records.
   */
  lineOf?: (entry: number) => number | undefined;
}

export interface CollectedPapers {
  papers: ImportedPaper[];
  skipped: SkippedRecord[];
}

/** A place with the key cut to what fits in a message. */
export function place(entry: number, key?: string, line?: number): RecordPlace {
  const label = key ? shortLabel(key) : undefined;
  return { entry, ...(label ? { key: label } : {}), ...(line ? { line } : {}) };
}

export function skipLocation(skip: RecordPlace): string {
  return `entry ${skip.entry}${skip.key ? ` (${skip.key})` : ''}${skip.line ? `, line ${skip.line}` : ''}`;
}

export function describeSkip(skip: SkippedRecord): string {
  return `${skipLocation(skip)}: skipped: ${skip.reason}`;
}

/** Titles that sources write where a paper is missing (a withdrawn submission, an empty row). */
const PLACEHOLDER = /^(?:n\/?a|none|null|nil|tbd|tba|untitled|withdrawn|-+|\?+|\.+)$/i;

/** Whether a value (a title, an author) only stands in for a missing one. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** Thrown for a record that stands for no paper: it is skipped without counting as unreadable. */
export class PlaceholderRecord extends ImportError {}

/** The title of a record with these (squeezed) title and abstract; throws PlaceholderRecord to skip it. */
export function titleFields(title: string | undefined, abstract: string | undefined, noTitle = 'record has no title'): Pick<ImportedPaper, 'title' | 'titleDerived'> {
  if (title && isPlaceholder(title)) throw new PlaceholderRecord(`placeholder record (title ${describeValue(title)}), not a paper`);
  if (title) return { title };
  if (abstract && !isPlaceholder(abstract)) return { title: titleFromAbstract(abstract), titleDerived: true };
  throw new PlaceholderRecord(`${noTitle} and no abstract`);
}

const entries = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'entry' : 'entries'}`;

/** Converts each record, skipping those `toPaper` rejects (see the top of this module). */
export function collectPapers<R>(
  records: Iterable<SourceRecord<R>>,
  toPaper: (record: R, where: RecordPlace) => ImportedPaper,
  { failed = [], lineOf }: CollectOptions = {},
): CollectedPapers {
  const papers: ImportedPaper[] = [];
  const skipped: SkippedRecord[] = [];
  /** Where the first unreadable record's error was, which may be finer than its place (a column). */
  let firstError: { entry: number; location: string } | undefined;
  for (const source of records) {
    const { record, ...where } = source;
    try {
      papers.push(toPaper(record, where));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const line = where.line ?? lineOf?.(where.entry);
      const at: RecordPlace = { ...where, ...(line ? { line } : {}) };
      if (!firstError && !(error instanceof PlaceholderRecord)) firstError = { entry: where.entry, location: error.location ?? skipLocation(at) };
      skipped.push({ ...at, reason: error.message, ...(error instanceof PlaceholderRecord ? { placeholder: true } : {}) });
    }
  }
  if (failed.length) {
    skipped.push(...failed);
    skipped.sort((a, b) => a.entry - b.entry);
  }
  const unreadable = skipped.filter((skip) => !skip.placeholder);
  if (papers.length === 0 || unreadable.length > papers.length) {
    const first = unreadable[0] ?? skipped[0];
    const total = papers.length + skipped.length;
    const others = skipped.length - 1;
    const more = others ? ` (${others.toLocaleString('en')} more of the ${entries(total)} cannot become papers either)` : '';
    throw new ImportError(`${first.reason}${more}`, firstError?.entry === first.entry ? firstError.location : skipLocation(first));
  }
  return { papers, skipped };
}

/** `{ skipped }` when there are any, to spread into a ParsedListing. */
export function skippedField(skipped: readonly SkippedRecord[]): { skipped?: SkippedRecord[] } {
  return skipped.length ? { skipped: [...skipped] } : {};
}

/** A listing's warnings followed by a line for each skipped record, for front ends that show only messages. */
export function listingWarnings(listing: ParsedListing): string[] {
  return [...(listing.warnings ?? []), ...(listing.skipped ?? []).map(describeSkip)];
}

/** The listing, or with `--strict` an ImportError for its first skipped record. */
export function strictly(listing: ParsedListing): ParsedListing {
  const first = listing.skipped?.[0];
  if (!first) return listing;
  const count = listing.skipped!.length;
  throw new ImportError(`${first.reason} (--strict: ${entries(count)} would be skipped, so the file is refused)`, skipLocation(first));
}
