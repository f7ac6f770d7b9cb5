// Recommendations and similar papers, asked of the relevance worker thread.
import type { Listing, Profile } from '../types.ts';
import type { SessionPlan } from '../actions/plan-session.ts';
import type { PaperFilter } from '../library/papers.ts';
import type { Recommendation, RecommendOptions, RecommendResult } from '../actions/recommend.ts';
import { ProfileError } from '../engine/errors.ts';
import { WorkerClient } from '../threads.ts';

export type RelevanceQuery =
  | { kind: 'recommend'; profile: Profile; filter: PaperFilter; limit: number; options: RecommendOptions }
  | { kind: 'similar'; target: { paperId: number } | { text: string }; limit: number }
  | { kind: 'plan'; listing: Listing; profile: Profile | undefined };

export type RelevanceResult = RecommendResult | Recommendation[] | SessionPlan;

export class Relevance {
  private readonly thread: WorkerClient<RelevanceQuery, RelevanceResult>;

  constructor(dbFile: string) {
    this.thread = new WorkerClient(import.meta.url, 'relevance-worker', { dbFile }, { ProfileError });
  }

  recommend(profile: Profile, filter: PaperFilter, limit: number, options: RecommendOptions = {}): Promise<RecommendResult> {
    return this.thread.ask({ kind: 'recommend', profile, filter, limit, options }) as Promise<RecommendResult>;
  }

  similar(target: { paperId: number } | { text: string }, limit: number): Promise<Recommendation[]> {
    return this.thread.ask({ kind: 'similar', target, limit }) as Promise<Recommendation[]>;
  }

  planSession(listing: Listing, profile: Profile | undefined): Promise<SessionPlan> {
    return this.thread.ask({ kind: 'plan', listing, profile }) as Promise<SessionPlan>;
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
