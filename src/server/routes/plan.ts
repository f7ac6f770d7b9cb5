// Session plans: one listing's papers in the order to visit them, and the short-list a
// researcher ticked in it, as a Markdown checklist or a calendar file downloaded by a plain link.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Library } from '../../library/library.ts';
import type { Relevance } from '../relevance.ts';
import { parseSessionTime, planIcs, planMarkdown, type PlannedPaper, type SessionTime } from '../../export/session-plan.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { PlanFile, PlanQuery, Problem, SessionPlan, SessionPlanQuery } from '../schemas.ts';
import { findProfile } from '../profile-lookup.ts';

function sessionTime(value: string | null | undefined, field: string): SessionTime | undefined {
  if (!value) return undefined;
  const time = parseSessionTime(value);
  if (!time) throw new HttpProblem(400, `${field} must be an ISO 8601 date and time such as 2024-05-08T10:30, not "${value}"`, { field });
  return time;
}

/** A name (a listing's, a collection's) as the start of a file name, safe in a Content-Disposition header; empty when nothing of it is. */
export const fileNameStem = (name: string) => name.replace(/\.[a-z0-9]+$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');

const downloadName = (listingName: string, extension: string) => `${fileNameStem(listingName) || 'session'}-plan.${extension}`;

export const planRoutes: FastifyPluginAsyncTypebox<{ library: Library; relevance: Relevance }> = async (app, { library, relevance }) => {
  app.get(
    '/api/session-plan',
    {
      schema: {
        summary: "A listing's papers in the order to visit them: with a profile, its own work and liked papers first (marked), then ranked with reasons, then the rest",
        tags: ['plan'],
        querystring: SessionPlanQuery,
        response: { 200: SessionPlan, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    (request) => {
      const listing = library.listing(request.query.listing);
      if (!listing) throw notFound(`listing named "${request.query.listing}"`);
      const profile = request.query.profile ? findProfile(library, request.query.profile) : undefined;
      return relevance.planSession(listing, profile);
    },
  );

  app.get(
    '/api/plan',
    {
      schema: {
        summary: 'Export a short-list of one listing as Markdown or as an iCalendar event (needs the session time: from the listing or `start`)',
        tags: ['plan'],
        querystring: PlanQuery,
        response: {
          200: PlanFile,
          400: Problem,
          404: Problem,
          422: Problem,
        },
      },
    },
    (request, reply) => {
      const query = request.query;
      const listing = library.listing(query.listing);
      if (!listing) throw notFound(`listing named "${query.listing}"`);
      const ownWork = query.profile ? library.ownWork(findProfile(library, query.profile)) : new Map<number, number>();
      const planned: PlannedPaper[] = library.papersById(query.ids).map((paper) => ({
        paper,
        position: paper.listings.find((where) => where.listingId === listing.id)?.position,
        yours: ownWork.has(paper.id),
      }));
      const start = sessionTime(query.start, 'query.start') ?? sessionTime(listing.startsAt, 'listing.startsAt');
      const end = sessionTime(query.end, 'query.end') ?? (query.start ? undefined : sessionTime(listing.endsAt, 'listing.endsAt'));
      if (query.format === 'md') {
        reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${downloadName(listing.name, 'md')}"`)
          .send(planMarkdown(listing, planned, start, end));
        return;
      }
      if (!start) throw new HttpProblem(422, `the time of "${listing.name}" is not known: give it as start (and end)`, { field: 'query.start' });
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${downloadName(listing.name, 'ics')}"`)
        .send(planIcs(listing, planned, start, end));
    },
  );
};
