// EndNote XML (File > Export > XML in EndNote; also written by Zotero and Mendeley for EndNote
// users): `<xml><records><record>` with the fields in nested elements, their text often split
// into `<style face="italic">` runs that carry the formatting.
import type { ImportedPaper, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { invertedName } from './person-names.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { elementLines, parseXml, xmlParser } from './xml-text.ts';

/**
 * Elements in document order, as fast-xml-parser's `preserveOrder` gives them: each node is
 * `{name: children}` (plus `:@` for attributes), or `{'#text': text}`. Order matters: a title
 * is the text of its style runs in order, with the spaces between them kept.
 */
type XmlNode = Record<string, unknown>;

const parser = xmlParser({ preserveOrder: true, ignoreAttributes: true, trimValues: false });

function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

function childrenOf(node: XmlNode): XmlNode[] {
  const name = nameOf(node);
  const children = name === undefined ? undefined : node[name];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

/** The elements at the end of `path` below `nodes` (`['titles', 'title']`). */
function select(nodes: readonly XmlNode[], path: readonly string[]): XmlNode[] {
  let level = [...nodes];
  for (const step of path) level = level.flatMap((node) => (nameOf(node) === step ? [node] : [])).flatMap(childrenOf);
  return level;
}

/** All text below the nodes, in order. */
function textOf(nodes: readonly XmlNode[]): string {
  return nodes.map((node) => (typeof node['#text'] === 'string' ? node['#text'] : textOf(childrenOf(node)))).join('');
}

/** The text of each element at `path`, squeezed, empty ones left out. */
function texts(record: readonly XmlNode[], path: readonly string[]): string[] {
  const parents = select(record, path.slice(0, -1));
  const last = path.at(-1)!;
  return parents.filter((node) => nameOf(node) === last).map((node) => squeeze(textOf(childrenOf(node)))).filter(Boolean);
}

function first(record: readonly XmlNode[], ...paths: (readonly string[])[]): string | undefined {
  for (const path of paths) {
    const [value] = texts(record, path);
    if (value) return value;
  }
  return undefined;
}

const web = (url: string) => /^https?:\/\//i.test(url);

function urlsOf(record: readonly XmlNode[]): PaperUrls | undefined {
  // `internal-pdf://` and file paths point into the exporter's own library.
  const related = [...texts(record, ['urls', 'related-urls', 'url']), ...texts(record, ['urls', 'web-urls', 'url'])].filter(web);
  const pdf = texts(record, ['urls', 'pdf-urls', 'url']).find(web) ?? related.find((url) => /\.pdf(?:$|[?#])/i.test(url));
  const site = related.find((url) => url !== pdf);
  return site || pdf ? { ...(site && { site }), ...(pdf && { pdf }) } : undefined;
}

function recordToPaper(record: XmlNode[]): ImportedPaper {
  const abstract = first(record, ['abstract']);
  const names = texts(record, ['contributors', 'authors', 'author']).filter((name) => !isPlaceholder(name));
  const paper: ImportedPaper = {
    ...titleFields(first(record, ['titles', 'title']), abstract, 'record has no <title>'),
    authors: names.map(invertedName),
  };
  if (abstract) paper.abstract = abstract;
  const keywords = texts(record, ['keywords', 'keyword']);
  if (keywords.length) paper.keywords = keywords;
  const venue = first(record, ['titles', 'secondary-title'], ['periodical', 'full-title'], ['titles', 'tertiary-title']);
  if (venue) paper.venue = venue;
  const year = /\b(?:1[5-9]|20)\d\d\b/.exec(first(record, ['dates', 'year']) ?? '');
  if (year) paper.year = Number(year[0]);
  const urls = urlsOf(record);
  if (urls) paper.urls = urls;
  const doi = doiFrom(first(record, ['electronic-resource-num']) ?? '');
  const arxivUrl = [urls?.site, urls?.pdf].find((url) => url && /arxiv\.org\//.test(url));
  const arxiv = arxivUrl ? arxivIdFrom(arxivUrl) : undefined;
  if (doi || arxiv) paper.ids = { ...(doi && { doi }), ...(arxiv && { arxiv }) };
  const number = first(record, ['rec-number']);
  if (number) paper.sourceId = number;
  return paper;
}

export const endnoteXmlImporter: Importer = {
  format: 'endnote-xml',
  detect(text) {
    const head = text.slice(0, 8192);
    if (!/<xml>\s*<records>\s*<record>/.test(head)) return 0;
    return /<(?:ref-type|source-app|rec-number|titles|contributors)[\s>]/.test(head) ? 1 : 0.8;
  },
  parse(text) {
    const document = parseXml(text.replace(/^\uFEFF/, ''), parser) as XmlNode[];
    const records = select(document, ['xml', 'records']).filter((node) => nameOf(node) === 'record');
    if (records.length === 0) throw new ImportError('no <record> elements under <xml><records>');
    const sources = records.map((node, index): SourceRecord<XmlNode[]> => {
      const record = childrenOf(node);
      return { ...place(index + 1, first(record, ['rec-number'])), record };
    });
    const { papers, skipped } = collectPapers(sources, recordToPaper, { lineOf: elementLines(text, 'record') });
    return { format: 'endnote-xml', meta: {}, papers, ...skippedField(skipped) };
  },
};
