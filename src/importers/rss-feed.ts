// RSS feeds: RSS 2.0 (`<rss><channel><item>`, arXiv's daily listings at rss.arxiv.org/rss/cs.LG,
// blogs) and RSS 1.0 (`<rdf:RDF><item>`, many journals' tables of contents), read with
// fast-xml-parser. Atom feeds are arxiv-atom's. Items carry Dublin Core and PRISM fields
// (`dc:creator`, `prism:doi`) beside RSS's own; arXiv's say `arXiv:ID Announce Type: new
// Abstract: …` before the abstract.
import type { ImportedPaper, PaperIds } from '../types.ts';
import { EmptyListingError, ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { htmlToText } from './html.ts';
import { invertedName } from './person-names.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { elementLines, parseXml, textOf, xmlParser } from './xml-text.ts';

type Item = Record<string, unknown>;

const REPEATED = new Set(['item', 'category', 'dc:creator', 'dc:subject', 'dc:identifier']);

const parser = xmlParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => REPEATED.has(name) });

const texts = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(textOf).filter((text) => text !== undefined);

/** arXiv's items open their description with the id and the kind of announcement. */
const ARXIV_PREAMBLE = /^arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/i;

/** A description is often HTML (escaped in the XML, so it arrives here as markup). */
function abstractOf(item: Item): string | undefined {
  const raw = textOf(item.description) ?? textOf(item['content:encoded']);
  if (!raw) return undefined;
  const plain = /<\/?[a-z][^>]*>/i.test(raw) ? squeeze(htmlToText(raw)) : raw;
  return plain.replace(ARXIV_PREAMBLE, '').trim() || undefined;
}

/**
 * Authors as feeds write them: one `dc:creator` each, or one holding them all (`A. Smith, B. Jones`
 * as arXiv writes them), or `Smith, John`; RSS's own `author` is `mail@example.org (Name)`.
 */
function authorsOf(item: Item): string[] {
  const creators = texts(item['dc:creator']);
  const named = creators.length ? creators : texts(item.author).map((author) => /\(([^)]+)\)\s*$/.exec(author)?.[1] ?? author);
  return named.flatMap((name) => {
    const pieces = name.split(/\s*,\s*|\s+and\s+/).filter(Boolean);
    if (pieces.length > 1 && pieces.every((piece) => /\s/.test(piece))) return pieces;
    return pieces.length === 2 ? [invertedName(name)] : [name];
  }).filter((name) => !isPlaceholder(name));
}

function itemToPaper(item: Item): ImportedPaper {
  const abstract = abstractOf(item);
  const paper: ImportedPaper = { ...titleFields(textOf(item.title), abstract, 'item has no title'), authors: authorsOf(item) };
  if (abstract) paper.abstract = abstract;
  const year = /\b(?:19|20)\d\d\b/.exec(textOf(item.pubDate) ?? textOf(item['dc:date']) ?? textOf(item['prism:publicationDate']) ?? '');
  if (year) paper.year = Number(year[0]);
  const keywords = [...new Set([...texts(item.category), ...texts(item['dc:subject'])])];
  if (keywords.length) paper.keywords = keywords;
  const link = textOf(item.link) ?? textOf((item as { 'rdf:about'?: unknown })['rdf:about']);
  const site = link && /^https?:\/\//i.test(link) ? link : undefined;
  if (site) paper.urls = { site };
  const ids: PaperIds = {};
  const arxiv = site && /arxiv\.org\/abs\//i.test(site) ? arxivIdFrom(site) : undefined;
  if (arxiv) {
    ids.arxiv = arxiv;
    paper.urls = { site, pdf: `https://arxiv.org/pdf/${arxiv}` };
  }
  const doi = [textOf(item['prism:doi']), ...texts(item['dc:identifier']), site].map((value) => value && doiFrom(value)).find(Boolean);
  if (doi) ids.doi = doi;
  if (arxiv || doi) paper.ids = ids;
  const venue = textOf(item['prism:publicationName']) ?? (arxiv ? 'arXiv' : undefined);
  if (venue) paper.venue = venue;
  const guid = textOf(item.guid) ?? link;
  if (guid) paper.sourceId = guid;
  return paper;
}

/** The items of an RSS 2.0 or 1.0 document, or undefined when it is neither. */
function itemsOf(document: Record<string, unknown>): unknown[] | undefined {
  const rss = document.rss as { channel?: { item?: unknown[] } } | undefined;
  if (rss) return rss.channel?.item ?? [];
  const rdf = Object.entries(document).find(([name]) => /(?:^|:)RDF$/.test(name))?.[1] as { item?: unknown[] } | undefined;
  return rdf ? (rdf.item ?? []) : undefined;
}

export const rssFeedImporter: Importer = {
  format: 'rss-feed',
  detect(text) {
    const head = text.slice(0, 4096);
    if (/<rss[\s>]/.test(head) && /<channel[\s>]/.test(head)) return 0.95;
    return /<(?:rdf:)?RDF[\s>]/.test(head) && head.includes('http://purl.org/rss/1.0/') ? 0.95 : 0;
  },
  parse(text) {
    const document = parseXml(text, parser) as Record<string, unknown>;
    const items = itemsOf(document ?? {});
    if (!items) throw new ImportError('not an RSS feed (no <rss> or <rdf:RDF> element)');
    if (items.length === 0) throw new EmptyListingError('RSS feed has no items');
    const sources = items.map((item, index): SourceRecord<Item> => {
      const record = item && typeof item === 'object' ? (item as Item) : {};
      return { ...place(index + 1, textOf(record.guid)), record };
    });
    const { papers, skipped } = collectPapers(sources, itemToPaper, { lineOf: elementLines(text, 'item') });
    return { format: 'rss-feed', meta: {}, papers, ...skippedField(skipped) };
  },
};
