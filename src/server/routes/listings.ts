// Listings: what has been ingested, and adding one from pasted or uploaded text, with a
// preview of exactly what saving would do.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ParsedListing } from '../../types.ts';
import type { Library } from '../../library/library.ts';
import type { IngestOutcome } from '../../library/ingest.ts';
import { hashText } from '../../library/files.ts';
import { ListingReport, Listings, ListingUpload, Problem } from '../schemas.ts';
import { parseUpload } from '../uploads.ts';

/** Listing uploads may be whole proceedings (the largest paperlists file is under 5 MB). */
export const UPLOAD_BODY_LIMIT = 16 * 1024 * 1024;
const PREVIEW_PAPERS = 100;

function listingReport(parsed: ParsedListing, outcome: IngestOutcome, saved: boolean): ListingReport {
  return {
    saved: saved && outcome.added,
    alreadyInLibrary: !outcome.added,
    format: parsed.format,
    fromHtml: parsed.fromHtml ?? false,
    meta: parsed.meta,
    count: parsed.papers.length,
    withoutAbstract: parsed.papers.filter((paper) => !paper.abstract).length,
    newPapers: outcome.newPapers,
    mergedPapers: outcome.mergedPapers,
    versionLinks: outcome.versionLinks,
    warnings: parsed.warnings ?? [],
    papers: parsed.papers.slice(0, PREVIEW_PAPERS).map((paper) => ({
      title: paper.title,
      titleDerived: paper.titleDerived ?? false,
      authors: paper.authors,
      hasAbstract: Boolean(paper.abstract),
    })),
    ...(saved || !outcome.added ? { listing: outcome.listing } : {}),
  };
}

export const listingsRoutes: FastifyPluginAsyncTypebox<{ library: Library }> = async (app, { library }) => {
  app.get(
    '/api/listings',
    { schema: { summary: 'Every listing ingested, oldest first', tags: ['listings'], response: { 200: Listings } } },
    () => library.listings(),
  );

  const upload = (saved: boolean) => (body: ListingUpload) => {
    const parsed = parseUpload(body, 'body.text');
    const labels = { venue: body.venue, year: body.year, session: body.session };
    const hash = hashText(body.text);
    const outcome = saved ? library.addListing(parsed, body.fileName, hash, labels) : library.previewListing(parsed, body.fileName, hash, labels);
    return listingReport(parsed, outcome, saved);
  };
  const preview = upload(false);
  const save = upload(true);

  app.post(
    '/api/listings/preview',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: 'Parse a listing and report what saving it would add, without storing anything',
        tags: ['listings'],
        body: ListingUpload,
        response: { 200: ListingReport, 400: Problem, 413: Problem, 422: Problem },
      },
    },
    (request) => preview(request.body),
  );

  app.post(
    '/api/listings',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        summary: 'Ingest a listing (all of it or nothing); the same file twice adds nothing',
        tags: ['listings'],
        body: ListingUpload,
        response: { 200: ListingReport, 201: ListingReport, 400: Problem, 413: Problem, 422: Problem },
      },
    },
    (request, reply) => {
      const report = save(request.body);
      reply.code(report.saved ? 201 : 200).send(report);
    },
  );
};
