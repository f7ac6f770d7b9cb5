// Fetching sources: each source's pages are all fetched and read first, then stored as one
// listing through the same importers and de-duplication as `paperscout ingest`, or nothing is
// stored for it at all. A failed source is reported and the others still go on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FetchStatus, ParsedListing, Source, Validators } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import type { IngestOutcome } from '../library/ingest.ts';
import type { Progress } from './library-features.ts';
import { EmptyListingError, ImportError, parseListing } from '../importers/index.ts';
import { looksLikeHtml } from '../importers/html.ts';
import { decodeListing, encodingName } from '../library/text-encoding.ts';
import { HttpError, httpGet, realSleep, shortUrl, type HttpOptions } from '../net/http.ts';
import { NotFoundError } from './errors.ts';
import { requestPlan, type RequestPlan } from './source-kinds.ts';

// Read, not imported: package.json lies outside the build's rootDir (src/), and this path holds
// from src/actions/ and dist/actions/ alike.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** arXiv's API terms: no more than one request every three seconds. */
export const ARXIV_INTERVAL_MS = 3000;

export interface FetchProgress extends Progress {
  /** Called before each request: the source and the page (1, 2, …) being fetched. */
  page?(source: string, page: number): void;
}

export interface FetchOptions {
  /** Started with the number of sources, updated after each. */
  progress?: FetchProgress;
  /** Timeouts, retries, limits, how to wait (see net/http.ts); the User-Agent is paperscout's own. */
  http?: Partial<HttpOptions>;
  /** The time of the fetch: names its listings, ends a rolling date range, is recorded on the sources. */
  now?: () => Date;
  /** An e-mail address for the User-Agent, so an API's operators can reach whoever runs paperscout. */
  contact?: string;
  /** For tests only: the wait between arXiv API requests (arXiv's terms ask for 3 s). */
  arxivIntervalMs?: number;
  /** For tests only: records asked for per page, instead of each API's largest page. */
  pageSize?: number;
}

export interface SourceFetchReport {
  source: string;
  status: FetchStatus;
  /** What happened, for the person: the papers stored, or what failed and where. */
  message: string;
  /** HTTP requests made for the source (redirects and retries aside). */
  requests: number;
  /** The ingest of the listing made, when the source had papers. */
  outcome?: IngestOutcome;
}

/** A source that could not be fetched or read: the message says what happened and where. */
class SourceFailure extends Error {}

/** The User-Agent arXiv's API terms ask for: paperscout and its version, and whom to contact if given. */
export function userAgent(contact?: string): string {
  return `paperscout/${version}${contact ? ` (mailto:${contact})` : ''}`;
}

/**
 * Fetches the named sources (all, when none is named), one after another, and returns what each
 * did, in order. A source that fails (the network, the server's answer, an answer that cannot be
 * read) stores nothing and is reported; the rest go on. Throws NotFoundError, before fetching
 * anything, when a name is not a source.
 */
export async function fetchSources(library: PaperStore, names: readonly string[] = [], options: FetchOptions = {}): Promise<SourceFetchReport[]> {
  const sources = names.length ? names.map((name) => library.source(name)) : library.sources();
  const missing = names.filter((_, index) => !sources[index]);
  if (missing.length) throw new NotFoundError(`no source named ${missing.map((name) => `"${name}"`).join(', ')} (see \`paperscout source list\`)`, 'name');
  const fetcher = new Fetcher(library, options);
  const reports: SourceFetchReport[] = [];
  options.progress?.start(sources.length);
  try {
    for (const source of sources as Source[]) {
      reports.push(await fetcher.fetch(source));
      options.progress?.update(reports.length);
    }
  } finally {
    options.progress?.stop();
  }
  return reports;
}

class Fetcher {
  private readonly http: HttpOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;
  private readonly arxivIntervalMs: number;
  /** When the last arXiv API request started (performance.now()), across the sources of this fetch. */
  private lastArxivRequest: number | undefined;

  constructor(
    private readonly library: PaperStore,
    private readonly options: FetchOptions,
  ) {
    this.sleep = options.http?.sleep ?? realSleep;
    this.http = { ...options.http, sleep: this.sleep, userAgent: options.http?.userAgent ?? userAgent(options.contact) };
    this.now = options.now ?? (() => new Date());
    this.arxivIntervalMs = options.arxivIntervalMs ?? ARXIV_INTERVAL_MS;
  }

  async fetch(source: Source): Promise<SourceFetchReport> {
    const now = this.now();
    const fetchedAt = now.toISOString();
    const counter = { requests: 0 };
    const report = (status: FetchStatus, message: string, outcome?: IngestOutcome): SourceFetchReport => ({ source: source.name, status, message, requests: counter.requests, ...(outcome && { outcome }) });
    try {
      const answer = await this.fetchPages(source, requestPlan(source, now), counter);
      if (answer === 'unchanged') {
        const message = 'not changed since the last fetch';
        this.library.recordFetch(source.name, { fetchedAt, status: 'unchanged', message });
        return report('unchanged', message);
      }
      const { pages, validators } = answer;
      if (pages.length === 0) {
        const message = 'the answer lists no papers';
        this.library.recordFetch(source.name, { fetchedAt, status: 'empty', message, validators });
        return report('empty', message);
      }
      const parsed = oneListing(pages);
      const name = `${source.name} ${fetchedAt.slice(0, 16).replace('T', ' ')}`;
      return this.library.write(() => {
        // Hashed over the papers read rather than the answers' bytes: a feed sent again with only
        // a new build date is the same listing, and adds nothing.
        const outcome = this.library.addListing({ parsed, text: JSON.stringify(parsed.papers), fileName: name });
        const status = outcome.added ? 'added' : 'unchanged';
        const message = outcome.added
          ? `${count(parsed.papers.length, 'paper')}: ${outcome.newPapers.toLocaleString('en')} new, ${outcome.mergedPapers.toLocaleString('en')} already in the library`
          : `the same papers as listing "${outcome.listing.name}"`;
        this.library.recordFetch(source.name, { fetchedAt, status, message, validators, listingId: outcome.added ? outcome.listing.id : undefined });
        return report(status, message, outcome);
      });
    } catch (error) {
      if (!(error instanceof SourceFailure)) throw error;
      this.library.recordFetch(source.name, { fetchedAt, status: 'failed', message: error.message });
      return report('failed', error.message);
    }
  }

  /**
   * Every page of the source, read, or 'unchanged' when the server says so (a 304). Conditional
   * requests are made for sources of one request only: a 304 for one page of several says
   * nothing of the others, whose papers the listing would lack.
   */
  private async fetchPages(source: Source, plan: RequestPlan, counter: { requests: number }): Promise<'unchanged' | { pages: ParsedListing[]; validators: Record<string, Validators> }> {
    const paged = plan.pageSize !== undefined;
    const known = paged ? {} : this.library.sourceValidators(source.name);
    const validators: Record<string, Validators> = {};
    const pages: ParsedListing[] = [];
    let offset = 0;
    for (let page = 1; ; page++) {
      const size = paged ? Math.min(this.options.pageSize ?? plan.pageSize!, plan.max - offset) : 0;
      const url = plan.pageUrl(offset, size);
      const where = paged ? `page ${page} (${shortUrl(url)})` : shortUrl(url);
      if (plan.arxivApi) await this.arxivTurn();
      this.options.progress?.page?.(source.name, page);
      counter.requests++;
      const result = await this.get(url, plan, known[url], where);
      if (result.notModified) return 'unchanged';
      if (!paged && (result.validators.etag || result.validators.lastModified)) validators[url] = result.validators;
      const text = decodeAnswer(result.body, result.contentType, where);
      const parsed = readAnswer(text, plan, url, where, result.status);
      if (!parsed) break;
      pages.push(parsed);
      if (!paged) break;
      const records = parsed.papers.length + (parsed.skipped?.length ?? 0);
      offset += records;
      if (records < size || offset >= Math.min(plan.totalOf?.(text) ?? Infinity, plan.max)) break;
    }
    return { pages, validators };
  }

  private async get(url: string, plan: RequestPlan, validators: Validators | undefined, where: string) {
    // A retry must not come sooner than arXiv's interval either.
    const http = plan.arxivApi ? { ...this.http, backoffMs: Math.max(this.http.backoffMs ?? 0, this.arxivIntervalMs) } : this.http;
    try {
      return await httpGet(url, http, validators);
    } catch (error) {
      if (error instanceof HttpError) throw new SourceFailure(`${where}: ${error.message}`);
      throw error;
    } finally {
      // From the end of its last attempt: retries inside httpGet are requests too.
      if (plan.arxivApi) this.lastArxivRequest = performance.now();
    }
  }

  /** Waits until arXiv's interval has passed since the last request to its API. */
  private async arxivTurn(): Promise<void> {
    if (this.lastArxivRequest !== undefined) {
      const wait = this.arxivIntervalMs - (performance.now() - this.lastArxivRequest);
      if (wait > 0) await this.sleep(wait);
    }
    this.lastArxivRequest = performance.now();
  }
}

const unreadable = (where: string, error: ImportError) => new SourceFailure(`${where}: ${error.location ? `${error.location}: ` : ''}${error.message}`);

/** The body as text, in the charset the answer names (UTF-8 by default). */
function decodeAnswer(body: Uint8Array, contentType: string | undefined, where: string): string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  const encoding = charset && !/^utf-?8$/i.test(charset) && encodingName(charset) ? charset : undefined;
  try {
    return decodeListing(body, encoding);
  } catch (error) {
    if (error instanceof ImportError) throw unreadable(where, error);
    throw error;
  }
}

/** One answer's papers, or undefined when it lists none. */
function readAnswer(text: string, plan: RequestPlan, url: string, where: string, status: number): ParsedListing | undefined {
  const structured = plan.format !== undefined || plan.formats !== undefined;
  // A login wall, a rate-limit notice or a maintenance page often comes with status 200.
  if (structured && looksLikeHtml(text)) {
    throw new SourceFailure(`${where}: the server answered ${status} with an HTML page (${count(Buffer.byteLength(text), 'byte')}), not ${plan.expects}`);
  }
  let parsed: ParsedListing;
  try {
    parsed = parseListing(text, path.posix.basename(new URL(url).pathname) || 'page', plan.format);
  } catch (error) {
    if (error instanceof EmptyListingError) return undefined;
    if (error instanceof ImportError) throw unreadable(where, error);
    throw error;
  }
  if (plan.formats && !plan.formats.includes(parsed.format)) throw new SourceFailure(`${where}: the answer reads as ${parsed.format}, not ${plan.expects}`);
  return parsed;
}

/** The pages of one fetch as one listing: their papers in order, each page's skipped records numbered on from the last. */
function oneListing(pages: readonly ParsedListing[]): ParsedListing {
  if (pages.length === 1) return pages[0];
  let before = 0;
  const listing: ParsedListing = { format: pages[0].format, meta: pages[0].meta, papers: [], warnings: [], skipped: [] };
  pages.forEach((page, index) => {
    listing.papers.push(...page.papers);
    listing.warnings!.push(...(page.warnings ?? []).map((warning) => `page ${index + 1}: ${warning}`));
    listing.skipped!.push(...(page.skipped ?? []).map((skip) => ({ ...skip, entry: skip.entry + before, reason: `page ${index + 1}: ${skip.reason}` })));
    before += page.papers.length + (page.skipped?.length ?? 0);
  });
  return listing;
}

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
