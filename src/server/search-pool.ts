// Searches run in worker threads, each over its own connection to the library: a broad query
// (BM25 over a third of the library takes tens of milliseconds) then holds up no other
// request, and every core ranks at once.
import os from 'node:os';
import type { PageOptions, PaperFilter } from '../library/papers.ts';
import type { SearchResult } from '../library/search.ts';
import { WorkerClient } from '../threads.ts';
import { fnv1a } from '../hash.ts';

export interface SearchRequest {
  query: string;
  filter: PaperFilter;
  page: PageOptions;
}

export class SearchPool {
  private readonly threads: WorkerClient<SearchRequest, SearchResult>[];

  constructor(dbFile: string, size = os.availableParallelism()) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new WorkerClient(import.meta.url, 'search-worker', { dbFile }));
  }

  search(query: string, filter: PaperFilter, page: PageOptions): Promise<SearchResult> {
    // Each thread remembers the rankings it computed, so a query goes to the same thread every
    // time, unless that one is busier than another by more than the query's own wait.
    const own = this.threads[fnv1a(query + JSON.stringify(filter)) % this.threads.length];
    const idlest = this.threads.reduce((best, thread) => (thread.pending < best.pending ? thread : best));
    return (own.pending > idlest.pending + 1 ? idlest : own).ask({ query, filter, page });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

