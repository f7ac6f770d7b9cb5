// The listing reader thread: reads and parses the files it is sent, one at a time.
import { workerData } from 'node:worker_threads';
import { answerRequests } from '../threads.ts';
import { readListing, type ReadOptions, type ReadResult } from './listing-reader.ts';

const options = workerData as ReadOptions;

answerRequests<string, ReadResult>(
  (file) => readListing(file, options),
  // The word pairs move to the writer's thread rather than being copied.
  (result) => ('listing' in result ? result.listing.abstractPairs.flatMap((pairs) => (pairs ? [pairs.buffer as ArrayBuffer] : [])) : []),
);
