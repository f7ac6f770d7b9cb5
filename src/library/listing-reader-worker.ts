// The listing reader thread: reads and parses the files it is sent, one at a time.
import { workerData } from 'node:worker_threads';
import type { FormatName } from '../types.ts';
import { answerRequests } from '../threads.ts';
import { readListing, type ReadResult } from './listing-reader.ts';

const { format, encoding } = workerData as { format?: FormatName; encoding?: string };

answerRequests<string, ReadResult>(
  (file) => readListing(file, format, encoding),
  // The word pairs move to the writer's thread rather than being copied.
  (result) => ('listing' in result ? result.listing.abstractPairs.flatMap((pairs) => (pairs ? [pairs.buffer as ArrayBuffer] : [])) : []),
);
