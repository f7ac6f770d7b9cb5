// The ways out from a paper to where it can be read, for the web app and the Markdown session
// plan alike: its arXiv, OpenReview, DOI and PDF links when the library knows them, otherwise
// title searches on the sites that have most papers. Every field comes from a listing, which
// anyone may have written: only http(s) addresses are ever returned, and ids go into our own
// addresses only when they look like ids.
import type { Paper } from './types.ts';

export interface PaperLink {
  /** `read`: the paper itself (or its page); `search`: a title search, when nothing better is known. */
  kind: 'read' | 'search';
  label: string;
  url: string;
}

/** The URL if it is a web address, so `javascript:` and `data:` links from a listing never become links. */
export function webUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

// The shapes identifiers take, so that an odd value from a listing is no link rather than a wrong one.
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;
const DOI = /^10\.\d{4,9}\/\S+$/;
const OPENREVIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;

const pathOf = (value: string) => value.split('/').map(encodeURIComponent).join('/');

function titleSearches(title: string): PaperLink[] {
  const query = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params)}`;
  const words = title.replace(/\s+/g, ' ').trim();
  return [
    { label: 'arXiv', url: query('https://arxiv.org/search/', { query: words, searchtype: 'title' }) },
    { label: 'OpenReview', url: query('https://openreview.net/search', { term: words }) },
    { label: 'Semantic Scholar', url: query('https://www.semanticscholar.org/search', { q: words }) },
    { label: 'Google Scholar', url: query('https://scholar.google.com/scholar', { q: words }) },
  ].map((link) => ({ kind: 'search', ...link }));
}

/**
 * Links to read a paper: arXiv, OpenReview, DOI and PDF when known, then its page, code and
 * project; when none of the first four is known, title searches follow, so every paper has a
 * way to its text.
 */
export function paperLinks(paper: Pick<Paper, 'title' | 'urls' | 'ids'>): PaperLink[] {
  const { urls, ids } = paper;
  const candidates: [string, string | undefined][] = [
    ['arXiv', ids.arxiv && ARXIV_ID.test(ids.arxiv) ? `https://arxiv.org/abs/${pathOf(ids.arxiv)}` : undefined],
    ['OpenReview', ids.openreview && OPENREVIEW_ID.test(ids.openreview) ? `https://openreview.net/forum?id=${ids.openreview}` : undefined],
    ['DOI', ids.doi && DOI.test(ids.doi) ? `https://doi.org/${pathOf(ids.doi)}` : undefined],
    ['PDF', urls.pdf],
  ];
  const reading = candidates.flatMap(([label, url]) => {
    const safe = webUrl(url);
    return safe ? [{ kind: 'read' as const, label, url: safe }] : [];
  });
  const pages: [string, string | undefined][] = [
    ['Paper page', urls.site],
    ['Code', urls.github],
    ['Project', urls.project],
  ];
  const more = pages.flatMap(([label, url]) => {
    const safe = webUrl(url);
    // A site that says only its PDF again is no second way.
    return safe && !reading.some((link) => link.url === safe) ? [{ kind: 'read' as const, label, url: safe }] : [];
  });
  return [...reading, ...more, ...(reading.length === 0 ? titleSearches(paper.title) : [])];
}
