// Searches run in worker threads, each over its own connection to the library: a broad query
// (BM25 over a third of the library takes tens of milliseconds) then holds up no other
// request, and every core ranks at once. A thread answers with the response body itself, as
// UTF-8 JSON: the event loop then only passes bytes on. Copying the result object between threads
// and serializing it on the event loop had been more than half of the event loop's time per search.
import os from 'node:os';
import type { PageOptions, PaperFilter } from '../library/papers.ts';
import { WorkerClient } from '../threads.ts';
import { fnv1a } from '../hash.ts';

export interface SearchRequest {
  query: string;
  filter: PaperFilter;
  page: PageOptions;
}

export class SearchPool {
  private readonly threads: WorkerClient<SearchRequest, Uint8Array>[];

  constructor(dbFile: string, size = os.availableParallelism()) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new WorkerClient(import.meta.url, 'search-worker', { dbFile }));
  }

  /** The library's SearchResult, as UTF-8 JSON (the API's SearchResult is the same shape). */
  search(query: string, filter: PaperFilter, page: PageOptions): Promise<Uint8Array> {
    // Each thread remembers the rankings it computed, so a query goes to the same thread every
    // time, unless that one is busier than another by more than the query's own wait.
    const own = this.threads[fnv1a(query + JSON.stringify(filter)) % this.threads.length];
    const idlest = this.threads.reduce((best, thread) => (thread.pending < best.pending ? thread : best));
    return (own.pending > idlest.pending + 1 ? idlest : own).ask({ query, filter, page });
  }

  start(): void {
    for (const thread of this.threads) thread.start();
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

