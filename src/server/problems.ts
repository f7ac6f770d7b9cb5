// How failures reach API clients: always an RFC 9457 problem body, never a stack trace. And how a
// failure inside the server reaches the person running it: on stderr, under the id the client saw.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ProfileError } from '../engine/errors.ts';
import { LibraryBusyError } from '../library/write-lock.ts';
import type { Problem } from './schemas.ts';

/** A failure the client can act on (unknown id, name taken, unreadable listing). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Pick<Problem, 'field' | 'location'> = {},
  ) {
    super(message);
  }
}

/** A CLI ingest lets other writers in at least once a second. */
const RETRY_AFTER_S = 1;

export const notFound = (what: string) => new HttpProblem(404, `no ${what}`);

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function problemText(status: number, detail: string, extra: Pick<Problem, 'field' | 'location'> = {}): string {
  const problem: Problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...extra };
  return JSON.stringify(problem);
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Pick<Problem, 'field' | 'location'> = {}): FastifyReply {
  return reply.code(status).type(PROBLEM_TYPE).send(problemText(status, detail, extra));
}

type ValidationError = FastifyError & Required<Pick<FastifyError, 'validation'>>;

/** `query.limit`, `body.files.0.text`: the field a validation error is about. */
function fieldOf(error: ValidationError): string {
  const [first] = error.validation;
  const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = [first?.instancePath.split('/').filter(Boolean).join('.'), missing].filter(Boolean).join('.');
  const context = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'request');
  return path ? `${context}.${path}` : context;
}

/** Fastify's client errors whose own message quotes the request's whole path. */
const DETAILS_WITHOUT_THE_PATH: Record<string, string> = {
  FST_ERR_BAD_URL: 'the URL path is not validly percent-encoded',
  FST_ERR_MAX_PARAM_LENGTH: 'a part of the URL path is too long',
};

/**
 * Any error a request ends in, as its problem: a validation error, the server's own, fastify's
 * (malformed JSON, body too large, a badly encoded URL), or an unexpected one, which is logged.
 */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.validation) {
    const field = fieldOf(error as ValidationError);
    const [first] = error.validation;
    const detail = first?.keyword === 'required' ? `${field} is required` : `${field} ${first?.message ?? 'is invalid'}`;
    return sendProblem(reply, 400, detail, { field });
  }
  if (error instanceof HttpProblem) return sendProblem(reply, error.status, error.message, error.extra);
  // A profile too empty to recommend for: the engine's message says what to add.
  if (error instanceof ProfileError) return sendProblem(reply, 422, error.message);
  // Another process (a CLI ingest) holds the library: nothing was written, and trying again soon will do.
  if (error instanceof LibraryBusyError) return sendProblem(reply.header('retry-after', String(RETRY_AFTER_S)), 503, error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendProblem(reply, status, DETAILS_WITHOUT_THE_PATH[error.code] ?? error.message);
  // On stderr whether or not fastify's logger is on: `serve` runs without one. The route, not
  // the URL: the URL is the client's to choose.
  console.error(`paperscout: internal error ${request.id} in ${request.method} ${request.routeOptions.url ?? '(no route)'}:`, error);
  return sendProblem(reply, 500, `internal error ${request.id}: see the server log`);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
}

/**
 * Node's `clientError`: a request it could not parse (headers or URL too large, not HTTP at all),
 * answered as a problem with the server's `headers`. There is no request or reply to answer
 * with at that point, only the socket, so the response is written on it by hand, as Node's own
 * fallback does.
 */
export function answerClientErrors(headers: Record<string, string>): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    // A connection reset or closed by the client has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) return;
    const [status, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, `the request's URL and headers are larger than ${maxHeaderSize / 1024} KiB`]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'the request did not arrive in time']
          : [400, 'the request is not well-formed HTTP'];
    const body = problemText(status, detail);
    const fields = { ...headers, 'content-type': PROBLEM_TYPE, 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(fields).map(([name, value]) => `${name}: ${value}`)];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  };
}
