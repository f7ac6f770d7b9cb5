// Profiles: a researcher's own papers (from files, pasted abstracts or their name in the
// library) and their ratings, which recommendations follow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ParsedListing, Profile } from '../../types.ts';
import type { Library } from '../../library/library.ts';
import { hashText } from '../../library/files.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { parseUpload, type UploadedFile } from '../uploads.ts';
import { UPLOAD_BODY_LIMIT } from './listings.ts';
import {
  AuthorList,
  AuthorQuery,
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
  RatingParams,
  type RatingValue,
} from '../schemas.ts';

const RATINGS: Record<RatingValue, 1 | -1 | 0> = { up: 1, down: -1, clear: 0 };

export function findProfile(library: Library, name: string): Profile {
  const profile = library.profile(name);
  if (!profile) throw notFound(`profile named "${name}"`);
  return profile;
}

function summary(profile: Profile): ProfileSummary {
  return { name: profile.name, createdAt: profile.createdAt, papers: profile.paperIds.length, ratings: Object.keys(profile.ratings).length };
}

/** Abstracts pasted one per paragraph become a publication list of `Abstract:` lines, the format made for them. */
function abstractsFile(profileName: string, abstracts: string): UploadedFile {
  const paragraphs = abstracts.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { fileName: `${profileName} (pasted abstracts).txt`, text: paragraphs.map((p) => `Abstract: ${p}`).join('\n\n'), format: 'abstract-list' };
}

interface ParsedFile {
  file: UploadedFile;
  parsed: ParsedListing;
}

/** Every file is parsed before anything is stored, so one bad file leaves the library as it was. */
function parseAdditions(profileName: string, additions: ProfileAdditions): ParsedFile[] {
  const files = (additions.files ?? []).map((file, index) => ({ file, parsed: parseUpload(file, `body.files.${index}`) }));
  if (additions.abstracts) {
    const file = abstractsFile(profileName, additions.abstracts);
    files.push({ file, parsed: parseUpload(file, 'body.abstracts') });
  }
  return files;
}

function addAuthor(library: Library, profile: Profile, author: string): { found: number; added: number } {
  const result = library.addAuthorToProfile(profile, author);
  if (result.found === 0) {
    const similar = library.authors(author, 5).map((a) => `${a.name} (${a.papers})`);
    throw new HttpProblem(422, `no papers by "${author}" in the library${similar.length > 0 ? `; similar names: ${similar.join(', ')}` : ''}`, {
      field: 'body.author',
    });
  }
  return result;
}

function addFiles(library: Library, profile: Profile, files: readonly ParsedFile[]): { found: number; added: number } {
  const outcomes = files.map(({ file, parsed }) => library.addListing(parsed, file.fileName, hashText(file.text)));
  return {
    found: outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0),
    added: library.addListingsToProfile(profile, outcomes.map((outcome) => outcome.listing.id)),
  };
}

function requireSomething(additions: ProfileAdditions): void {
  if (!additions.files?.length && !additions.abstracts && !additions.author) {
    throw new HttpProblem(400, 'say where the papers are: files, pasted abstracts and/or an author name', { field: 'body' });
  }
}

export const profilesRoutes: FastifyPluginAsyncTypebox<{ library: Library }> = async (app, { library }) => {
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
        response: { 201: ProfileAdded, 400: Problem, 409: Problem, 413: Problem, 422: Problem },
      },
    },
    (request, reply) => {
      const { name, ...additions } = request.body;
      requireSomething(additions);
      if (library.profile(name)) throw new HttpProblem(409, `a profile named "${name}" exists already`, { field: 'body.name' });
      const files = parseAdditions(name, additions);
      library.createProfile(name);
      const profile = library.profile(name)!;
      let byAuthor = { found: 0, added: 0 };
      try {
        if (additions.author) byAuthor = addAuthor(library, profile, additions.author);
      } catch (error) {
        library.deleteProfile(name);
        throw error;
      }
      const byFiles = addFiles(library, profile, files);
      reply.code(201).send({ profile: summary(findProfile(library, name)), added: byAuthor.added + byFiles.added, listed: byAuthor.found + byFiles.found });
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
        ratings: rated.map((paper) => ({ paper, rating: profile.ratings[paper.id] })),
      };
    },
  );

  app.delete(
    '/api/profiles/:name',
    { schema: { summary: 'Delete a profile (its papers stay in the library)', tags: ['profiles'], params: ProfileParams, response: { 204: NoContent, 404: Problem } } },
    (request, reply) => {
      if (!library.deleteProfile(request.params.name)) throw notFound(`profile named "${request.params.name}"`);
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
        response: { 200: ProfileAdded, 400: Problem, 404: Problem, 413: Problem, 422: Problem },
      },
    },
    (request) => {
      const profile = findProfile(library, request.params.name);
      requireSomething(request.body);
      const files = parseAdditions(profile.name, request.body);
      const byAuthor = request.body.author ? addAuthor(library, profile, request.body.author) : { found: 0, added: 0 };
      const byFiles = addFiles(library, profile, files);
      return { profile: summary(findProfile(library, profile.name)), added: byAuthor.added + byFiles.added, listed: byAuthor.found + byFiles.found };
    },
  );

  app.put(
    '/api/profiles/:name/ratings/:paperId',
    {
      schema: {
        summary: 'Like (up) or dislike (down) a paper, or forget the rating (clear); later recommendations follow',
        tags: ['profiles'],
        params: RatingParams,
        body: RatingBody,
        response: { 200: ProfileSummary, 404: Problem },
      },
    },
    (request) => {
      const profile = findProfile(library, request.params.name);
      if (!library.paper(request.params.paperId)) throw notFound(`paper with id ${request.params.paperId}`);
      library.rate(profile, request.params.paperId, RATINGS[request.body.rating]);
      return summary(findProfile(library, profile.name));
    },
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
};
