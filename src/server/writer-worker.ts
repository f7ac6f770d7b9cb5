// The writer thread (see writer.ts).
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { answerRequests } from '../threads.ts';
import { performWrite, type WriteRequest, type WriteResult } from './writes.ts';

/**
 * A request waits this long for another process's write (a CLI ingest commits at least every
 * second) before it is answered 503, to be retried, instead of holding its client indefinitely.
 */
const PATIENCE_MS = 3000;

const library = Library.open((workerData as { dbFile: string }).dbFile, { writeWait: { patienceMs: PATIENCE_MS } });

answerRequests<WriteRequest, WriteResult>((request) => performWrite(library, request));
