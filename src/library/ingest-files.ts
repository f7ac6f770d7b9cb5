// Reading and parsing listings into a library. Kept apart from library.ts because the
// importers' parsers are the slowest modules to load, and most commands never need them.
import path from 'node:path';
import type { FormatName } from '../types.ts';
import { parseListing, ImportError } from '../importers/index.ts';
import type { Library } from './library.ts';
import type { IngestOutcome, ListingLabels } from './ingest.ts';
import { expandPaths, FileError, hashText, readListingFile } from './files.ts';

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

/** Parses and stores one listing's text; throws ImportError when it cannot be parsed. */
export function ingestText(library: Library, text: string, fileName: string, options: Omit<IngestOptions, 'onFile'> = {}, hash = hashText(text)): IngestOutcome {
  return library.addListing(parseListing(text, fileName, options.format), fileName, hash, options.labels);
}

/** Ingests files and folders one file at a time; a bad file is reported and the rest go on. */
export function ingestPaths(library: Library, paths: readonly string[], options: IngestOptions = {}): IngestReport {
  const { files, errors } = expandPaths(paths);
  const report: IngestReport = { outcomes: [], failures: [...errors] };
  files.forEach((file, index) => {
    try {
      const { text, hash } = readListingFile(file);
      report.outcomes.push({ file, ...ingestText(library, text, path.basename(file), options, hash) });
    } catch (error) {
      if (!(error instanceof ImportError || error instanceof FileError)) throw error;
      report.failures.push({ file, location: error instanceof ImportError ? error.location : undefined, message: error.message });
    }
    options.onFile?.(index + 1, files.length, file);
  });
  return report;
}
