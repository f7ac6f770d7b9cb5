// GET requests for `paperscout fetch`: the one place paperscout talks to the network.
//
// The `undici` package's fetch and its EnvHttpProxyAgent (HTTP_PROXY, HTTPS_PROXY, NO_PROXY): the
// same fetch Node ships, but Node 20's built-in one is undici 6, and a dispatcher of another
// undici major handed to it fails ("invalid onRequestStart method"), so both come from the
// package. What undici leaves to its caller is written here: retrying with backoff, honouring
// Retry-After up to a limit, following redirects one by one (undici's own `redirect: 'follow'`
// gives up after 20 without saying which addresses looped), and a body limit enforced while the
// body streams in, not after a 2 GB response has been buffered.
import { EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import type { Validators } from '../types.ts';

export interface HttpOptions {
  /** `paperscout/0.1.0 (+https://…)`: arXiv's API terms ask clients to name themselves. */
  userAgent: string;
  /** For one attempt, from the request to the last byte of the body. */
  timeoutMs?: number;
  /** Further attempts after a network error, a 5xx or a 429; each waits twice as long as the last. */
  retries?: number;
  /** The wait before the first retry. */
  backoffMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting. */
  maxRetryAfterMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
  /** How waits are made; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Where requests go; by default through the proxy the environment names, if any. */
  dispatcher?: Dispatcher;
}

export type HttpResult =
  | { notModified: true; url: string }
  | { notModified: false; url: string; status: number; contentType: string | undefined; body: Uint8Array; validators: Validators };

/** A request that failed for good; the message names the host and what happened. */
export class HttpError extends Error {}

export const DEFAULT_HTTP = { timeoutMs: 30_000, retries: 3, backoffMs: 1000, maxRetryAfterMs: 120_000, maxRedirects: 5, maxBytes: 64 * 1024 * 1024 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

let environmentDispatcher: Dispatcher | undefined;

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A failure worth another attempt (the network, the server's load), with the wait it asks for if any. */
class Transient extends Error {
  constructor(
    message: string,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/**
 * GETs `url`, following redirects; with `validators`, a 304 answer is `notModified`. Throws
 * HttpError once retries are spent, at once for a 4xx other than 429.
 */
export async function httpGet(url: string, options: HttpOptions, validators: Validators = {}): Promise<HttpResult> {
  const settings: Settings = { ...DEFAULT_HTTP, sleep: realSleep, ...definedOnly(options), userAgent: options.userAgent };
  const dispatcher = options.dispatcher ?? (environmentDispatcher ??= new EnvHttpProxyAgent());
  for (let attempt = 0; ; attempt++) {
    try {
      return await followRedirects(url, settings, dispatcher, validators);
    } catch (error) {
      if (!(error instanceof Transient)) throw error;
      if (attempt >= settings.retries) throw new HttpError(attempt > 0 ? `${error.message} (tried ${attempt + 1} times)` : error.message);
      const waitMs = error.waitMs ?? settings.backoffMs * 2 ** attempt;
      await settings.sleep(waitMs);
    }
  }
}

type Settings = typeof DEFAULT_HTTP & { userAgent: string; sleep: (ms: number) => Promise<void> };

async function followRedirects(start: string, settings: Settings, dispatcher: Dispatcher, validators: Validators): Promise<HttpResult> {
  const visited = [start];
  let url = start;
  for (;;) {
    const outcome = await requestOnce(url, settings, dispatcher, validators);
    if (!('location' in outcome)) return outcome;
    const next = outcome.location;
    if (visited.includes(next)) throw new HttpError(`redirect loop: ${[...visited.slice(visited.indexOf(next)), next].map(shortUrl).join(' → ')}`);
    visited.push(next);
    if (visited.length > settings.maxRedirects + 1) throw new HttpError(`more than ${settings.maxRedirects} redirects, from ${shortUrl(start)} to ${shortUrl(next)}`);
    url = next;
  }
}

async function requestOnce(url: string, settings: Settings, dispatcher: Dispatcher, validators: Validators): Promise<HttpResult | { location: string }> {
  const host = new URL(url).host;
  const headers: Record<string, string> = { 'user-agent': settings.userAgent, accept: '*/*' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let response;
  try {
    response = await fetch(url, { headers, redirect: 'manual', signal, dispatcher });
  } catch (error) {
    throw networkFailure(host, error, settings.timeoutMs);
  }
  const { status } = response;
  if (REDIRECTS.has(status)) {
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location) throw new HttpError(`${host} answered ${status} (a redirect) without saying where to`);
    return { location: new URL(location, url).href };
  }
  if (status === 304) {
    await response.body?.cancel();
    return { notModified: true, url };
  }
  if (status === 429 || status >= 500) {
    await response.body?.cancel();
    const waitMs = retryAfterMs(response.headers.get('retry-after'));
    const answered = `${host} answered ${statusLine(status, response.statusText)}`;
    if (waitMs !== undefined && waitMs > settings.maxRetryAfterMs) {
      throw new HttpError(`${answered} and asks to wait ${seconds(waitMs)} (Retry-After), longer than the ${seconds(settings.maxRetryAfterMs)} paperscout waits; try again later`);
    }
    throw new Transient(answered, waitMs);
  }
  if (status < 200 || status >= 300) {
    await response.body?.cancel();
    throw new HttpError(`${host} answered ${statusLine(status, response.statusText)} for ${shortUrl(url)}`);
  }
  const body = await readBody(response, host, settings, signal);
  return {
    notModified: false,
    url,
    status,
    contentType: response.headers.get('content-type') ?? undefined,
    body,
    validators: definedOnly({ etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined }),
  };
}

/** The body, refused as soon as it passes the limit (by its Content-Length, or while it streams in). */
async function readBody(response: Awaited<ReturnType<typeof fetch>>, host: string, settings: Settings, signal: AbortSignal): Promise<Uint8Array> {
  const limit = `the limit of ${sizeOf(settings.maxBytes)}`;
  const declared = Number(response.headers.get('content-length'));
  if (declared > settings.maxBytes) {
    await response.body?.cancel();
    throw new HttpError(`${host} sends ${sizeOf(declared)}, over ${limit}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      // Leaving the loop cancels the body's stream.
      if (size > settings.maxBytes) throw new HttpError(`${host} sent over ${limit}; stopped reading`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (signal.aborted) throw new Transient(`${host} did not finish sending within ${seconds(settings.timeoutMs)}`);
    const of = declared > 0 ? ` of ${declared.toLocaleString('en')}` : '';
    throw new Transient(`the response from ${host} broke off after ${size.toLocaleString('en')}${of} bytes (a truncated body)`);
  }
  return Buffer.concat(chunks);
}

/** The codes of an error and its causes (fetch wraps the socket's error; Node 20 may group several tries). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const stack = [error];
  while (stack.length > 0 && codes.length < 20) {
    const item = stack.pop();
    if (!item || typeof item !== 'object') continue;
    const { code, cause, errors } = item as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    stack.push(cause);
    if (Array.isArray(errors)) stack.push(...errors);
  }
  return codes;
}

function networkFailure(host: string, error: unknown, timeoutMs: number): Error {
  if ((error as Error)?.name === 'TimeoutError') return new Transient(`${host} did not answer within ${seconds(timeoutMs)}`);
  const codes = errorCodes(error);
  // A name that does not resolve will not resolve a second later: no retry.
  if (codes.includes('ENOTFOUND')) return new HttpError(`cannot reach ${host}: its name does not resolve; you seem to be offline (or the address is wrong)`);
  if (codes.includes('EAI_AGAIN')) return new Transient(`cannot reach ${host}: no name server answers; you seem to be offline`);
  if (codes.includes('ECONNREFUSED')) return new Transient(`cannot reach ${host}: connection refused; you seem to be offline, or the server is down`);
  if (codes.includes('ENETUNREACH') || codes.includes('EHOSTUNREACH')) return new Transient(`cannot reach ${host}: no route to it; you seem to be offline`);
  const code = codes.find((item) => /^E[A-Z]+$|^UND_ERR/.test(item));
  return new Transient(`the connection to ${host} failed${code ? ` (${code})` : ''}`);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** `503 Service Unavailable`: the reason phrase is the server's own words, so it is cut short. */
function statusLine(status: number, reason: string): string {
  const words = reason.replace(/[^\x20-\x7e]/g, '').trim();
  return words ? `${status} ${words.length <= 40 ? words : `${words.slice(0, 39)}…`}` : String(status);
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.ceil(ms / 1000).toLocaleString('en')} s`);
const sizeOf = (bytes: number) => (bytes < 1048576 ? `${bytes.toLocaleString('en')} bytes` : `${(bytes / 1048576).toFixed(1)} MiB`);

/** A URL for a message: its host and path, cut short (a query can be long). */
export function shortUrl(url: string): string {
  const { host, pathname } = new URL(url);
  const shown = `${host}${pathname}`;
  return shown.length <= 80 ? shown : `${shown.slice(0, 79)}…`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
