// Recommendations and similar papers, asked of the relevance worker thread.
import type { Listing, Profile } from '../types.ts';
import type { SessionPlan } from '../actions/plan-session.ts';
import type { PageOptions, PaperFilter } from '../library/papers.ts';
import type { SearchResult } from '../library/search.ts';
import type { Recommendation, RecommendOptions, RecommendResult } from '../actions/recommend.ts';
import type { ProfileTopic } from '../actions/topics.ts';
import { ProfileError } from '../engine/errors.ts';
import { WorkerClient } from '../threads.ts';

export type RelevanceQuery =
  | { kind: 'recommend'; profile: Profile; filter: PaperFilter; limit: number; options: RecommendOptions }
  | { kind: 'similar'; target: { paperId: number } | { text: string }; limit: number }
  | { kind: 'plan'; listing: Listing; profile: Profile | undefined }
  | { kind: 'search'; profile: Profile; query: string; filter: PaperFilter; page: PageOptions }
  | { kind: 'topics'; profile: Profile };

export type RelevanceResult = RecommendResult | Recommendation[] | SessionPlan | SearchResult | ProfileTopic[];

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

  search(profile: Profile, query: string, filter: PaperFilter, page: PageOptions): Promise<SearchResult> {
    return this.thread.ask({ kind: 'search', profile, query, filter, page }) as Promise<SearchResult>;
  }

  planSession(listing: Listing, profile: Profile | undefined): Promise<SessionPlan> {
    return this.thread.ask({ kind: 'plan', listing, profile }) as Promise<SessionPlan>;
  }

  /** The profile's topics, found on the engine's index, which this thread keeps. */
  topics(profile: Profile): Promise<ProfileTopic[]> {
    return this.thread.ask({ kind: 'topics', profile }) as Promise<ProfileTopic[]>;
  }

  start(): void {
    this.thread.start();
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
