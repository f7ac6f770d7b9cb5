// Collections: reading lists kept by name, filled from cards, pages and the planner's
// short-list, and downloaded for a citation manager.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Writer } from '../writer.ts';
import { exportCollection, showCollection } from '../../actions/collections.ts';
import { NotFoundError } from '../../actions/errors.ts';
import { HttpProblem } from '../problems.ts';
import { fileNameStem } from './plan.ts';
import { BUSY } from './listings.ts';
import {
  CollectionAdditions,
  CollectionChange,
  CollectionDetail,
  CollectionExportQuery,
  CollectionFile,
  CollectionPaperParams,
  CollectionParams,
  CollectionSummaries,
  NoContent,
  Problem,
  ShortlistSave,
} from '../schemas.ts';

const FILES = {
  bibtex: { type: 'application/x-bibtex', extension: 'bib' },
  ris: { type: 'application/x-research-info-systems', extension: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json', extension: 'json' },
} as const;

/** A use case's "no such collection" as the API's 404. */
function found<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof NotFoundError) throw new HttpProblem(404, error.message);
    throw error;
  }
}

export const collectionsRoutes: FastifyPluginAsyncTypebox<{ library: Library; writer: Writer }> = async (app, { library, writer }) => {
  app.get('/api/collections', { schema: { summary: 'All collections', tags: ['collections'], response: { 200: CollectionSummaries } } }, () => library.collections());

  app.get(
    '/api/collections/:name',
    { schema: { summary: "A collection's papers, in its order", tags: ['collections'], params: CollectionParams, response: { 200: CollectionDetail, 404: Problem } } },
    (request) => {
      const { collection, papers } = found(() => showCollection(library, request.params.name));
      return { ...collection, papers };
    },
  );

  app.post(
    '/api/collections/:name/papers',
    {
      schema: {
        summary: 'Add papers to a collection, made if new (each paper once; added at the end)',
        tags: ['collections'],
        params: CollectionParams,
        body: CollectionAdditions,
        response: { 200: CollectionChange, 404: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<CollectionChange>({ kind: 'addToCollection', name: request.params.name, body: request.body }),
  );

  app.post(
    '/api/collections/:name/shortlist',
    {
      schema: {
        summary: "Save a session plan's short-list as a collection: the papers ticked, or the plan's liked and first 10 ranked papers for a profile",
        tags: ['collections'],
        params: CollectionParams,
        body: ShortlistSave,
        response: { 200: CollectionChange, 404: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<CollectionChange>({ kind: 'saveShortlist', name: request.params.name, body: request.body }),
  );

  app.delete(
    '/api/collections/:name/papers/:paperId',
    {
      schema: { summary: 'Remove a paper from a collection', tags: ['collections'], params: CollectionPaperParams, response: { 200: CollectionChange, 404: Problem, ...BUSY } },
    },
    (request) => writer.write<CollectionChange>({ kind: 'removeFromCollection', name: request.params.name, paperId: request.params.paperId }),
  );

  app.delete(
    '/api/collections/:name',
    { schema: { summary: 'Delete a collection (its papers stay in the library)', tags: ['collections'], params: CollectionParams, response: { 204: NoContent, 404: Problem, ...BUSY } } },
    async (request, reply) => {
      await writer.write({ kind: 'deleteCollection', name: request.params.name });
      reply.code(204).send(null);
    },
  );

  app.get(
    '/api/collections/:name/export',
    {
      schema: {
        summary: 'A collection as BibTeX, RIS or CSL-JSON, which Zotero and other citation managers import',
        tags: ['collections'],
        params: CollectionParams,
        querystring: CollectionExportQuery,
        response: { 200: CollectionFile, 404: Problem },
      },
    },
    (request, reply) => {
      const { format } = request.query;
      const text = found(() => exportCollection(library, request.params.name, format));
      reply
        .type(`${FILES[format].type}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${fileNameStem(request.params.name) || 'collection'}.${FILES[format].extension}"`)
        .send(text);
    },
  );
};
