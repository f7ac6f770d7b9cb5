// Reading and parsing listing files: the part of ingesting that needs no library, so a batch
// of files is read in a worker thread, one file ahead of the library writing the one before.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FormatName, ParsedListing } from '../types.ts';
import { parseListing, ImportError } from '../importers/index.ts';
import { startWorker } from '../threads.ts';
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

export function readListing(file: string, format?: FormatName): ReadResult {
  try {
    const { text, hash } = readListingFile(file);
    const parsed = parseListing(text, path.basename(file), format);
    return { listing: { parsed, hash, abstractPairs: parsed.papers.map((paper) => (paper.abstract ? wordPairs(paper.abstract) : undefined)) } };
  } catch (error) {
    if (!(error instanceof ImportError || error instanceof FileError)) throw error;
    return { failure: { location: error instanceof ImportError ? error.location : undefined, message: error.message } };
  }
}

/** What the worker sends back for each file, in the order asked. */
export type WorkerReply = ReadResult | { crash: { message: string; stack?: string } };

/** `readListing` in a worker thread: answers come back in the order files were asked for. */
export class ListingReaderThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (result: ReadResult) => void; reject: (error: Error) => void }[] = [];

  constructor(format?: FormatName) {
    this.worker = startWorker(import.meta.url, 'listing-reader-worker', { format });
    this.worker.on('message', (reply: WorkerReply) => {
      const next = this.waiting.shift();
      if ('crash' in reply) next?.reject(Object.assign(new Error(reply.crash.message), { stack: reply.crash.stack }));
      else next?.resolve(reply);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the listing reader thread stopped (exit code ${code})`)));
  }

  read(file: string): Promise<ReadResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(file);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.splice(0)) reject(error);
  }
}
