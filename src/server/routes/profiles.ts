// Profiles: a researcher's own papers (from files, pasted abstracts or their name in the
// library) and their ratings, which recommendations follow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Writer } from '../writer.ts';
import { findProfile, summary } from '../profile-lookup.ts';
import { BUSY, UPLOAD_BODY_LIMIT } from './listings.ts';
import { identitiesOf } from '../../actions/profile.ts';
import {
  AuthorIdentities,
  AuthorList,
  AuthorQuery,
  IdentitiesQuery,
  NoContent,
  ProfileAdded,
  ProfileAdditions,
  ProfileCreate,
  ProfileDetail,
  ProfileParams,
  ProfileSummaries,
  ProfileSummary,
  Problem,
  RatingBody,
  ProfilePaperParams,
  PaperTitleBody,
  ProfilePaperTitle,
} from '../schemas.ts';

export const profilesRoutes: FastifyPluginAsyncTypebox<{ library: Library; writer: Writer }> = async (app, { library, writer }) => {
  app.get(
    '/api/profiles',
    { schema: { summary: 'All profiles', tags: ['profiles'], response: { 200: ProfileSummaries } } },
    () => library.profileNames().map((name) => summary(library.profile(name)!)),
  );

  app.post(
    '/api/profiles',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: "Create a profile from the researcher's papers: files, pasted abstracts and/or their name among the library's authors",
        tags: ['profiles'],
        body: ProfileCreate,
        response: { 201: ProfileAdded, 400: Problem, 409: Problem, 413: Problem, 422: Problem, ...BUSY },
      },
    },
    async (request, reply) => {
      reply.code(201).send(await writer.write<ProfileAdded>({ kind: 'createProfile', body: request.body }));
    },
  );

  app.get(
    '/api/profiles/:name',
    {
      schema: { summary: "A profile's papers and ratings", tags: ['profiles'], params: ProfileParams, response: { 200: ProfileDetail, 404: Problem } },
    },
    (request) => {
      const profile = findProfile(library, request.params.name);
      const rated = library.papersById(Object.keys(profile.ratings).map(Number));
      return {
        name: profile.name,
        createdAt: profile.createdAt,
        papers: library.papersById(profile.paperIds),
        titles: [...library.profilePaperTitles(profile)].map(([paperId, title]) => ({ paperId, title })),
        ratings: rated.map((paper) => ({ paper, rating: profile.ratings[paper.id] })),
      };
    },
  );

  app.delete(
    '/api/profiles/:name',
    {
      schema: { summary: 'Delete a profile (its papers stay in the library)', tags: ['profiles'], params: ProfileParams, response: { 204: NoContent, 404: Problem, ...BUSY } },
    },
    async (request, reply) => {
      await writer.write({ kind: 'deleteProfile', name: request.params.name });
      reply.code(204).send(null);
    },
  );

  app.post(
    '/api/profiles/:name/papers',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: 'Add papers to a profile: files, pasted abstracts and/or an author name',
        tags: ['profiles'],
        params: ProfileParams,
        body: ProfileAdditions,
        response: { 200: ProfileAdded, 400: Problem, 404: Problem, 413: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ProfileAdded>({ kind: 'addToProfile', name: request.params.name, body: request.body }),
  );

  app.put(
    '/api/profiles/:name/ratings/:paperId',
    {
      schema: {
        summary: 'Like (up) or dislike (down) a paper, or forget the rating (clear); later recommendations follow',
        tags: ['profiles'],
        params: ProfilePaperParams,
        body: RatingBody,
        response: { 200: ProfileSummary, 404: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ProfileSummary>({ kind: 'rate', name: request.params.name, paperId: request.params.paperId, rating: request.body.rating }),
  );

  app.put(
    '/api/profiles/:name/papers/:paperId/title',
    {
      schema: {
        summary: "Give one of the profile's own papers your title, which reasons name it by (null: its title in the library again)",
        tags: ['profiles'],
        params: ProfilePaperParams,
        body: PaperTitleBody,
        response: { 200: ProfilePaperTitle, 400: Problem, 404: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ProfilePaperTitle>({ kind: 'retitle', name: request.params.name, paperId: request.params.paperId, title: request.body.title }),
  );

  app.get(
    '/api/authors',
    {
      schema: {
        summary: 'Author names in the library that start like `prefix` (any word order), most papers first: for "pick my name"',
        tags: ['profiles'],
        querystring: AuthorQuery,
        response: { 200: AuthorList, 400: Problem },
      },
    },
    (request) => library.authors(request.query.prefix, request.query.limit),
  );

  app.get(
    '/api/authors/identities',
    {
      schema: {
        summary: 'The people a name may be in the library (papers connected through shared co-authors are one), for the researcher to pick theirs',
        tags: ['profiles'],
        querystring: IdentitiesQuery,
        response: { 200: AuthorIdentities, 400: Problem, 404: Problem },
      },
    },
    (request) => {
      const profile = request.query.profile === undefined ? undefined : findProfile(library, request.query.profile);
      return identitiesOf(library, request.query.name, profile).map(({ paperIds, ...identity }) => ({ ...identity, papers: paperIds.length }));
    },
  );
};
