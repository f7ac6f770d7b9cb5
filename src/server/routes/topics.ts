// A profile's topics: listed as the engine finds them (in the relevance thread, which keeps the
// index), and renamed, merged, split or rearranged by the researcher (in the writer thread).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Relevance } from '../relevance.ts';
import type { Writer } from '../writer.ts';
import type { TopicEdit } from '../writes.ts';
import { findProfile } from '../profile-lookup.ts';
import { BUSY } from './listings.ts';
import { Problem, ProfileParams, ProfilePaperParams, ProfileTopics, TopicMerge, TopicMove, TopicParams, TopicRename } from '../schemas.ts';

/** What every edit answers: the topics as they now are, with new keys. */
const EDITED = { 200: ProfileTopics, 400: Problem, 404: Problem, 422: Problem, ...BUSY };

export const topicsRoutes: FastifyPluginAsyncTypebox<{ library: Library; relevance: Relevance; writer: Writer }> = async (app, { library, relevance, writer }) => {
  const edit = (name: string, topicEdit: TopicEdit) => writer.write<ProfileTopics>({ kind: 'editTopics', name, edit: topicEdit });

  app.get(
    '/api/profiles/:name/topics',
    {
      schema: {
        summary: "A profile's topics: its own and liked papers grouped by the engine, as the researcher has named and arranged them",
        tags: ['topics'],
        params: ProfileParams,
        response: { 200: ProfileTopics, 404: Problem },
      },
    },
    async (request) => ({ topics: await relevance.topics(findProfile(library, request.params.name)) }),
  );

  app.patch(
    '/api/profiles/:name/topics/:key',
    { schema: { summary: 'Give a topic your own name', tags: ['topics'], params: TopicParams, body: TopicRename, response: EDITED } },
    (request) => edit(request.params.name, { op: 'rename', key: request.params.key, name: request.body.name }),
  );

  app.post(
    '/api/profiles/:name/topics/:key/merge',
    { schema: { summary: 'Move the papers of topic `from` into this topic, which keeps its name', tags: ['topics'], params: TopicParams, body: TopicMerge, response: EDITED } },
    (request) => edit(request.params.name, { op: 'merge', into: request.params.key, from: request.body.from }),
  );

  app.post(
    '/api/profiles/:name/topics/:key/split',
    { schema: { summary: 'Split a topic of two or more papers in two, by how close its papers are', tags: ['topics'], params: TopicParams, response: EDITED } },
    (request) => edit(request.params.name, { op: 'split', key: request.params.key }),
  );

  app.put(
    '/api/profiles/:name/papers/:paperId/topic',
    {
      schema: { summary: "Move one of the profile's own papers to a topic, or (null) to a topic of its own", tags: ['topics'], params: ProfilePaperParams, body: TopicMove, response: EDITED },
    },
    (request) => edit(request.params.name, { op: 'move', paperId: request.params.paperId, into: request.body.topic }),
  );
};
