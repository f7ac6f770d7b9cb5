// Search that knows the researcher: the best full-text matches re-ranked by their relevance to
// a profile, so "diffusion" finds first the diffusion papers closest to their work.
import type { Profile } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { PageOptions, PaperFilter } from '../library/papers.ts';
import { RANKING_DEPTH, type SearchResult } from '../library/search.ts';
import { LibraryRanker } from '../engine/library-ranking.ts';
import { ProfileError } from '../engine/errors.ts';
import { findTopics, rankerInputs, rankingProfile } from './topics.ts';
import { shippedBackground } from './library-features.ts';

/**
 * This many of the best matches by BM25 are re-ranked: what a search names beyond them is too
 * loosely matched to be worth ordering, and it is the depth the library remembers rankings to.
 */
export const PROFILE_SEARCH_DEPTH = RANKING_DEPTH;

/**
 * The matches of a query, the best PROFILE_SEARCH_DEPTH of them in the order of a profile's
 * score (its papers and its ratings, as recommendations take them), each
 * hit's `score` being that score; `total` counts all the matches.
 */
export function searchForProfile(library: PaperStore, profile: Profile, query: string, filter: PaperFilter, page: PageOptions = {}): SearchResult {
  const matches = library.search(query, filter, { limit: PROFILE_SEARCH_DEPTH });
  const found = findTopics(library, profile);
  const { features, statistics, index } = found;
  if (features.size === 0) throw new ProfileError(`profile "${profile.name}" has no papers yet to order the matches by`);
  const dislikedIds = Object.entries(profile.ratings).flatMap(([id, r]) => (r < 0 && index.rowOf(Number(id)) !== undefined ? [Number(id)] : []));
  const scored = matches.hits.filter((hit) => index.rowOf(hit.paper.id) !== undefined);
  const inputs = rankerInputs(profile, [...features.keys()], dislikedIds);
  const ranker = new LibraryRanker(index, statistics, shippedBackground().reference, rankingProfile(found, inputs));
  const scores = ranker.scores(Uint32Array.from(scored, (hit) => index.rowOf(hit.paper.id)!));
  const ranked = scored.map((hit, i) => ({ ...hit, score: Math.round(scores[i] * 1000) / 1000 })).sort((a, b) => b.score - a.score || a.paper.id - b.paper.id);
  const offset = page.offset ?? 0;
  return { total: matches.total, hits: ranked.slice(offset, offset + (page.limit ?? 20)) };
}
