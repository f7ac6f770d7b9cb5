// Ingesting files and folders of listings: each file read and parsed, then stored, a bad one
// reported and the rest going on. Kept apart from library.ts because the importers' parsers
// are the slowest modules to load, and most commands never need them.
import path from 'node:path';
import type { FormatName } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { IngestOutcome, ListingLabels } from '../library/ingest.ts';
import { expandPaths, type PathMessage } from '../library/files.ts';
import { readListing, startListingReaderThread, type ReadFailure, type ReadResult } from '../library/listing-reader.ts';
import { WRITER_PAUSE_MS } from '../library/write-lock.ts';

export interface IngestOptions {
  format?: FormatName;
  /** A WHATWG encoding label to read files in, instead of UTF-8 (or UTF-16 with a byte-order mark). */
  encoding?: string;
  labels?: ListingLabels;
  /** Fail a file when any of its records would be skipped, instead of storing the rest. */
  strict?: boolean;
  /** Called after each file, for progress bars. */
  onFile?: (done: number, total: number, file: string) => void;
}

/** A file that could not be ingested, and where in it the problem is. */
export type IngestFailure = ReadFailure & { file: string };

export interface IngestReport {
  outcomes: (IngestOutcome & { file: string })[];
  failures: IngestFailure[];
  /** Paths skipped without failing, such as symlink loops in a folder. */
  skipped: PathMessage[];
}

/**
 * Files are committed together, each still all or nothing through its own savepoint: a commit
 * per file made SQLite write and sync the same index pages hundreds of times, a fifth of the
 * time of ingesting the 246 paperlists files. A group is also committed after a second, so
 * another writer (the server saving a rating) waits for no longer than that.
 */
const COMMIT_EVERY_PAPERS = 20_000;
const COMMIT_AFTER_MS = 1000;
/** A batch writes index pages all over the library; a larger page cache keeps them (-10% time). */
const BATCH_CACHE_KIB = 256 * 1024;

/**
 * Ingests files and folders one file at a time; a bad file is reported and the rest go on.
 * With several files, the next one is read and parsed in a worker thread while the library
 * stores the current one.
 */
export async function ingestPaths(library: PaperStore, paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  const { files, errors, warnings } = expandPaths(paths);
  const report: IngestReport = { outcomes: [], failures: [...errors], skipped: warnings };
  const readOptions = { format: options.format, encoding: options.encoding, strict: options.strict };
  const thread = files.length > 1 ? startListingReaderThread(readOptions) : undefined;
  const read = (file: string): Promise<ReadResult> => (thread ? thread.ask(file) : Promise.resolve(readListing(file, readOptions)));
  let uncommitted = 0;
  let groupStarted = 0;
  const restoreCache = thread ? library.enlargePageCache(BATCH_CACHE_KIB) : undefined;
  try {
    let next = files.length > 0 ? read(files[0]) : undefined;
    for (const [index, file] of files.entries()) {
      const result = await next!;
      next = index + 1 < files.length ? read(files[index + 1]) : undefined;
      if ('failure' in result) {
        report.failures.push({ file, ...result.failure });
      } else {
        const { parsed } = result.listing;
        if (uncommitted === 0) {
          library.openWriteGroup();
          groupStarted = Date.now();
        }
        report.outcomes.push({ file, ...library.addListing({ read: result.listing, fileName: path.basename(file), labels: options.labels }) });
        uncommitted += Math.max(1, parsed.papers.length);
        const last = index + 1 === files.length;
        if (uncommitted >= COMMIT_EVERY_PAPERS || Date.now() - groupStarted >= COMMIT_AFTER_MS || last) {
          library.commitWriteGroup();
          uncommitted = 0;
          // Waiting writers try for the lock every few milliseconds: this pause lets one in.
          if (!last) await new Promise((resolve) => setTimeout(resolve, WRITER_PAUSE_MS));
        }
      }
      options.onFile?.(index + 1, files.length, file);
    }
  } finally {
    try {
      // Files stored before an unexpected error stay stored, as they would with a commit each.
      library.commitWriteGroup();
    } finally {
      restoreCache?.();
      // A thread left running would keep the process alive after the error.
      await thread?.close();
    }
  }
  return report;
}
