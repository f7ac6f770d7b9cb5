// The HTTP server: a JSON API under /api/ and the web app, over one open library.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Library } from '../library/library.ts';
import { answerClientErrors, registerProblemHandlers, sendError, sendProblem } from './problems.ts';
import { Addressing } from './hosts.ts';
import { papersRoutes } from './routes/papers.ts';
import { listingsRoutes } from './routes/listings.ts';
import { profilesRoutes } from './routes/profiles.ts';
import { relevanceRoutes } from './routes/relevance.ts';
import { planRoutes } from './routes/plan.ts';
import { topicsRoutes } from './routes/topics.ts';
import { digestsRoutes } from './routes/digests.ts';
import { collectionsRoutes } from './routes/collections.ts';
import { mapRoutes } from './routes/map.ts';
import { Relevance } from './relevance.ts';
import { SearchPool } from './search-pool.ts';
import { Writer } from './writer.ts';
import { MapReader } from './map-reader.ts';

export interface ServerOptions {
  library: Library;
  /** Where recommendations are computed; by default a worker thread over the same library file. */
  relevance?: Relevance;
  /** Where searches run; by default worker threads over the same library file, one per core. */
  search?: SearchPool;
  /** Where uploads, profiles and ratings are written; by default a worker thread over the same library file. */
  writer?: Writer;
  /** The built web app (index.html, app.js, app.css); without it only the API is served. */
  webRoot?: string;
  logger?: boolean;
  /**
   * Names the server answers to besides 127.0.0.1, localhost and [::1] (host names or addresses,
   * no port): the address it is bound to when that is another, and any the person allowed
   * (`serve --allow-host`). A request must name one of them in Host, with the port listened on
   * (80 when listening on none, as with app.inject), or it gets 421; a POST, PUT, PATCH or
   * DELETE whose Origin is not one of them gets 403.
   */
  hostNames?: readonly string[];
}

/** How long after listening the threads no request has needed yet start. */
const THREADS_AFTER_MS = 2000;

/** Requests other than uploads are small: a query, a rating, an abstract to compare. */
const DEFAULT_BODY_LIMIT = 256 * 1024;

/**
 * The web app renders untrusted listing text; should a bug ever let markup through, the
 * browser still runs no script and loads nothing that is not ours.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const addressing = new Addressing(options.hostNames ?? []);
  /** The server's headers, and a problem instead of an answer when the request is not this server's. */
  const screen = (request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    reply.headers(SECURITY_HEADERS);
    const refusal = addressing.refusal(request);
    return refusal && sendProblem(reply, refusal.status, refusal.detail);
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Errors met while routing (a badly encoded URL), before any hook runs.
    frameworkErrors: (error, request, reply) => {
      if (!screen(request, reply)) sendError(error, request, reply);
    },
    clientErrorHandler: answerClientErrors(SECURITY_HEADERS),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (address && typeof address === 'object') addressing.listeningOn(address.port);
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (!screen(request, reply)) done();
  });
  registerProblemHandlers(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'paperscout',
        version: '1',
        description: 'Search a local paper library, add listings, keep research profiles and get recommendations with reasons.',
      },
    },
  });
  const relevance = options.relevance ?? new Relevance(options.library.file);
  const search = options.search ?? new SearchPool(options.library.file);
  const writer = options.writer ?? new Writer(options.library.file);
  const map = new MapReader(options.library);
  let laterStarts: NodeJS.Timeout | undefined;
  app.addHook('onClose', async () => {
    clearTimeout(laterStarts);
    await Promise.all([relevance.close(), search.close(), writer.close(), map.close()]);
  });
  app.addHook('onListen', async () => {
    // The map is read at once, so that the map page's first visit does not wait for it.
    map.current().catch(() => {});
    // The other threads start when a request needs one, or else a little later: the server's
    // first moments belong to its first visitor's page. Four threads loading their modules at
    // once on two cores slowed that page's scripts and data by half a second.
    laterStarts = setTimeout(() => {
      relevance.start();
      search.start();
      writer.start();
    }, THREADS_AFTER_MS);
  });
  const routes = { library: options.library, relevance, search, writer, map };
  await app.register(papersRoutes, routes);
  await app.register(listingsRoutes, routes);
  await app.register(profilesRoutes, routes);
  await app.register(relevanceRoutes, routes);
  await app.register(planRoutes, routes);
  await app.register(topicsRoutes, routes);
  await app.register(digestsRoutes, routes);
  await app.register(collectionsRoutes, routes);
  await app.register(mapRoutes, routes);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
  return app;
}
