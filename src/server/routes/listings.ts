// Listings: what has been ingested, and adding one from pasted or uploaded text, with a
// preview of exactly what saving would do.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Writer } from '../writer.ts';
import { ListingReport, Listings, ListingUpload, Problem } from '../schemas.ts';

/** Listing uploads may be whole proceedings (the largest paperlists file is under 5 MB). */
export const UPLOAD_BODY_LIMIT = 16 * 1024 * 1024;

/** What every write may answer besides its own statuses: the library busy with another writer. */
export const BUSY = { 503: Problem };

export const listingsRoutes: FastifyPluginAsyncTypebox<{ library: Library; writer: Writer }> = async (app, { library, writer }) => {
  app.get(
    '/api/listings',
    { schema: { summary: 'Every listing ingested, oldest first', tags: ['listings'], response: { 200: Listings } } },
    () => library.listings(),
  );

  app.post(
    '/api/listings/preview',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: 'Parse a listing and report what saving it would add, without storing anything',
        tags: ['listings'],
        body: ListingUpload,
        response: { 200: ListingReport, 400: Problem, 413: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ListingReport>({ kind: 'previewListing', body: request.body }),
  );

  app.post(
    '/api/listings',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: 'Ingest a listing (all of it or nothing); the same file twice adds nothing',
        tags: ['listings'],
        body: ListingUpload,
        response: { 200: ListingReport, 201: ListingReport, 400: Problem, 413: Problem, 422: Problem, ...BUSY },
      },
    },
    async (request, reply) => {
      const report = await writer.write<ListingReport>({ kind: 'saveListing', body: request.body });
      reply.code(report.saved ? 201 : 200).send(report);
    },
  );
};
