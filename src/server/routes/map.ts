// The library map: its regions and tables (JSON), its points (one binary body, see
// src/map-points.ts), what it highlights for a profile and a listing, and the papers of a
// selection.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Relevance } from '../relevance.ts';
import type { Writer } from '../writer.ts';
import { MAP_RECOMMENDATIONS, profileHighlights } from '../../actions/library-map.ts';
import type { MapReader } from '../map-reader.ts';
import { findProfile } from '../profile-lookup.ts';
import { notFound, sendProblem } from '../problems.ts';
import { BUSY } from './listings.ts';
import { MapHighlights, MapHighlightsQuery, MapInfo, MapPapers, MapPapersBody, MapPointsQuery, MapProfileBody, Problem, ProfileSummary } from '../schemas.ts';

export const mapRoutes: FastifyPluginAsyncTypebox<{ library: Library; relevance: Relevance; writer: Writer; map: MapReader }> = async (
  app,
  { library, relevance, writer, map: reader },
) => {

  app.get(
    '/api/map',
    {
      schema: {
        summary: 'The library map: whether it is laid out, its regions with their key words, and the venue and listing tables its points refer to',
        tags: ['map'],
        response: { 200: MapInfo },
      },
    },
    async () => {
      const { version, map } = await reader.current();
      return {
        ready: map.summary !== undefined,
        papers: map.points.ids.length,
        placed: map.summary?.placed ?? 0,
        builtAt: map.summary?.builtAt ?? null,
        bounds: map.bounds,
        regions: map.regions,
        venues: map.venues,
        listings: map.listings,
        version: String(version),
      };
    },
  );

  app.get(
    '/api/map/points',
    {
      schema: {
        summary: 'Every point of the map as one binary body (application/octet-stream)',
        description:
          'Little-endian: u32 n, then u32 paper ids[n], f32 x[n], f32 y[n], u16 region[n], u16 venue[n], u16 year[n], u16 listing[n]; venue and listing index the tables of GET /api/map (65535: none), year 0 is none. `version` must be the one GET /api/map gave: 409 when the map has changed since.',
        tags: ['map'],
        querystring: MapPointsQuery,
      },
    },
    async (request, reply) => {
      const { version, body } = await reader.current();
      if (request.query.version !== String(version)) return sendProblem(reply, 409, 'the map changed since GET /api/map: ask for it again');
      return reply.type('application/octet-stream').header('cache-control', 'no-store').send(Buffer.from(body));
    },
  );

  app.get(
    '/api/map/highlights',
    {
      schema: {
        summary: "What the map highlights: a listing's papers, and a profile's own and liked papers, its topics and its recommendations",
        tags: ['map'],
        querystring: MapHighlightsQuery,
        response: { 200: MapHighlights, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const result: MapHighlights = {};
      if (request.query.listing) {
        const listing = library.listing(request.query.listing);
        if (!listing) throw notFound(`listing named "${request.query.listing}"`);
        result.listing = { name: listing.name, paperIds: library.paperIds({ listing: listing.name }) };
      }
      if (request.query.profile) {
        const profile = findProfile(library, request.query.profile);
        result.profile = profileHighlights(profile, await relevance.recommend(profile, {}, MAP_RECOMMENDATIONS));
      }
      return result;
    },
  );

  app.post(
    '/api/map/papers',
    {
      schema: {
        summary: 'The papers of a selection on the map (at most 500 ids), in the order asked; ids of no paper are left out',
        tags: ['map'],
        body: MapPapersBody,
        response: { 200: MapPapers, 400: Problem },
      },
    },
    (request) => {
      const byId = new Map(library.papersById(request.body.ids).map((paper) => [paper.id, paper]));
      return { papers: request.body.ids.flatMap((id) => byId.get(id) ?? []) };
    },
  );

  app.post(
    '/api/map/profile',
    {
      schema: {
        summary: 'A new profile that likes the papers of a selection on the map (a cold start without papers of your own)',
        tags: ['map'],
        body: MapProfileBody,
        response: { 201: ProfileSummary, 400: Problem, 409: Problem, ...BUSY },
      },
    },
    async (request, reply) => {
      reply.code(201).send(await writer.write<ProfileSummary>({ kind: 'profileLiking', name: request.body.name, paperIds: request.body.paperIds }));
    },
  );
};
