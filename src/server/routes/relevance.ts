// Recommendations for a profile and papers similar to a paper or a pasted text.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Relevance } from '../relevance.ts';
import { notFound } from '../problems.ts';
import { IdParams, LimitQuery, Problem, ProfileParams, RecommendQuery, RecommendResult, SimilarResult, SimilarTextBody } from '../schemas.ts';
import { filterOf } from './papers.ts';
import { findProfile } from '../profile-lookup.ts';

export const relevanceRoutes: FastifyPluginAsyncTypebox<{ library: Library; relevance: Relevance }> = async (app, { library, relevance }) => {
  app.get(
    '/api/profiles/:name/recommendations',
    {
      schema: {
        summary: "Papers ranked for a profile, best first, with reasons; the profile's own papers among the candidates come apart as `yours`",
        tags: ['relevance'],
        params: ProfileParams,
        querystring: RecommendQuery,
        response: { 200: RecommendResult, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const profile = findProfile(library, request.params.name);
      if (request.query.listing && !library.listing(request.query.listing)) throw notFound(`listing named "${request.query.listing}"`);
      return relevance.recommend(profile, filterOf(request.query), request.query.limit, { byTopic: request.query.byTopic });
    },
  );

  app.get(
    '/api/papers/:id/similar',
    {
      schema: {
        summary: 'Library papers most similar to this one',
        tags: ['relevance'],
        params: IdParams,
        querystring: LimitQuery,
        response: { 200: SimilarResult, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      if (!library.paper(request.params.id)) throw notFound(`paper with id ${request.params.id}`);
      return { results: await relevance.similar({ paperId: request.params.id }, request.query.limit) };
    },
  );

  app.post(
    '/api/similar',
    {
      schema: {
        summary: 'Library papers most similar to a pasted text (an abstract, a title)',
        tags: ['relevance'],
        body: SimilarTextBody,
        response: { 200: SimilarResult, 400: Problem },
      },
    },
    async (request) => ({ results: await relevance.similar({ text: request.body.text }, request.body.limit) }),
  );
};
