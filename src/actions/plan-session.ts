// Planning a poster session: one listing's papers in the order a researcher would visit them,
// each marked with what it is to them, so a front end shows the plan as it comes.
import type { Listing, Paper, Profile } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import { recommend, type Match, type Reason } from './recommend.ts';

/** The most papers one plan holds: a whole conference's listing is smaller (the largest paperlists file, eccv2022, has 1,645). */
export const PLAN_MAX_PAPERS = 5000;

export interface PlanEntry {
  paper: Paper;
  /** Why the paper is not ranked: it is the researcher's own work, or they rated it. */
  mark?: 'yours' | 'liked' | 'rated down';
  /** 1-based place among the ranked papers, with the score and reasons that put it there. */
  ranked?: { rank: number; score: number; match: Match; reasons: Reason[] };
}

export interface SessionPlan {
  listing: Listing;
  /** False without a profile: the entries are then in the listing's order. */
  ranked: boolean;
  entries: PlanEntry[];
  /** How many of the listing's papers the plan leaves out, as it holds about PLAN_MAX_PAPERS at most: none but for a listing larger than any conference's. */
  omitted: number;
}

/**
 * With a profile: its own work first, then the papers it liked, then the ranking, then what the
 * ranking leaves out (papers rated down, in the listing's order), so the plan shows the whole
 * session. Without one, the listing in its order.
 */
export function planSession(library: PaperStore, listing: Listing, profile: Profile | undefined): SessionPlan {
  const limit = Math.min(listing.paperCount, PLAN_MAX_PAPERS);
  const { total, papers: inOrder } = library.papers({ listing: listing.name }, { limit });
  if (!profile) return { listing, ranked: false, entries: inOrder.map((paper) => ({ paper })), omitted: total - inOrder.length };
  const result = recommend(library, profile, { listing: listing.name }, limit);
  const placed = new Set([...result.yours.map((y) => y.paper.id), ...result.recommendations.map((rec) => rec.paper.id)]);
  const unranked = inOrder.filter((paper) => !placed.has(paper.id));
  const rating = (paper: Paper) => profile.ratings[paper.id];
  const entries = [
    ...result.yours.map((y): PlanEntry => ({ paper: y.paper, mark: 'yours' })),
    ...unranked.filter((paper) => rating(paper) === 1).map((paper): PlanEntry => ({ paper, mark: 'liked' })),
    ...result.recommendations.map((rec, index): PlanEntry => ({ paper: rec.paper, ranked: { rank: index + 1, score: rec.score, match: rec.match, reasons: rec.reasons } })),
    ...unranked.filter((paper) => rating(paper) !== 1).map((paper): PlanEntry => (rating(paper) === -1 ? { paper, mark: 'rated down' } : { paper })),
  ];
  return { listing, ranked: true, entries, omitted: total - entries.length };
}
