// Digests: a profile's latest ones, a new one made (or previewed), and the profile's feed.
// Reading the feed never makes a digest: a feed reader polls every few minutes, and would
// otherwise use up the new papers unseen. Digests are made by `paperscout digest` (e.g. from
// cron) or by POST /api/profiles/:name/digests (the web app's digest page); the feed shows the
// papers of the latest of them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Writer } from '../writer.ts';
import { FEED_DIGESTS, latestDigests } from '../../actions/digest.ts';
import { digestAtom } from '../../export/digest-atom.ts';
import { findProfile } from '../profile-lookup.ts';
import { BUSY } from './listings.ts';
import { Digest, DigestRequest, Digests, DigestsQuery, FeedFile, FeedParams, Problem, ProfileParams } from '../schemas.ts';

export const digestsRoutes: FastifyPluginAsyncTypebox<{ library: Library; writer: Writer }> = async (app, { library, writer }) => {
  app.get(
    '/api/profiles/:name/digests',
    {
      schema: {
        summary: "The profile's latest digests, newest first, as they were shown (their papers as they now are)",
        tags: ['digests'],
        params: ProfileParams,
        querystring: DigestsQuery,
        response: { 200: Digests, 404: Problem },
      },
    },
    (request) => latestDigests(library, findProfile(library, request.params.name).name, request.query.limit),
  );

  app.post(
    '/api/profiles/:name/digests',
    {
      schema: {
        summary: "Make the profile's digest: the papers new since its last one, ranked with reasons, each work once, recorded as shown (dryRun: a preview that records nothing)",
        tags: ['digests'],
        params: ProfileParams,
        body: DigestRequest,
        response: { 200: Digest, 201: Digest, 404: Problem, 422: Problem, ...BUSY },
      },
    },
    async (request, reply) => {
      const made = await writer.write<Digest>({ kind: 'makeDigest', name: request.params.name, body: request.body });
      reply.code(made.id === undefined ? 200 : 201).send(made);
    },
  );

  app.get(
    '/feeds/:name.atom',
    {
      schema: {
        summary: `The profile's feed: the papers of its latest ${FEED_DIGESTS} digests. Reading it records nothing; digests are made by the CLI or POST /api/profiles/{name}/digests`,
        tags: ['digests'],
        params: FeedParams,
        response: { 200: FeedFile, 404: Problem },
      },
    },
    (request, reply) => {
      const profile = findProfile(library, request.params.name);
      const feed = digestAtom(latestDigests(library, profile.name, FEED_DIGESTS), {
        profile: profile.name,
        scope: library.file,
        updatedWhenEmpty: profile.createdAt,
        selfUrl: `${request.protocol}://${request.host}/feeds/${encodeURIComponent(profile.name)}.atom`,
      });
      reply.type('application/atom+xml; charset=utf-8').send(feed);
    },
  );
};
