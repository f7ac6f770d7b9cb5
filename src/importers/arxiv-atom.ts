// arXiv API responses (http://export.arxiv.org/api/query?...): an Atom feed with one <entry>
// per paper, read with fast-xml-parser. Other Atom feeds parse too, just without arXiv ids.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { LineIndex, lineAndColumn } from './text-location.ts';
import { collectPapers, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { boundedMessage, shortLabel } from './untrusted.ts';

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
/** An Atom entry nests four deep; the parser refuses deeper nesting rather than recurse into it. */
const MAX_NESTED_TAGS = 100;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Titles like "1984" must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
  maxNestedTags: MAX_NESTED_TAGS,
});

function textOf(value: unknown): string | undefined {
  // An element with attributes parses to {#text, ...attributes}.
  const raw = value && typeof value === 'object' ? (value as { '#text'?: unknown })['#text'] : value;
  if (typeof raw !== 'string') return undefined;
  const text = squeeze(raw);
  return text || undefined;
}

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

/** Elements left open, outermost first, for a message: the first and last few when there are many. */
function openElements(names: readonly string[]): string {
  const shown = (list: readonly string[]) => list.map((name) => `<${shortLabel(name) ?? '…'}>`).join(', ');
  return names.length <= 6 ? shown(names) : `${shown(names.slice(0, 3))}, … ${(names.length - 6).toLocaleString('en')} more, ${shown(names.slice(-3))}`;
}

/**
 * The validator reports elements left open at the end (a truncated download) as "Invalid
 * '["feed", "entry"]' found" at line 1; say what happened and point at the end instead.
 */
function validationError(text: string, error: { msg: string; line: number; col: number }): ImportError {
  const open = /^Invalid '(\[.*\])' found\.$/.exec(error.msg)?.[1] ?? /^Unclosed tag '(.*)'\.$/.exec(error.msg)?.[1];
  if (!open) return new ImportError(`invalid XML: ${boundedMessage(error.msg)}`, `line ${error.line}, column ${error.col}`);
  const names = open.startsWith('[') ? (JSON.parse(open) as string[]) : [open];
  return new ImportError(`truncated XML: the file ends inside ${openElements(names)}`, lineAndColumn(text, text.length));
}

/**
 * Where elements first nest deeper than `limit`. Hand-written because the parser does not say:
 * the text has passed validation, so counting start and end tags is enough to point at the spot
 * (comments, CDATA and processing instructions start with `<!` or `<?` and are not counted).
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  for (const tag of text.matchAll(/<(\/?)[\p{L}_:][^>]*?(\/?)>/gu)) {
    if (tag[1]) depth--;
    else if (!tag[2] && ++depth > limit) return tag.index;
  }
  return undefined;
}

/**
 * The parser throws plain Errors for what the validator lets through: DOCTYPE declarations it
 * refuses (external and parameter entities), nesting past its limit, names it will not use.
 */
function parserError(text: string, error: unknown): ImportError {
  const reason = boundedMessage(error);
  if (reason.startsWith('Maximum nested tags')) {
    const at = tooDeepAt(text, MAX_NESTED_TAGS);
    return new ImportError(`elements nested over ${MAX_NESTED_TAGS} deep`, at === undefined ? undefined : lineAndColumn(text, at));
  }
  const doctype = /<!DOCTYPE/i.exec(text)?.index;
  const inDoctype = doctype !== undefined && /DOCTYPE|entit|notation|element|attribute/i.test(reason);
  return new ImportError(`invalid XML: ${reason}`, inDoctype ? lineAndColumn(text, doctype) : undefined);
}

/** The line of the `n`th `<entry>` (1-based), found on the first call. */
function entryLines(text: string): (n: number) => number | undefined {
  let lines: number[] | undefined;
  return (n) => {
    if (!lines) {
      const index = new LineIndex(text);
      lines = [...text.matchAll(/<entry[\s>]/g)].map((match) => index.lineAt(match.index));
    }
    return lines[n - 1];
  };
}

function parseFeed(text: string): { feed?: { entry?: AtomEntry[] } } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw validationError(text, valid.err);
  try {
    return parser.parse(text) as { feed?: { entry?: AtomEntry[] } };
  } catch (error) {
    throw parserError(text, error);
  }
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
    if (entries.length === 0) throw new ImportError('Atom feed has no entries (the query matched no papers)');
    const sources = entries.map((entry, index): SourceRecord<AtomEntry> => ({ ...place(index + 1, textOf(entry.id)), record: entry }));
    const { papers, skipped } = collectPapers(sources, entryToPaper, { lineOf: entryLines(text) });
    return { format: 'arxiv-atom', meta: {}, papers, ...skippedField(skipped) };
  },
};
