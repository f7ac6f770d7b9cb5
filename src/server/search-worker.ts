// A search thread of the server's pool, over its own connection to the library.
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import type { SearchResult } from '../library/search.ts';
import { answerRequests } from '../threads.ts';
import type { SearchRequest } from './search-pool.ts';

/** Rankings are a few kilobytes each: this many cover a busy day's distinct queries in ~16 MB. */
const REMEMBERED_RANKINGS = 2000;

const library = Library.open((workerData as { dbFile: string }).dbFile, { rememberedRankings: REMEMBERED_RANKINGS });

answerRequests<SearchRequest, SearchResult>(({ query, filter, page }) => library.search(query, filter, page));
