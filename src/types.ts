// The records every part of paperscout passes around. Importers produce ImportedPaper and
// ParsedListing; the library stores them and hands back Paper; the engine scores TextDoc.

/** Links a paper may carry. Keys are stable: they appear in `--json` output and exports. */
export interface PaperUrls {
  site?: string;
  pdf?: string;
  github?: string;
  project?: string;
}

/** External identifiers used to recognise the same paper from two sources. */
export interface PaperIds {
  /** arXiv id without version, e.g. `2310.01234` or `cs/0112017`. */
  arxiv?: string;
  /** DOI, lower-cased, without a `https://doi.org/` prefix. */
  doi?: string;
  /** OpenReview forum/note id. */
  openreview?: string;
}

/** A paper as an importer reads it from one listing. Only the title is required. */
export interface ImportedPaper {
  title: string;
  /** True when the listing had no title and the title was derived from the abstract. */
  titleDerived?: boolean;
  authors: string[];
  abstract?: string;
  keywords?: string[];
  venue?: string;
  year?: number;
  session?: string;
  /** Track and decision as the source names them, e.g. `main` and `Poster`. */
  track?: string;
  status?: string;
  urls?: PaperUrls;
  ids?: PaperIds;
  /** The id the source gave the paper (paperlists id, OpenReview note id, BibTeX key). */
  sourceId?: string;
}

/** What a listing says about itself, beside its papers (all optional). */
export interface ListingMeta {
  venue?: string;
  year?: number;
  session?: string;
  /** Room or hall, e.g. `Halle B`. */
  room?: string;
  /** When the session takes place, as ISO 8601 strings, if the listing says so. */
  startsAt?: string;
  endsAt?: string;
}

export const FORMATS = [
  'session-page',
  'trending-feed',
  'abstract-list',
  'paperlists-json',
  'openreview-submissions',
  'openreview-archive',
  'bibtex',
  'ris',
  'arxiv-atom',
  'jsonl',
  'csv',
  'csl-json',
  'csl-yaml',
  'endnote-xml',
  'web-of-science',
  'medline',
  'semantic-scholar',
  'openreview-notes',
  'hf-daily-papers',
  'miniconf-csv',
  'markdown-page',
  'rss-feed',
] as const;
export type FormatName = (typeof FORMATS)[number];

/**
 * A record of a file that could not become a paper and was left out of its listing (see
 * src/importers/records.ts): where it is and why.
 */
export interface SkippedRecord {
  /** 1-based position among the file's records (entries, notes, rows). */
  entry: number;
  /** The record's own name, where the format has one (BibTeX key, note id), when short enough to show. */
  key?: string;
  /** 1-based line where the record starts, when known. */
  line?: number;
  reason: string;
  /**
   * True when the record stands for no paper (empty, or titled `NA` or `Withdrawn`), rather
   * than being one that could not be read.
   */
  placeholder?: boolean;
}

/** The result of parsing one file. `format` is the format of the text the papers came from. */
export interface ParsedListing {
  format: FormatName;
  /** True when the text was extracted from an HTML page before parsing. */
  fromHtml?: boolean;
  meta: ListingMeta;
  papers: ImportedPaper[];
  /** What the importer left out of an otherwise good file (e.g. records without a title), for the user to see. */
  warnings?: string[];
  /** Records left out, each named; absent when none was. */
  skipped?: SkippedRecord[];
}

/** A listing as the library stores it. */
export interface Listing {
  id: number;
  name: string;
  format: string;
  importedAt: string;
  venue: string | null;
  year: number | null;
  session: string | null;
  room: string | null;
  startsAt: string | null;
  endsAt: string | null;
  paperCount: number;
}

/** Where a paper appears: a listing and its 1-based position there. */
export interface Provenance {
  listing: string;
  listingId: number;
  position: number;
}

/**
 * A paper as the library returns it; this is also the documented `--json` shape
 * (`ids`, `track` and `status` are additions to the shape the issue lists).
 */
export interface Paper {
  id: number;
  title: string;
  titleDerived: boolean;
  authors: string[];
  abstract: string | null;
  venue: string | null;
  year: number | null;
  session: string | null;
  track: string | null;
  status: string | null;
  keywords: string[];
  urls: PaperUrls;
  ids: PaperIds;
  listings: Provenance[];
}

/** A run of a title or snippet in search results, and whether it is a match of the query. */
export interface Segment {
  text: string;
  match: boolean;
}

/** The text of a paper, which is all the relevance engine looks at. */
export interface PaperText {
  title: string;
  abstract?: string;
  keywords?: string[];
}

/**
 * A paper's text as the engine indexes it, under a number: the library's paper id. Documents
 * named otherwise (OpenReview's note ids) are numbered where they enter the engine.
 */
export interface TextDoc extends PaperText {
  id: number;
}

/** A paper of OpenReview's expertise format: its text and its note id (e.g. `sub-gnn`). */
export interface NoteText extends PaperText {
  id: string;
}

/** A reviewer in OpenReview's expertise format: their id (`~Name1`) and their own publications. */
export interface Reviewer {
  id: string;
  publications: NoteText[];
}

/** What OpenReview's expertise format gives to score: submissions and the reviewers' archives. */
export interface ExpertiseInputs {
  submissions: NoteText[];
  reviewers: Reviewer[];
}

/** A researcher's profile: their own papers and the papers they rated. */
export interface Profile {
  id: number;
  name: string;
  createdAt: string;
  /** Ids of the researcher's own papers. */
  paperIds: number[];
  /** Paper id -> +1 (liked) or -1 (disliked). */
  ratings: Record<number, 1 | -1>;
}

/** Where `paperscout fetch` gets papers from (see src/actions/source-kinds.ts for each). */
export const SOURCE_KINDS = ['arxiv-query', 'arxiv-feed', 'openreview', 'feed', 'hf-daily', 'page'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A source's settings; which apply depends on its kind. */
export interface SourceParams {
  /** A feed's or page's address; for the APIs, another address for the API (a mirror, or a local replay server in tests). */
  url?: string;
  /** arxiv-query: arXiv categories (`cs.LG`), any of which a paper may be in. */
  categories?: string[];
  /** arxiv-query: words or phrases, all of which a paper must have. */
  terms?: string[];
  /** arxiv-query: the submission dates, `YYYY-MM-DD`, both ends included. */
  from?: string;
  to?: string;
  /** arxiv-query: the submission dates of the last this many days, up to the fetch (instead of `from` and `to`). */
  days?: number;
  /** arxiv-query: at most this many papers per fetch. */
  max?: number;
  /** arxiv-feed: the category whose daily listing it is. */
  category?: string;
  /** openreview: the venue id (`ICLR.cc/2025/Conference`), and whether only its accepted papers. */
  venue?: string;
  accepted?: boolean;
}

/** What the last fetch of a source did. */
export type FetchStatus = 'added' | 'unchanged' | 'empty' | 'failed';

export interface Source {
  id: number;
  name: string;
  kind: SourceKind;
  params: SourceParams;
  createdAt: string;
  lastFetchedAt: string | null;
  lastStatus: FetchStatus | null;
  /** What the last fetch said: its papers, or why it failed. */
  lastMessage: string | null;
  /** The listing the last fetch that added one made (null once that listing is removed). */
  lastListingId: number | null;
}

/** What a server said about a response's version (its ETag and Last-Modified), sent back to ask "only if changed". */
export interface Validators {
  etag?: string;
  lastModified?: string;
}
