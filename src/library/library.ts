// The library: one SQLite file holding listings, papers, their provenance and cached
// models. Front ends open one Library and call these methods; they never write SQL.
import fs from 'node:fs';
import path from 'node:path';
import type { FormatName, Listing, Paper, TextDoc } from '../types.ts';
import { parseListing, ImportError } from '../importers/index.ts';
import { openDatabase, defaultLibraryPath, type Db } from './database.ts';
import { Ingester, type IngestOutcome, type ListingLabels } from './ingest.ts';
import { expandPaths, FileError, hashText, readListingFile } from './files.ts';
import { allListings, findListingByName } from './listings.ts';
import { allTextDocs, getPaper, getPapers, listPapers, possibleDuplicates, type PageOptions, type PaperFilter, type PossibleDuplicate } from './papers.ts';
import { searchPapers, type SearchResult } from './search.ts';
import { contentFingerprint, getModel, putModel } from './models.ts';

export interface IngestOptions {
  format?: FormatName;
  labels?: ListingLabels;
  /** Called after each file, for progress bars. */
  onFile?: (done: number, total: number, file: string) => void;
}

/** A file that could not be ingested, and where in it the problem is. */
export interface IngestFailure {
  file: string;
  location?: string;
  message: string;
}

export interface IngestReport {
  outcomes: (IngestOutcome & { file: string })[];
  failures: IngestFailure[];
}

export interface LibraryStats {
  papers: number;
  withAbstract: number;
  listings: number;
  authors: number;
  possibleDuplicates: number;
  venues: { venue: string; papers: number }[];
  bytes: number;
}

export class Library {
  private ingester: Ingester | undefined;

  private constructor(
    readonly db: Db,
    readonly file: string,
  ) {}

  static open(file: string = defaultLibraryPath()): Library {
    return new Library(openDatabase(file), file);
  }

  close(): void {
    this.db.close();
  }

  /** Parses and stores one listing's text; throws ImportError when it cannot be parsed. */
  ingestText(text: string, fileName: string, options: Omit<IngestOptions, 'onFile'> = {}, hash = hashText(text)): IngestOutcome {
    const parsed = parseListing(text, fileName, options.format);
    this.ingester ??= new Ingester(this.db);
    return this.ingester.ingest(parsed, fileName, hash, options.labels);
  }

  /** Ingests files and folders one file at a time; a bad file is reported and the rest go on. */
  ingestPaths(paths: readonly string[], options: IngestOptions = {}): IngestReport {
    const { files, errors } = expandPaths(paths);
    const report: IngestReport = { outcomes: [], failures: [...errors] };
    files.forEach((file, index) => {
      try {
        const { text, hash } = readListingFile(file);
        report.outcomes.push({ file, ...this.ingestText(text, path.basename(file), options, hash) });
      } catch (error) {
        if (!(error instanceof ImportError || error instanceof FileError)) throw error;
        report.failures.push({ file, location: error instanceof ImportError ? error.location : undefined, message: error.message });
      }
      options.onFile?.(index + 1, files.length, file);
    });
    return report;
  }

  listings(): Listing[] {
    return allListings(this.db);
  }

  listing(name: string): Listing | undefined {
    return findListingByName(this.db, name);
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
    return searchPapers(this.db, query, filter, page);
  }

  textDocs(): TextDoc[] {
    return allTextDocs(this.db);
  }

  /** A cached model built from the library's current contents, built and stored on first use. */
  model(name: string, build: (docs: TextDoc[]) => Buffer): Buffer {
    const fingerprint = contentFingerprint(this.db);
    const cached = getModel(this.db, name, fingerprint);
    if (cached) return cached;
    const data = build(this.textDocs());
    putModel(this.db, name, fingerprint, data);
    return data;
  }

  stats(): LibraryStats {
    const count = (sql: string) => (this.db.prepare<[], { n: number }>(sql).get()!).n;
    return {
      papers: count('SELECT count(*) AS n FROM papers'),
      withAbstract: count('SELECT count(*) AS n FROM papers WHERE abstract IS NOT NULL'),
      listings: count('SELECT count(*) AS n FROM listings'),
      authors: count('SELECT count(DISTINCT name_key) AS n FROM paper_authors'),
      possibleDuplicates: count('SELECT count(*) AS n FROM possible_duplicates'),
      venues: this.db
        .prepare<[], { venue: string; papers: number }>(
          'SELECT venue, count(*) AS papers FROM papers WHERE venue IS NOT NULL GROUP BY venue COLLATE NOCASE ORDER BY papers DESC, venue LIMIT 20',
        )
        .all(),
      bytes: this.file === ':memory:' ? 0 : fs.statSync(this.file).size + walSize(this.file),
    };
  }
}

function walSize(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
