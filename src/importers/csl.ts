// CSL-JSON and CSL-YAML: the Citation Style Language's data format, which Zotero, Better
// BibTeX, Mendeley, DOI content negotiation and Pandoc write (`references:` in a Markdown
// file's YAML block or a .yaml file). One item per paper; its fields are as the CSL schema
// names them (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
import { LineCounter, parseDocument, isSeq, type Node } from 'yaml';
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { decodeEntities, splitList, squeeze } from './clean-text.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { boundedMessage, describeValue } from './untrusted.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

type CslItem = Record<string, unknown>;

/** The rich-text markup CSL allows in titles and abstracts (`<i>E. coli</i>`, `<span class="nocase">`). */
const CSL_MARKUP = /<\/?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>/gi;

/** A text field as plain text: numbers (YAML reads `title: 1984` as one) as written, markup and entities resolved. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const plain = squeeze(decodeEntities(value.includes('<') ? value.replace(CSL_MARKUP, '') : value));
  return plain || undefined;
}

/** A CSL name: `{family, given, non-dropping-particle, …}` or `{literal}` (an organisation, a name kept whole). */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (!value || typeof value !== 'object') return undefined;
  const name = value as Record<string, unknown>;
  const literal = text(name.literal);
  if (literal) return literal;
  const parts = [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix].map(text).filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

const YEAR = /\b(?:1[5-9]|20)\d\d\b/;

/**
 * The year of a CSL date: `{date-parts: [[2020, 5, 1]]}`, `{raw: "2020-05"}`, `{literal}`, or
 * as Pandoc also takes it, a plain `2020-05-01`, a number, or the old `[{year: 2020}]` list.
 * `depth` stops a date nested in itself (a hostile file) a few levels down.
 */
function yearOf(value: unknown, depth = 0): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value === 'string') {
    const year = YEAR.exec(value);
    return year ? Number(year[0]) : undefined;
  }
  if (depth > 3 || !value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return yearOf(value[0], depth + 1);
  const date = value as Record<string, unknown>;
  const parts = date['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[])[0] : undefined;
  return yearOf(first, depth + 1) ?? yearOf(date.year, depth + 1) ?? yearOf(date.raw, depth + 1) ?? yearOf(date.literal, depth + 1);
}

function keywordsOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value.map(text).filter((item) => item !== undefined) : splitList(text(value) ?? '', /[,;]/);
  return list.length ? list : undefined;
}

/** An arXiv id where Zotero and Better BibTeX put one: `number: arXiv:2101.00001`, the arXiv DOI, the URL, a note. */
function arxivOf(item: CslItem, doi: string | undefined, url: string | undefined): string | undefined {
  const candidates = [text(item.number), doi, url, text(item.note), text(item.archive_location)];
  return candidates.map((value) => (value && /arxiv/i.test(value) ? arxivIdFrom(value) : undefined)).find(Boolean);
}

function itemToPaper(value: unknown): ImportedPaper {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportError(`expected a CSL item (an object), found ${describeValue(value)}`);
  }
  const item = value as CslItem;
  const abstract = text(item.abstract);
  const authors = Array.isArray(item.author) ? item.author.map(nameOf).filter((name): name is string => name !== undefined && !isPlaceholder(name)) : [];
  const paper: ImportedPaper = { ...titleFields(text(item.title) ?? text(item['title-short']), abstract, 'item has no "title"'), authors };
  if (abstract) paper.abstract = abstract;
  const keywords = keywordsOf(item.keyword);
  if (keywords) paper.keywords = keywords;
  const venue = text(item['container-title']) ?? text(item['event-title']) ?? text(item.event);
  if (venue) paper.venue = venue;
  const year = yearOf(item.issued);
  if (year) paper.year = year;
  const url = text(item.URL);
  if (url && /^https?:\/\//i.test(url)) paper.urls = (/\.pdf(?:$|[?#])/i.test(url) ? { pdf: url } : { site: url }) satisfies PaperUrls;
  const doi = doiFrom(text(item.DOI) ?? '');
  const arxiv = arxivOf(item, doi, url);
  if (doi || arxiv) paper.ids = { ...(doi && { doi }), ...(arxiv && { arxiv }) } satisfies PaperIds;
  const id = text(item['citation-key']) ?? text(item.id);
  if (id) paper.sourceId = id;
  return paper;
}

function itemKey(item: unknown): string | undefined {
  return item && typeof item === 'object' ? text((item as CslItem)['citation-key']) ?? text((item as CslItem).id) : undefined;
}

function collectItems(items: readonly unknown[], lineOf: (entry: number) => number | undefined) {
  if (items.length === 0) throw new ImportError('the file lists no items');
  const sources = items.map((item, index): SourceRecord<unknown> => ({ ...place(index + 1, itemKey(item)), record: item }));
  return collectPapers(sources, itemToPaper, { lineOf });
}

/** Keys only CSL items have (a paperlists or Semantic Scholar record has none of them). */
const CSL_KEYS = /"(?:container-title|date-parts|issued|citation-key|title-short|non-dropping-particle|family|given)"\s*:/g;
const CSL_TYPE = /"type"\s*:\s*"(?:article(?:-journal|-magazine|-newspaper)?|paper-conference|book|chapter|report|thesis|webpage|manuscript|dataset|entry-encyclopedia|speech|software|post|motion_picture|patent|broadcast|standard)"/;

export const cslJsonImporter: Importer = {
  format: 'csl-json',
  detect(text) {
    const head = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
    if (!head.startsWith('[') && !head.startsWith('{')) return 0;
    const keys = new Set(head.match(CSL_KEYS)?.map((key) => key.replace(/\s*:$/, ''))).size;
    if (keys >= 2 && CSL_TYPE.test(head)) return 0.95;
    return keys >= 2 ? 0.7 : 0;
  },
  parse(text) {
    const data = parseJson(text.replace(/^\uFEFF/, ''));
    // A list of items (Zotero, Better BibTeX), one item (a DOI resolved as CSL-JSON), or Zotero's web API page of `items`.
    const wrapped = data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { items?: unknown }).items);
    const items = Array.isArray(data) ? data : wrapped ? ((data as { items: unknown[] }).items) : [data];
    const { papers, skipped } = collectItems(items, Array.isArray(data) ? topLevelValueLines(text) : () => undefined);
    return { format: 'csl-json', meta: {}, papers, ...skippedField(skipped) };
  },
};

/**
 * The YAML of a CSL-YAML text: the whole file, or a Markdown file's metadata block (from a
 * `---` line to the next `---` or `...` line), with the line the YAML starts on.
 */
function yamlBlock(text: string): { yaml: string; firstLine: number } {
  const block = /^---[ \t]*\r?\n([\s\S]*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return block ? { yaml: block[1], firstLine: 2 } : { yaml: text, firstLine: 1 };
}

interface YamlItems {
  items: unknown[];
  lineOf: (entry: number) => number | undefined;
}

function readYaml(text: string): YamlItems {
  const { yaml, firstLine } = yamlBlock(text.replace(/^\uFEFF/, ''));
  const lines = new LineCounter();
  const document = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number) => lines.linePos(offset).line + firstLine - 1;
  const [error] = document.errors;
  if (error) throw new ImportError(`invalid YAML: ${boundedMessage(error.message)}`, `line ${lineAt(error.pos[0])}, column ${lines.linePos(error.pos[0]).col}`);
  let data: unknown;
  try {
    data = document.toJS();
  } catch (failure) {
    // Aliases to missing anchors, and alias expansion past the library's limit (a "billion laughs" file).
    throw new ImportError(`invalid YAML: ${boundedMessage(failure)}`);
  }
  const listNode = (isSeq(document.contents) ? document.contents : document.get('references', true)) as Node | undefined;
  const list = Array.isArray(data) ? data : (data as { references?: unknown } | null)?.references;
  if (!Array.isArray(list) || !isSeq(listNode)) throw new ImportError('expected a list of CSL items, or one under "references:"', `line ${firstLine}`);
  const itemNodes = listNode.items as (Node | undefined)[];
  return { items: list, lineOf: (entry) => { const range = itemNodes[entry - 1]?.range; return range ? lineAt(range[0]) : undefined; } };
}

export const cslYamlImporter: Importer = {
  format: 'csl-yaml',
  detect(text) {
    const head = text.slice(0, 8192).replace(/^\uFEFF/, '');
    // Pandoc's `references:` list, or a bare list of items.
    if (!/^references:[ \t]*\r?\n[ \t]*- /m.test(head) && !/^- (?:id|type|title|author):/m.test(head)) return 0;
    const keys = ['type', 'issued', 'container-title', 'family', 'given', 'DOI', 'date-parts', 'citation-key']
      .filter((key) => new RegExp(`^[ \\t-]*${key}:`, 'm').test(head)).length;
    return keys >= 2 ? 0.95 : 0.5;
  },
  parse(text) {
    const { items, lineOf } = readYaml(text);
    const { papers, skipped } = collectItems(items, lineOf);
    return { format: 'csl-yaml', meta: {}, papers, ...skippedField(skipped) };
  },
};

