// Listings: what has been ingested; adding one from pasted or uploaded text, with a preview of
// exactly what saving would do; renaming and relabelling one; removing one, with a preview of
// what removing would delete.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Writer } from '../writer.ts';
import { IdParams, ListingEdit, ListingEdited, ListingRemoval, ListingReport, Listings, ListingUpload, Problem } from '../schemas.ts';
import { notFound } from '../problems.ts';

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

  app.patch(
    '/api/listings/:id',
    {
      schema: {
        summary: "Rename or relabel a listing; its papers that carry the old venue, year or session (or none) take the new one",
        tags: ['listings'],
        params: IdParams,
        body: ListingEdit,
        response: { 200: ListingEdited, 400: Problem, 404: Problem, 409: Problem, 422: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ListingEdited>({ kind: 'editListing', id: request.params.id, body: request.body }),
  );

  app.get(
    '/api/listings/:id/removal',
    {
      schema: {
        summary: 'What removing a listing would do: the papers no other listing holds are deleted, with their ratings and places in profiles; nothing is changed',
        tags: ['listings'],
        params: IdParams,
        response: { 200: ListingRemoval, 404: Problem },
      },
    },
    (request) => {
      const listing = library.listingById(request.params.id);
      if (!listing) throw notFound(`listing with id ${request.params.id}`);
      return { removed: false, ...library.listingRemoval(listing) };
    },
  );

  app.delete(
    '/api/listings/:id',
    {
      schema: {
        summary: 'Remove a listing; the papers no other listing holds are deleted, with their ratings and places in profiles',
        tags: ['listings'],
        params: IdParams,
        response: { 200: ListingRemoval, 404: Problem, ...BUSY },
      },
    },
    (request) => writer.write<ListingRemoval>({ kind: 'removeListing', id: request.params.id }),
  );
};
