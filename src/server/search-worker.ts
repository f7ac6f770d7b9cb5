// A search thread of the server's pool, over its own connection to the library.
import { workerData } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { Library } from '../library/library.ts';
import type { Ranking } from '../library/search.ts';
import { answerRequests } from '../threads.ts';
import type { SearchRequest } from './search-pool.ts';

/** Rankings are a few kilobytes each: this many cover a busy day's distinct queries in ~16 MB. */
const REMEMBERED_RANKINGS = 2000;

const rankings = new LRUCache<string, Ranking>({ max: REMEMBERED_RANKINGS });
const library = Library.open((workerData as { dbFile: string }).dbFile, { rankings });

const utf8 = new TextEncoder();

answerRequests<SearchRequest, Uint8Array>(
  ({ query, filter, page }) => utf8.encode(JSON.stringify(library.search(query, filter, page))),
  (body) => [body.buffer as ArrayBuffer],
);
