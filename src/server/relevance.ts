// Recommendations and similar papers, asked of the relevance worker thread.
import type { Profile } from '../types.ts';
import type { PaperFilter } from '../library/papers.ts';
import type { Recommendation, RecommendResult } from '../engine/recommend.ts';
import { ProfileError } from '../engine/errors.ts';
import { WorkerClient } from '../threads.ts';

export type RelevanceQuery =
  | { kind: 'recommend'; profile: Profile; filter: PaperFilter; limit: number }
  | { kind: 'similar'; target: { paperId: number } | { text: string }; limit: number };

export type RelevanceResult = RecommendResult | Recommendation[];

export class Relevance {
  private readonly thread: WorkerClient<RelevanceQuery, RelevanceResult>;

  constructor(dbFile: string) {
    this.thread = new WorkerClient(import.meta.url, 'relevance-worker', { dbFile }, { ProfileError });
  }

  recommend(profile: Profile, filter: PaperFilter, limit: number): Promise<RecommendResult> {
    return this.thread.ask({ kind: 'recommend', profile, filter, limit }) as Promise<RecommendResult>;
  }

  similar(target: { paperId: number } | { text: string }, limit: number): Promise<Recommendation[]> {
    return this.thread.ask({ kind: 'similar', target, limit }) as Promise<Recommendation[]>;
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
