// Reading the library: papers with filters, one paper with its versions, search, venues, totals.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { SearchPool } from '../search-pool.ts';
import type { Relevance } from '../relevance.ts';
import { findProfile } from '../profile-lookup.ts';
import type { PaperFilter } from '../../library/papers.ts';
import { notFound } from '../problems.ts';
import { IdParams, PaperDetail, PaperListQuery, PaperPage, Problem, SearchQuery, SearchResult, Stats, Venues } from '../schemas.ts';

export function filterOf(query: PaperFilter): PaperFilter {
  const { venue, year, listing, session, author } = query;
  return { venue, year, listing, session, author };
}

export const papersRoutes: FastifyPluginAsyncTypebox<{ library: Library; search: SearchPool; relevance: Relevance }> = async (app, { library, search, relevance }) => {
  app.get(
    '/api/papers',
    {
      schema: {
        summary: 'Papers matching filters (in listing order when one listing is named), a page at a time',
        tags: ['papers'],
        querystring: PaperListQuery,
        response: { 200: PaperPage, 400: Problem },
      },
    },
    (request) => library.papers(filterOf(request.query), { limit: request.query.limit, offset: request.query.offset }),
  );

  app.get(
    '/api/papers/:id',
    {
      schema: {
        summary: 'One paper, with the listings it appears in and its possible other versions',
        tags: ['papers'],
        params: IdParams,
        response: { 200: PaperDetail, 404: Problem },
      },
    },
    (request) => {
      const paper = library.paper(request.params.id);
      if (!paper) throw notFound(`paper with id ${request.params.id}`);
      return { paper, possibleDuplicates: library.possibleDuplicates(paper.id) };
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Full-text search: words, "quoted phrases" and prefix* terms, all required; matches come as segments. With `profile`, the best 200 matches in the order of relevance to it, `score` being its score',
        tags: ['papers'],
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { q, limit, offset, profile } = request.query;
      if (profile) return relevance.search(findProfile(library, profile), q, filterOf(request.query), { limit, offset });
      // Already JSON of the SearchResult shape (see searchResponse), which fastify sends as it is.
      const body = await search.search(q, filterOf(request.query), { limit, offset });
      return reply.type('application/json; charset=utf-8').send(body as unknown as SearchResult);
    },
  );

  app.get(
    '/api/venues',
    { schema: { summary: 'Venues with their paper counts, most papers first', tags: ['papers'], response: { 200: Venues } } },
    () => library.venues(),
  );

  app.get(
    '/api/stats',
    { schema: { summary: 'What the library holds', tags: ['papers'], response: { 200: Stats } } },
    () => library.stats(),
  );
};
