// arXiv API responses (http://export.arxiv.org/api/query?...): an Atom feed with one <entry>
// per paper, read with fast-xml-parser. Other Atom feeds parse too, just without arXiv ids.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { lineAndColumn } from './text-location.ts';

interface AtomLink {
  href?: string;
  rel?: string;
  title?: string;
  type?: string;
}

interface AtomEntry {
  id?: unknown;
  title?: unknown;
  summary?: unknown;
  published?: unknown;
  author?: { name?: unknown }[];
  link?: AtomLink[];
  category?: { term?: string }[];
  'arxiv:doi'?: unknown;
  'arxiv:primary_category'?: { term?: string };
}

const REPEATED = new Set(['entry', 'author', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Titles like "1984" must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

function textOf(value: unknown): string | undefined {
  // An element with attributes parses to {#text, ...attributes}.
  const raw = value && typeof value === 'object' ? (value as { '#text'?: unknown })['#text'] : value;
  if (typeof raw !== 'string') return undefined;
  const text = squeeze(raw);
  return text || undefined;
}

function entryToPaper(entry: AtomEntry, ordinal: number): ImportedPaper {
  const title = textOf(entry.title);
  if (!title) throw new ImportError('entry has no title', `entry ${ordinal}`);
  const paper: ImportedPaper = { title, authors: (entry.author ?? []).map((author) => textOf(author.name)).filter((name) => name !== undefined) };
  const abstract = textOf(entry.summary);
  if (abstract) paper.abstract = abstract;
  const year = /^\d{4}/.exec(textOf(entry.published) ?? '');
  if (year) paper.year = Number(year[0]);
  const categories = [entry['arxiv:primary_category']?.term, ...(entry.category ?? []).map((category) => category.term)];
  const keywords = [...new Set(categories.filter((term): term is string => Boolean(term)))];
  if (keywords.length) paper.keywords = keywords;
  const links = entry.link ?? [];
  const urls: PaperUrls = {};
  const site = links.find((link) => link.rel === 'alternate')?.href;
  const pdf = links.find((link) => link.title === 'pdf' || link.type === 'application/pdf')?.href;
  if (site) urls.site = site;
  if (pdf) urls.pdf = pdf;
  if (site || pdf) paper.urls = urls;
  const id = textOf(entry.id);
  const ids: PaperIds = {};
  const arxiv = id && /arxiv\.org\/abs\//.test(id) ? arxivIdFrom(id) : undefined;
  if (arxiv) {
    ids.arxiv = arxiv;
    paper.venue = 'arXiv';
  }
  const doi = doiFrom(textOf(entry['arxiv:doi']) ?? '');
  if (doi) ids.doi = doi;
  if (arxiv || doi) paper.ids = ids;
  if (id) paper.sourceId = id;
  return paper;
}

/**
 * The validator reports elements left open at the end (a truncated download) as "Invalid
 * '["feed", "entry"]' found" at line 1; say what happened and point at the end instead.
 */
function xmlError(text: string, error: { msg: string; line: number; col: number }): ImportError {
  const open = /^Invalid '(\[.*\])' found\.$/.exec(error.msg)?.[1] ?? /^Unclosed tag '(.*)'\.$/.exec(error.msg)?.[1];
  if (!open) return new ImportError(`invalid XML: ${error.msg}`, `line ${error.line}, column ${error.col}`);
  const names = open.startsWith('[') ? (JSON.parse(open) as string[]) : [open];
  return new ImportError(`truncated XML: the file ends inside <${names.join('>, <')}>`, lineAndColumn(text, text.length));
}

export const arxivAtomImporter: Importer = {
  format: 'arxiv-atom',
  detect(text) {
    const head = text.slice(0, 4096);
    if (!/<feed[\s>]/.test(head) || !head.includes('http://www.w3.org/2005/Atom')) return 0;
    return /arxiv/i.test(head) ? 0.95 : 0.6;
  },
  parse(text) {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw xmlError(text, valid.err);
    const feed = (parser.parse(text) as { feed?: { entry?: AtomEntry[] } }).feed;
    if (!feed) throw new ImportError('not an Atom feed (no <feed> element)');
    const entries = feed.entry ?? [];
    // The arXiv API reports a bad query as a feed holding one entry about the error.
    const apiError = entries.find((entry) => textOf(entry.id)?.includes('arxiv.org/api/errors'));
    if (apiError) throw new ImportError(`arXiv API error: ${textOf(apiError.summary) ?? 'unknown'}`);
    if (entries.length === 0) throw new ImportError('Atom feed has no entries (the query matched no papers)');
    return { format: 'arxiv-atom', meta: {}, papers: entries.map((entry, index) => entryToPaper(entry, index + 1)) };
  },
};
