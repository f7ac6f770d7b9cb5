// What each kind of source asks for and how its answers are read: the requests a fetch makes
// (and how it pages through them), the format of the answer, and which settings the kind takes.
import type { FormatName, Source, SourceKind, SourceParams } from '../types.ts';
import { InputError } from './errors.ts';

/** How to fetch one source: its pages' addresses and what they hold. */
export interface RequestPlan {
  /** The address of the page starting at record `offset` (0 for the first, or only, page). */
  pageUrl(offset: number, pageSize: number): string;
  /** Records asked for per page; undefined for a source of one request. */
  pageSize?: number;
  /** At most this many records in all. */
  max: number;
  /** The format to read the answer as; undefined to detect it (a page in any format paperscout reads). */
  format?: FormatName;
  /** Detected formats the answer may be in, when detected. */
  formats?: readonly FormatName[];
  /** What the answer should be, for messages: `an Atom feed`. */
  expects: string;
  /** How many records the query matches in all, when the answer says. */
  totalOf?(text: string): number | undefined;
  /** Whether arXiv's API terms apply: one request every 3 s. */
  arxivApi?: boolean;
}

const ARXIV_API = 'https://export.arxiv.org/api/query';
const ARXIV_RSS = 'https://rss.arxiv.org/rss/';
const OPENREVIEW_API = 'https://api2.openreview.net/notes';
const HF_DAILY = 'https://huggingface.co/api/daily_papers';

/** arXiv's API serves at most 30,000 results of a query, in pages of up to 2,000. */
const ARXIV_MAX = 30_000;
const ARXIV_PAGE = 200;
const ARXIV_DEFAULT_MAX = 1000;
/** OpenReview's API gives at most 1,000 notes a request. */
const OPENREVIEW_PAGE = 1000;
const OPENREVIEW_MAX = 100_000;

const CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VENUE = /^[\w.-]+(?:\/[\w.-]+)*$/;
export const SOURCE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

/** YYYYMMDDhhmm, as arXiv's submittedDate ranges take it. */
const arxivStamp = (date: string, time: string) => `${date.replaceAll('-', '')}${time}`;

function arxivQuery(params: SourceParams, now: Date): string {
  const parts: string[] = [];
  const categories = params.categories ?? [];
  if (categories.length) parts.push(categories.length === 1 ? `cat:${categories[0]}` : `(${categories.map((category) => `cat:${category}`).join(' OR ')})`);
  for (const term of params.terms ?? []) parts.push(/\s/.test(term) ? `all:"${term}"` : `all:${term}`);
  const days = params.days;
  const from = days ? new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10) : params.from;
  const to = days ? now.toISOString().slice(0, 10) : params.to;
  if (from || to) parts.push(`submittedDate:[${arxivStamp(from ?? '1991-01-01', '0000')} TO ${arxivStamp(to ?? now.toISOString().slice(0, 10), '2359')}]`);
  return parts.join(' AND ');
}

function withQuery(base: string, query: Record<string, string | number>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.href;
}

/** The `<opensearch:totalResults>` of an arXiv API answer. */
const arxivTotal = (text: string) => {
  const match = /<opensearch:totalResults[^>]*>\s*(\d+)\s*</.exec(text.slice(0, 8192));
  return match ? Number(match[1]) : undefined;
};

/** The `count` OpenReview's API gives after the notes. */
const openreviewTotal = (text: string) => {
  const match = /"count"\s*:\s*(\d+)\s*\}\s*$/.exec(text.slice(-256));
  return match ? Number(match[1]) : undefined;
};

/** The requests for `source`, as of `now` (a rolling date range ends today). */
export function requestPlan(source: Source, now: Date): RequestPlan {
  const { params } = source;
  switch (source.kind) {
    case 'arxiv-query': {
      const searchQuery = arxivQuery(params, now);
      return {
        // Newest first, so `max` keeps the latest papers.
        pageUrl: (start, size) => withQuery(params.url ?? ARXIV_API, { search_query: searchQuery, start, max_results: size, sortBy: 'submittedDate', sortOrder: 'descending' }),
        pageSize: ARXIV_PAGE,
        max: params.max ?? ARXIV_DEFAULT_MAX,
        format: 'arxiv-atom',
        expects: 'an Atom feed (arXiv API)',
        totalOf: arxivTotal,
        arxivApi: true,
      };
    }
    case 'arxiv-feed':
      return { pageUrl: () => params.url ?? `${ARXIV_RSS}${params.category}`, max: Infinity, format: 'rss-feed', expects: 'an RSS feed (arXiv listing)' };
    case 'openreview': {
      const filter: Record<string, string> = params.accepted ? { 'content.venueid': params.venue! } : { invitation: `${params.venue}/-/Submission` };
      return {
        pageUrl: (offset, limit) => withQuery(params.url ?? OPENREVIEW_API, { ...filter, offset, limit }),
        pageSize: OPENREVIEW_PAGE,
        max: OPENREVIEW_MAX,
        format: 'openreview-notes',
        expects: 'JSON notes (OpenReview API)',
        totalOf: openreviewTotal,
      };
    }
    case 'hf-daily':
      return { pageUrl: () => params.url ?? HF_DAILY, max: Infinity, format: 'hf-daily-papers', expects: 'JSON daily papers (Hugging Face API)' };
    case 'feed':
      return { pageUrl: () => params.url!, max: Infinity, formats: ['rss-feed', 'arxiv-atom'], expects: 'an RSS or Atom feed' };
    case 'page':
      return { pageUrl: () => params.url!, max: Infinity, expects: 'a listing paperscout reads' };
  }
}

/** One line saying what a source fetches, for `source list`. */
export function describeSource(source: Source): string {
  const { params } = source;
  const elsewhere = params.url && source.kind !== 'feed' && source.kind !== 'page' ? ` at ${params.url}` : '';
  switch (source.kind) {
    case 'arxiv-query': {
      const dates = params.days ? `last ${params.days} day(s)` : params.from || params.to ? `${params.from ?? '…'} to ${params.to ?? 'today'}` : undefined;
      const what = [params.categories?.join(' or '), params.terms?.map((term) => `"${term}"`).join(' and '), dates].filter(Boolean).join('; ');
      return `arXiv API: ${what}, up to ${(params.max ?? ARXIV_DEFAULT_MAX).toLocaleString('en')} papers${elsewhere}`;
    }
    case 'arxiv-feed':
      return `arXiv daily listing of ${params.category}${elsewhere}`;
    case 'openreview':
      return `OpenReview: ${params.accepted ? 'accepted papers' : 'submissions'} of ${params.venue}${elsewhere}`;
    case 'hf-daily':
      return `Hugging Face daily papers${elsewhere}`;
    case 'feed':
      return `feed ${params.url}`;
    case 'page':
      return `page ${params.url}`;
  }
}

function httpUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${option} must be an http:// or https:// address`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`${option} must be an http:// or https:// address, not ${url.protocol}`, 'url');
  return url.href;
}

function validDate(value: string, option: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(value)) || new Date(value).toISOString().slice(0, 10) !== value) {
    throw new InputError(`${option} must be a date as YYYY-MM-DD`, option);
  }
  return value;
}

function wholeNumber(value: number, option: string, most: number): number {
  if (!Number.isInteger(value) || value < 1 || value > most) throw new InputError(`${option} must be a whole number from 1 to ${most.toLocaleString('en')}`, option);
  return value;
}

/**
 * A kind's settings, checked and with only what the kind takes: a bad one is an InputError
 * naming the setting. `url` is the address of a feed or page, or another address for an API.
 */
export function checkedParams(kind: SourceKind, params: SourceParams): SourceParams {
  const url = params.url === undefined ? undefined : httpUrl(params.url, kind === 'feed' || kind === 'page' ? `the ${kind} address` : 'the API address');
  const at = url ? { url } : {};
  switch (kind) {
    case 'arxiv-query': {
      const categories = params.categories ?? [];
      const terms = (params.terms ?? []).map((term) => term.replaceAll('"', ' ').trim().replace(/\s+/g, ' ')).filter(Boolean);
      if (categories.length === 0 && terms.length === 0) throw new InputError('an arXiv query needs categories (cs.LG) or search terms, or both', 'categories');
      const badCategory = categories.find((category) => !CATEGORY.test(category));
      if (badCategory !== undefined) throw new InputError(`not an arXiv category: ${badCategory.length <= 20 ? `"${badCategory}"` : `a name of ${badCategory.length} characters`} (e.g. cs.LG, stat.ML, hep-th)`, 'categories');
      const from = params.from === undefined ? undefined : validDate(params.from, 'from');
      const to = params.to === undefined ? undefined : validDate(params.to, 'to');
      if (from && to && from > to) throw new InputError(`the date range ends (${to}) before it starts (${from})`, 'to');
      if (params.days !== undefined && (from || to)) throw new InputError('give either a rolling number of days or a from/to date range, not both', 'days');
      const days = params.days === undefined ? undefined : wholeNumber(params.days, 'days', 3650);
      const max = params.max === undefined ? undefined : wholeNumber(params.max, 'max', ARXIV_MAX);
      return { ...(categories.length && { categories }), ...(terms.length && { terms }), ...(from && { from }), ...(to && { to }), ...(days && { days }), ...(max && { max }), ...at };
    }
    case 'arxiv-feed': {
      const category = params.category ?? '';
      // rss.arxiv.org takes several categories joined by `+` (cs.LG+stat.ML).
      if (!category.split('+').every((part) => CATEGORY.test(part))) throw new InputError('an arXiv listing needs a category such as cs.LG (or several: cs.LG+stat.ML)', 'category');
      return { category, ...at };
    }
    case 'openreview': {
      const venue = params.venue ?? '';
      if (!VENUE.test(venue) || venue.includes('/-/')) throw new InputError('an OpenReview source needs a venue id such as ICLR.cc/2025/Conference', 'venue');
      return { venue, accepted: params.accepted === true, ...at };
    }
    case 'hf-daily':
      return at;
    case 'feed':
    case 'page':
      if (!url) throw new InputError(`a ${kind} source needs its address (http:// or https://)`, 'url');
      return at;
  }
}
