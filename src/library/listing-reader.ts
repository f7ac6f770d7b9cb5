// Reading and parsing listing files: the part of ingesting that needs no library, so a batch
// of files is read in a worker thread, one file ahead of the library writing the one before.
import path from 'node:path';
import type { FormatName, ParsedListing } from '../types.ts';
import { parseListing, ImportError } from '../importers/index.ts';
import { WorkerClient } from '../threads.ts';
import { FileError, readListingFile } from './files.ts';
import { wordPairs } from './versions.ts';

export interface ReadListing {
  parsed: ParsedListing;
  hash: string;
  /** Each paper's abstract as word pairs (see versions.ts), computed here to spare the writer. */
  abstractPairs: (Uint32Array | undefined)[];
}

/** Why a file could not be read as a listing, and where in it. */
export interface ReadFailure {
  location?: string;
  message: string;
}

export type ReadResult = { listing: ReadListing } | { failure: ReadFailure };

/** How to read listing files: all optional (detected format, UTF-8, records skipped with a warning). */
export interface ReadOptions {
  format?: FormatName;
  encoding?: string;
  /** Fail a file when any of its records would be skipped. */
  strict?: boolean;
}

export function readListing(file: string, { format, encoding, strict }: ReadOptions = {}): ReadResult {
  try {
    const { text, hash } = readListingFile(file, encoding);
    const parsed = parseListing(text, path.basename(file), format, { strict });
    return { listing: { parsed, hash, abstractPairs: parsed.papers.map((paper) => (paper.abstract ? wordPairs(paper.abstract) : undefined)) } };
  } catch (error) {
    if (!(error instanceof ImportError || error instanceof FileError)) throw error;
    return { failure: { location: error instanceof ImportError ? error.location : undefined, message: error.message } };
  }
}

/** `readListing` in a worker thread (listing-reader-worker.ts). */
export function startListingReaderThread(options: ReadOptions): WorkerClient<string, ReadResult> {
  return new WorkerClient(import.meta.url, 'listing-reader-worker', options);
}
