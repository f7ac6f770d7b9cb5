// Recommendations and similar papers, asked of the relevance worker thread.
import { Worker } from 'node:worker_threads';
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

/**
 * The worker runs the same kind of file as this one: JavaScript from dist/, or TypeScript from
 * a checkout, where it must load tsx itself (worker threads do not inherit `--import tsx`).
 */
function startWorker(dbFile: string): Worker {
  const options = { workerData: { dbFile } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./relevance-worker.js', import.meta.url), options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL('./relevance-worker.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${worker}); });`, { ...options, eval: true });
}

export class Relevance {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why the worker is gone, once it is: later requests fail at once instead of waiting forever. */
  private failure: Error | undefined;

  constructor(dbFile: string) {
    this.worker = startWorker(dbFile);
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
