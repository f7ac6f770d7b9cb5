// The listing reader thread: reads and parses the files it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { FormatName } from '../types.ts';
import { readListing, type WorkerReply } from './listing-reader.ts';

const { format } = workerData as { format?: FormatName };

parentPort!.on('message', (file: string) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    reply = readListing(file, format);
    if ('listing' in reply) transfer = reply.listing.abstractPairs.flatMap((pairs) => (pairs ? [pairs.buffer as ArrayBuffer] : []));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { crash: { message: failure.message, stack: failure.stack } };
  }
  parentPort!.postMessage(reply, transfer);
});
