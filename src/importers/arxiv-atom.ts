// arXiv API responses (http://export.arxiv.org/api/query?...): an Atom feed with one <entry>
// per paper, read with fast-xml-parser. Other Atom feeds parse too, just without arXiv ids.
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { EmptyListingError, ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { collectPapers, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { boundedMessage } from './untrusted.ts';
import { elementLines, parseXml, textOf, xmlParser } from './xml-text.ts';

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

const parser = xmlParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => REPEATED.has(name),
});

function entryToPaper(entry: AtomEntry): ImportedPaper {
  const abstract = textOf(entry.summary);
  const paper: ImportedPaper = {
    ...titleFields(textOf(entry.title), abstract, 'entry has no title'),
    authors: (entry.author ?? []).map((author) => textOf(author.name)).filter((name) => name !== undefined),
  };
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

function parseFeed(text: string): { feed?: { entry?: AtomEntry[] } } {
  return parseXml(text, parser) as { feed?: { entry?: AtomEntry[] } };
}

export const arxivAtomImporter: Importer = {
  format: 'arxiv-atom',
  detect(text) {
    const head = text.slice(0, 4096);
    if (!/<feed[\s>]/.test(head) || !head.includes('http://www.w3.org/2005/Atom')) return 0;
    return /arxiv/i.test(head) ? 0.95 : 0.6;
  },
  parse(text) {
    const { feed } = parseFeed(text);
    if (!feed) throw new ImportError('not an Atom feed (no <feed> element)');
    const entries = feed.entry ?? [];
    // The arXiv API reports a bad query as a feed holding one entry about the error.
    const apiError = entries.find((entry) => textOf(entry.id)?.includes('arxiv.org/api/errors'));
    if (apiError) throw new ImportError(`arXiv API error: ${boundedMessage(textOf(apiError.summary) ?? 'unknown')}`);
    if (entries.length === 0) throw new EmptyListingError('Atom feed has no entries (the query matched no papers)');
    const sources = entries.map((entry, index): SourceRecord<AtomEntry> => ({ ...place(index + 1, textOf(entry.id)), record: entry }));
    const { papers, skipped } = collectPapers(sources, entryToPaper, { lineOf: elementLines(text, 'entry') });
    return { format: 'arxiv-atom', meta: {}, papers, ...skippedField(skipped) };
  },
};
