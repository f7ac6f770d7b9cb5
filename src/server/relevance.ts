// Recommendations and similar papers, asked of the relevance worker thread.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads.ts';
import type { Profile } from '../types.ts';
import type { PaperFilter } from '../library/papers.ts';
import type { Recommendation, RecommendResult } from '../engine/recommend.ts';
import { ProfileError } from '../engine/errors.ts';

type RelevanceQuery =
  | { kind: 'recommend'; profile: Profile; filter: PaperFilter; limit: number }
  | { kind: 'similar'; target: { paperId: number } | { text: string }; limit: number };

export type RelevanceRequest = RelevanceQuery & { id: number };

export interface RelevanceResponse {
  id: number;
  result?: RecommendResult | Recommendation[];
  error?: { name: string; message: string; stack?: string };
}

type Pending = { resolve: (result: RelevanceResponse['result']) => void; reject: (error: Error) => void };

/** Errors keep their class across the thread boundary when front ends act on it. */
function revive(error: NonNullable<RelevanceResponse['error']>): Error {
  if (error.name === 'ProfileError') return new ProfileError(error.message);
  const revived = new Error(error.message);
  revived.stack = error.stack;
  return revived;
}

export class Relevance {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why the worker is gone, once it is: later requests fail at once instead of waiting forever. */
  private failure: Error | undefined;

  constructor(dbFile: string) {
    this.worker = startWorker(import.meta.url, 'relevance-worker', { dbFile });
    this.worker.on('message', (response: RelevanceResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (response.error) waiting?.reject(revive(response.error));
      else waiting?.resolve(response.result);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the relevance worker stopped (exit code ${code})`)));
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private ask<T extends RelevanceResponse['result']>(request: RelevanceQuery): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  recommend(profile: Profile, filter: PaperFilter, limit: number): Promise<RecommendResult> {
    return this.ask({ kind: 'recommend', profile, filter, limit });
  }

  similar(target: { paperId: number } | { text: string }, limit: number): Promise<Recommendation[]> {
    return this.ask({ kind: 'similar', target, limit });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
