// How failures reach API clients: always an RFC 9457 problem body, never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
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

export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Pick<Problem, 'field' | 'location'> = {}): FastifyReply {
  const problem: Problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...extra };
  return reply.code(status).type('application/problem+json').send(JSON.stringify(problem));
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

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
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
    // Fastify's own client errors (malformed JSON, body too large, wrong content type) carry safe messages.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, status, error.message);
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, 500, 'internal error: see the server log');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
}
